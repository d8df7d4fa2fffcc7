import * as E from 'fp-ts/Either';
import { FieldError } from './codec/decode-errors';
import { DivisionTreePart } from './division-tree-parts';
import { buildDivisionTree, Division, DivisionTree } from './divisions';

/** One recorded tree: where it sits in the log, the date it takes effect, and what it says. */
export interface RecordedTree {
  /** Global position of its `DivisionTreeRecorded` event, or of its last `DivisionTreePartRecorded`. */
  readonly position: number;
  readonly effectiveFrom: string;
  readonly tree: DivisionTree;
  readonly successors: Readonly<Record<string, string>>;
}

/**
 * Every division tree the ledger has recorded, in log order (docs/decisions/0015).
 * A household event is decided — and replayed by the verifier — against the tree that
 * was the latest in the log when the event was appended, so a later tree never turns an
 * earlier, valid event into an anomaly. Reports roll up with `everRecorded`.
 */
export interface DivisionHistory {
  readonly trees: readonly RecordedTree[];
  /** The tree in force now: the latest recorded. */
  readonly current: DivisionTree | undefined;
  /** The tree in force when the event at `position` was recorded: the latest one before it. */
  at(position: number): DivisionTree | undefined;
  /**
   * Every division ever recorded, each under its one parent (a code never changes place),
   * named as the latest tree that holds it names it: the tree that reports roll up with,
   * so that a division a later tree dropped still adds into its ancestors for the periods
   * when households were in it.
   */
  readonly everRecorded: DivisionTree | undefined;
  /**
   * The first parts of a tree whose recording stopped before its last part (possible only
   * on a store without atomic batches): not a tree, not in force; recording the same tree
   * again appends the missing parts (docs/decisions/0056).
   */
  readonly unfinished?: UnfinishedTree;
}

/** The parts of a tree recorded so far, in order from part 1. */
export interface UnfinishedTree {
  readonly occurredOn: string;
  readonly parts: readonly DivisionTreePart[];
  /** Global position of the last part stored. */
  readonly position: number;
}

export interface StoredTree {
  readonly position: number;
  readonly occurredOn: string;
  readonly divisions: readonly Division[];
  readonly successors?: Readonly<Record<string, string>>;
}

/** Indexes the stored trees (in log order). Left when a stored tree is not a valid tree. */
export const divisionHistory = (stored: readonly StoredTree[]): E.Either<FieldError[], DivisionHistory> => {
  const trees: RecordedTree[] = [];
  const ever = new Map<string, Division>();
  for (const s of stored) {
    const built = buildDivisionTree(s.divisions, s.successors ?? {});
    if (E.isLeft(built)) return E.left(built.left.map((f) => ({ ...f, path: `position ${s.position}: ${f.path}` })));
    trees.push({ position: s.position, effectiveFrom: s.occurredOn, tree: built.right, successors: s.successors ?? {} });
    for (const d of s.divisions) ever.set(d.code, d);
  }
  let everRecorded: DivisionTree | undefined;
  if (ever.size > 0) {
    const built = buildDivisionTree([...ever.values()]);
    if (E.isLeft(built)) return E.left(built.left.map((f) => ({ ...f, path: `every division ever recorded: ${f.path}` })));
    everRecorded = built.right;
  }
  return E.right({
    trees,
    current: trees[trees.length - 1]?.tree,
    at: (position) => {
      let found: DivisionTree | undefined;
      for (const t of trees) if (t.position < position) found = t.tree;
      return found;
    },
    everRecorded,
  });
};

export const emptyDivisionHistory: DivisionHistory = { trees: [], current: undefined, at: () => undefined, everRecorded: undefined };
