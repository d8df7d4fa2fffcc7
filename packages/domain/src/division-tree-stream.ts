import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { canonicallyEqual } from './canonical-equal';
import { closed } from './codec/closed';
import { FieldError } from './codec/decode-errors';
import { DivisionFile, SuccessorsC } from './division-file';
import { DivisionHistory, UnfinishedTree } from './division-history';
import { DIVISION_TREE_PART_BYTES, DivisionTreePart, DivisionTreePartRecorded, splitDivisionTree, utf8Length } from './division-tree-parts';
import { buildDivisionTree, Division, DivisionListC, DivisionTree } from './divisions';

/**
 * The division tree is recorded as events in its own stream, so that it is versioned
 * like everything else and an auditor can see which tree was in force when. The event's
 * business date is the date the tree takes effect; `successors` names, for each division
 * the tree drops, the division its households move to (docs/decisions/0015). A tree too
 * large for one event is recorded in parts instead (`DivisionTreePartRecorded`,
 * docs/decisions/0056).
 */
export const DIVISIONS_STREAM = 'divisions';

export const DivisionTreeRecorded = t.type({
  type: t.literal('DivisionTreeRecorded'),
  data: closed('DivisionTreeRecorded.data', { divisions: DivisionListC }, { successors: SuccessorsC }),
});
export type DivisionTreeRecorded = t.TypeOf<typeof DivisionTreeRecorded>;

const sorted = (list: readonly Division[]): Division[] => [...list].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/**
 * Against the trees recorded before: a code keeps its parent and level for ever (so that
 * every division ever recorded still forms one tree and old figures roll up as they did),
 * the region stays the root, and a successor replaces a division of the tree in force that
 * the new tree drops, with a division of the same level in the new tree.
 */
const fitsHistory = (tree: DivisionTree, successors: Readonly<Record<string, string>>, history: DivisionHistory): FieldError[] => {
  const errors: FieldError[] = [];
  const ever = history.everRecorded;
  const current = history.current;
  if (ever === undefined || current === undefined) {
    for (const code of Object.keys(successors))
      errors.push({ path: `successors.${code}`, message: `no division tree is recorded yet, so "${code}" has nothing to succeed` });
    return errors;
  }
  if (tree.root.code !== ever.root.code)
    errors.push({ path: '', message: `the root must stay "${ever.root.code}": a ledger keeps one region for ever` });
  tree.all.forEach((d, i) => {
    const before = ever.get(d.code);
    if (before && (before.parentCode !== d.parentCode || before.level !== d.level))
      errors.push({
        path: `${i}.parentCode`,
        message: `division "${d.code}" was recorded as a ${before.level} under "${before.parentCode ?? '(none)'}"; a code keeps its place for ever: give the new place a new code and name it in "successors"`,
      });
  });
  for (const [from, to] of Object.entries(successors)) {
    const old = current.get(from);
    const next = tree.get(to);
    if (!old) errors.push({ path: `successors.${from}`, message: `"${from}" is not in the tree in force` });
    else if (tree.get(from)) errors.push({ path: `successors.${from}`, message: `"${from}" stays in the new tree; only a division the tree drops has a successor` });
    else if (!next) errors.push({ path: `successors.${from}`, message: `successor "${to}" is not in the new tree` });
    else if (next.level !== old.level) errors.push({ path: `successors.${from}`, message: `"${from}" is a ${old.level} but its successor "${to}" is a ${next.level}` });
  }
  return errors;
};

export interface DivisionTreeRecordingOptions {
  /** The date the tree takes effect: an unfinished recording of the same tree on the same date is finished, not restarted. */
  readonly effectiveFrom?: string;
  /** The most bytes of data one event holds (default {@link DIVISION_TREE_PART_BYTES}). */
  readonly partBytes?: number;
}

/** The parts still to append when `unfinished` is the start of exactly these parts, on the same date; else undefined. */
const remainingParts = (parts: readonly DivisionTreePart[], unfinished: UnfinishedTree | undefined, effectiveFrom: string | undefined): DivisionTreePart[] | undefined => {
  if (unfinished === undefined || effectiveFrom === undefined || unfinished.occurredOn !== effectiveFrom || unfinished.parts.length >= parts.length) return undefined;
  const same = unfinished.parts.every((p, i) => canonicallyEqual(p, parts[i]));
  return same ? parts.slice(unfinished.parts.length) : undefined;
};

/**
 * Recording a tree: validated whole and against the trees before it; the same tree with
 * the same successors again (in any order) records nothing. Returns the tree that will be
 * in force and the events to append: one `DivisionTreeRecorded` when its data fits in
 * `partBytes`, else its parts, or only the parts an interrupted recording of the same tree
 * did not store. Which households the tree moves, and whether it may, is decided per
 * household by the household Decider (`TransferHousehold`).
 */
export const decideDivisionTree = (
  file: Pick<DivisionFile, 'divisions' | 'successors'>,
  history: DivisionHistory,
  opts: DivisionTreeRecordingOptions = {},
): E.Either<FieldError[], { tree: DivisionTree; events: (DivisionTreeRecorded | DivisionTreePartRecorded)[] }> => {
  const built = buildDivisionTree(file.divisions, file.successors);
  if (E.isLeft(built)) return built;
  const last = history.trees[history.trees.length - 1];
  const unchanged =
    last !== undefined &&
    canonicallyEqual(sorted(last.tree.all), sorted(built.right.all)) &&
    canonicallyEqual(last.successors, file.successors);
  // The tree in force, given again, was checked against its own history when it was recorded.
  if (unchanged) return E.right({ tree: built.right, events: [] });
  const errors = fitsHistory(built.right, file.successors, history);
  if (errors.length > 0) return E.left(errors);
  const data = { divisions: [...built.right.all], ...(Object.keys(file.successors).length > 0 ? { successors: { ...file.successors } } : {}) };
  const partBytes = opts.partBytes ?? DIVISION_TREE_PART_BYTES;
  // Small trees keep the one-event form every earlier version of Hearth wrote and reads.
  if (utf8Length(JSON.stringify(data)) <= partBytes) return E.right({ tree: built.right, events: [{ type: 'DivisionTreeRecorded', data }] });
  const parts = splitDivisionTree(data.divisions, file.successors, partBytes);
  const toAppend = remainingParts(parts, history.unfinished, opts.effectiveFrom) ?? parts;
  return E.right({ tree: built.right, events: toAppend.map((p) => ({ type: 'DivisionTreePartRecorded' as const, data: p })) });
};
