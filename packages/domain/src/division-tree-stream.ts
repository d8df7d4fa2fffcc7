import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { canonicalJson } from './canonical-json';
import { closed } from './codec/closed';
import { FieldError } from './codec/decode-errors';
import { buildDivisionTree, Division, DivisionListC, DivisionTree } from './divisions';

/**
 * The division tree is recorded as events in its own stream, so that it is versioned
 * like everything else and an auditor can see which tree was in force when.
 */
export const DIVISIONS_STREAM = 'divisions';

export const DivisionTreeRecorded = t.type({
  type: t.literal('DivisionTreeRecorded'),
  data: closed('DivisionTreeRecorded.data', { divisions: DivisionListC }),
});
export type DivisionTreeRecorded = t.TypeOf<typeof DivisionTreeRecorded>;

const sorted = (list: readonly Division[]): Division[] => [...list].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/**
 * Recording a tree: validated whole; the same tree again (in any order) records nothing.
 * Returns the tree that will be in force and the events to append.
 */
export const decideDivisionTree = (
  proposed: unknown,
  current: readonly Division[] | undefined,
): E.Either<FieldError[], { tree: DivisionTree; events: DivisionTreeRecorded[] }> => {
  const built = buildDivisionTree(proposed);
  if (E.isLeft(built)) return built;
  const unchanged = current !== undefined && canonicalJson(sorted(current)) === canonicalJson(sorted(built.right.all));
  return E.right({
    tree: built.right,
    events: unchanged ? [] : [{ type: 'DivisionTreeRecorded', data: { divisions: [...built.right.all] } }],
  });
};
