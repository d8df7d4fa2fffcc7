import type { Division, DivisionTree } from '@hearth/domain';

export class UnknownDivisionError extends Error {
  constructor(readonly code: string) {
    super(`unknown division "${code}"`);
    this.name = 'UnknownDivisionError';
  }
}

/** The division a report is asked for: the root when none is named. */
export const divisionNamed = (tree: DivisionTree, code: string | undefined): Division => {
  if (code === undefined) return tree.root;
  const d = tree.get(code);
  if (!d) throw new UnknownDivisionError(code);
  return d;
};

/** The divisions a report has rows for: the division itself, or its children. */
export const reportedDivisions = (tree: DivisionTree, division: Division, byChild: boolean): readonly Division[] =>
  byChild ? tree.children(division.code) : [division];

/**
 * Rolls per-village counts up to the wanted divisions: each village adds into every one
 * of its ancestors that is wanted. Divisions are data, so this runs at query time with
 * the tree in force; a household's village that the tree no longer knows counts nowhere.
 */
export const rollUp = <C>(
  tree: DivisionTree,
  perVillage: ReadonlyMap<string, C>,
  wanted: readonly Division[],
  empty: () => C,
  add: (a: C, b: C) => C,
): Map<string, C> => {
  const out = new Map<string, C>(wanted.map((d) => [d.code, empty()]));
  for (const [village, counts] of perVillage)
    for (const d of tree.lineage(village)) {
      const acc = out.get(d.code);
      if (acc !== undefined) out.set(d.code, add(acc, counts));
    }
  return out;
};

/** Accumulates per-village counts from per-household contributions. */
export class VillageTally<C> {
  readonly byVillage = new Map<string, C>();
  constructor(private readonly empty: () => C) {}

  /** The mutable counts of a village, created empty on first use. */
  of(village: string): C {
    let c = this.byVillage.get(village);
    if (c === undefined) {
      c = this.empty();
      this.byVillage.set(village, c);
    }
    return c;
  }
}

/** Adds `n` to a numeric field of counts being tallied (counts are exposed read-only). */
export const inc = <T extends object>(counts: T, key: keyof T, n = 1): void => {
  (counts as unknown as Record<keyof T, number>)[key] += n;
};
