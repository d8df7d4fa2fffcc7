import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { fieldErrors, FieldError } from './codec/decode-errors';
import { divisionHistory, DivisionHistory, StoredTree, UnfinishedTree } from './division-history';
import { DivisionTreePartRecorded } from './division-tree-parts';
import { DivisionTreeRecorded } from './division-tree-stream';

/** Every event type the `divisions` stream holds (docs/decisions/0015, 0056). */
export const DIVISION_TREE_EVENT_TYPES = ['DivisionTreeRecorded', 'DivisionTreePartRecorded'] as const;
export type DivisionTreeEventType = (typeof DIVISION_TREE_EVENT_TYPES)[number];

export const DivisionTreeEvent = t.union([DivisionTreeRecorded, DivisionTreePartRecorded]);
export type DivisionTreeEvent = t.TypeOf<typeof DivisionTreeEvent>;

/** One stored event of the `divisions` stream, as the ledger reads it. */
export interface DivisionStreamEntry {
  readonly position: number;
  readonly occurredOn: string;
  readonly type: string;
  readonly data: unknown;
}

const at = (position: number, message: string): FieldError[] => [{ path: `position ${position}`, message }];

const assemble = (u: UnfinishedTree): E.Either<FieldError[], StoredTree> => {
  const successors: Record<string, string> = {};
  for (const p of u.parts)
    for (const [from, to] of Object.entries(p.successors ?? {})) {
      if (from in successors) return E.left(at(u.position, `successor of "${from}" is given by two parts of the tree`));
      successors[from] = to;
    }
  return E.right({
    position: u.position,
    occurredOn: u.occurredOn,
    divisions: u.parts.flatMap((p) => p.divisions),
    ...(Object.keys(successors).length > 0 ? { successors } : {}),
  });
};

/**
 * The trees the `divisions` stream records, in log order: each `DivisionTreeRecorded` is
 * one tree; parts `1..n` of a `DivisionTreePartRecorded` run, one after the other with one
 * business date, are one tree at the position of part `n`. A run that stops short is not a
 * tree: at the end of the stream it is `unfinished`, and a later tree (its part 1, or a
 * whole tree) sets it aside. Left for anything else: the stream is damaged.
 */
export const storedDivisionTrees = (entries: readonly DivisionStreamEntry[]): E.Either<FieldError[], { trees: StoredTree[]; unfinished: UnfinishedTree | undefined }> => {
  const trees: StoredTree[] = [];
  let unfinished: UnfinishedTree | undefined;
  for (const e of entries) {
    const decoded = DivisionTreeEvent.decode({ type: e.type, data: e.data });
    if (E.isLeft(decoded)) return E.left(fieldErrors(decoded.left).map((f) => ({ ...f, path: `position ${e.position}: ${e.type}: ${f.path}` })));
    const event = decoded.right;
    if (event.type === 'DivisionTreeRecorded') {
      unfinished = undefined;
      const { divisions, successors } = event.data;
      trees.push({ position: e.position, occurredOn: e.occurredOn, divisions, ...(successors ? { successors } : {}) });
      continue;
    }
    const part = event.data;
    if (part.part > part.parts) return E.left(at(e.position, `part ${part.part} of ${part.parts} is past the last part`));
    if (part.part === 1) unfinished = { occurredOn: e.occurredOn, parts: [part], position: e.position };
    else {
      const before = unfinished?.parts[unfinished.parts.length - 1];
      if (unfinished === undefined || before === undefined || before.parts !== part.parts || before.part !== part.part - 1)
        return E.left(at(e.position, `part ${part.part} of ${part.parts} does not follow part ${part.part - 1} of the same tree`));
      if (e.occurredOn !== unfinished.occurredOn)
        return E.left(at(e.position, `part ${part.part} takes effect on ${e.occurredOn}, part 1 of the same tree on ${unfinished.occurredOn}`));
      unfinished = { occurredOn: unfinished.occurredOn, parts: [...unfinished.parts, part], position: e.position };
    }
    if (part.part === part.parts) {
      const tree = assemble(unfinished);
      if (E.isLeft(tree)) return tree;
      trees.push(tree.right);
      unfinished = undefined;
    }
  }
  return E.right({ trees, unfinished });
};

/** The history of trees the `divisions` stream records (left: the stream is damaged or a stored tree is invalid). */
export const divisionHistoryOfStream = (entries: readonly DivisionStreamEntry[]): E.Either<FieldError[], DivisionHistory> => {
  const stored = storedDivisionTrees(entries);
  if (E.isLeft(stored)) return stored;
  const history = divisionHistory(stored.right.trees);
  if (E.isLeft(history)) return history;
  return E.right(stored.right.unfinished === undefined ? history.right : { ...history.right, unfinished: stored.right.unfinished });
};
