import { createHash } from 'node:crypto';
import type { DivisionTree } from '@hearth/domain';

/**
 * What of a division tree decides a roll-up: each code and its parent (names and levels
 * do not move a figure). The per-division sums of the division counters are kept under
 * one such tree, stored with them, and a report given a tree reads those sums only when
 * its fingerprint is the stored one (docs/decisions/0079).
 */
export interface RollUpTree {
  /** SHA-256 of `text`. */
  readonly fingerprint: string;
  /** [code, parent] pairs sorted by code, as JSON: what is stored beside the sums. */
  readonly text: string;
  /** The divisions strictly above `code`, nearest first; none for a code the tree does not know (it counts nowhere). */
  ancestors(code: string): readonly string[];
  /** Whether this tree holds every division of `other`, each under the same parent, and more: a later tree of the same ledger (a code keeps its place for ever). */
  extends(other: RollUpTree): boolean;
}

const NONE: readonly string[] = [];

const rollUpTreeOfPairs = (pairs: readonly (readonly [string, string | null])[]): RollUpTree => {
  const text = JSON.stringify(pairs);
  const parents = new Map<string, string | null>(pairs);
  const ancestors = new Map<string, readonly string[]>();
  const tree: RollUpTree = {
    fingerprint: createHash('sha256').update(text).digest('hex'),
    text,
    ancestors: (code) => {
      let held = ancestors.get(code);
      if (held === undefined) {
        const out: string[] = [];
        if (parents.has(code)) for (let p = parents.get(code) ?? null; p !== null; p = parents.get(p) ?? null) out.push(p);
        held = out.length === 0 ? NONE : out;
        ancestors.set(code, held);
      }
      return held;
    },
    extends: (other) => {
      if (other.fingerprint === tree.fingerprint) return false;
      const theirs = JSON.parse(other.text) as [string, string | null][];
      return theirs.length < parents.size && theirs.every(([code, parent]) => parents.has(code) && parents.get(code) === parent);
    },
  };
  return tree;
};

const made = new WeakMap<DivisionTree, RollUpTree>();

/** The roll-up tree of a division tree (made once a tree object). */
export const rollUpTreeOf = (tree: DivisionTree): RollUpTree => {
  let t = made.get(tree);
  if (t === undefined) {
    const pairs = tree.all.map((d) => [d.code, d.parentCode] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    t = rollUpTreeOfPairs(pairs);
    made.set(tree, t);
  }
  return t;
};

/** The roll-up tree stored as `text` (by rollUpTreeOf). */
export const storedRollUpTree = (text: string): RollUpTree => rollUpTreeOfPairs(JSON.parse(text) as [string, string | null][]);
