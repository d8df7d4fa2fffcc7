import type { Division, DivisionTree } from '@hearth/domain';

/**
 * A report asked for a division the tree does not know. Its `code` is the domain's error
 * code, as an error's `code` is everywhere else: the division asked for is caller data, and
 * read as a code it made a division named `SQLITE_BUSY` a busy store (503) and one named
 * `ENOSPC` a full disk (507) to every rule that reads an error's code (errorCodeOf).
 */
export class UnknownDivisionError extends Error {
  readonly code = 'UNKNOWN_DIVISION';

  constructor(readonly division: string) {
    super(`unknown division "${division}"`);
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

/** How many rows a report has: the division itself, its children, or its whole subtree. */
export interface RowScope {
  readonly byChild?: boolean;
  /** One row for the division and one for every division below it, computed in one pass (exports, audits). */
  readonly subtree?: boolean;
}

/** The divisions a report has rows for. */
export const reportedDivisions = (tree: DivisionTree, division: Division, scope: RowScope): readonly Division[] => {
  if (scope.subtree) {
    const out: Division[] = [];
    const visit = (d: Division): void => {
      out.push(d);
      for (const c of tree.children(d.code)) visit(c);
    };
    visit(division);
    return out;
  }
  return scope.byChild ? tree.children(division.code) : [division];
};

/** Whether the answer is a list of rows (by child or by subtree) rather than one object. */
export const hasRows = (scope: RowScope): boolean => scope.byChild === true || scope.subtree === true;

/** Whether the answer is the one row of the whole region (the root, no rows below it). */
export const asksWholeRegion = (tree: DivisionTree, q: { readonly division?: string } & RowScope): boolean =>
  !hasRows(q) && divisionNamed(tree, q.division).code === tree.root.code;

/**
 * Rolls per-village counts up to the wanted divisions: each village adds into every one
 * of its ancestors that is wanted. Divisions are data, so this runs at query time with the
 * tree the caller passes: every division ever recorded (docs/decisions/0015), in which a
 * division a later tree dropped still adds into its ancestors; a village the tree does not
 * know counts nowhere.
 */
export const rollUp = <C extends object>(
  tree: DivisionTree,
  perVillage: ReadonlyMap<string, C>,
  wanted: readonly Division[],
  empty: () => C,
  addInto: (acc: C, counts: C) => void,
): Map<string, C> => {
  // Each wanted division's sum is its own fresh `empty()`, so adding into it in place changes no village's counts.
  const out = new Map<string, C>(wanted.map((d) => [d.code, empty()]));
  for (const [village, counts] of perVillage)
    for (const d of tree.lineage(village)) {
      const acc = out.get(d.code);
      if (acc !== undefined) addInto(acc, counts);
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

/**
 * The skeleton every division report shares: the division asked for, the divisions it
 * has rows for, per-village counts rolled up to them, and one row each.
 */
export const divisionRows = <C extends object, R>(
  tree: DivisionTree,
  q: { readonly division?: string } & RowScope,
  perVillage: ReadonlyMap<string, C>,
  empty: () => C,
  addInto: (acc: C, counts: C) => void,
  row: (code: string, counts: C) => R,
): { division: string; rows: R[] } => {
  const division = divisionNamed(tree, q.division);
  const wanted = reportedDivisions(tree, division, q);
  const counts = rollUp(tree, perVillage, wanted, empty, addInto);
  return { division: division.code, rows: wanted.map((d) => row(d.code, counts.get(d.code) ?? empty())) };
};

/**
 * The same rows as divisionRows, from counts read whole for each division reported (the
 * per-division sums, docs/decisions/0079): no village is rolled up.
 */
export const divisionRowsOfWholeCounts = <C extends object, R>(
  tree: DivisionTree,
  q: { readonly division?: string } & RowScope,
  countsOf: (divisions: readonly string[]) => ReadonlyMap<string, C>,
  empty: () => C,
  row: (code: string, counts: C) => R,
): { division: string; rows: R[] } => {
  const division = divisionNamed(tree, q.division);
  const wanted = reportedDivisions(tree, division, q).map((d) => d.code);
  const counts = countsOf(wanted);
  return { division: division.code, rows: wanted.map((code) => row(code, counts.get(code) ?? empty())) };
};
