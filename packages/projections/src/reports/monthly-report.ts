import { addDays, DivisionTree, firstDayOf, lastDayOf } from '@hearth/domain';
import { REGION } from '../projections/series-table';
import { asksWholeRegion, divisionRows, divisionRowsOfWholeCounts, hasRows, inc, VillageTally } from './division-scope';
import { ReadModelFacts } from './read-model-facts';
import { addCountsInto, emptyMonthlyCounts, MonthlyClearance, MonthlyClearanceByChild, monthlyClearance, MonthlyCounts } from './read-models';
import { stockMove } from './stock-moves';
import { VillageCounters } from './village-counters';

export interface MonthQuery {
  readonly month: string;
  readonly division?: string;
  readonly byChild?: boolean;
  readonly subtree?: boolean;
}

/** Per-village monthly dynamic-clearance counts (domain.md §5), from the per-household facts: the reports read the division counters instead; kept as their cross-check in tests. */
export const monthlyCountsByVillage = (facts: ReadModelFacts, month: string): Map<string, MonthlyCounts> => {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  // A household counts, for the whole month, in the village it is in at the end of it, so the identity holds per division (docs/decisions/0015).
  const villages = facts.villagesAt(last);
  const tally = new VillageTally(emptyMonthlyCounts);
  const villageOf = (householdId: string): string => villages.get(householdId) ?? '';
  for (const [householdId, s] of facts.statusAt(addDays(first, -1))) if (s === 'identified') inc(tally.of(villageOf(householdId)), 'stockAtStart');
  for (const [householdId, s] of facts.statusAt(last)) if (s === 'identified') inc(tally.of(villageOf(householdId)), 'stockAtEnd');
  for (const c of facts.changesBetween(first, last)) {
    const column = stockMove(c.eventType, c.from, c.to);
    if (column) inc(tally.of(villageOf(c.householdId)), column);
  }
  return tally.byVillage;
};

export function monthlyReport(counters: VillageCounters, tree: DivisionTree, q: MonthQuery & { byChild: true }): MonthlyClearanceByChild;
export function monthlyReport(counters: VillageCounters, tree: DivisionTree, q: MonthQuery & { byChild?: false }): MonthlyClearance;
export function monthlyReport(counters: VillageCounters, tree: DivisionTree, q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild;
export function monthlyReport(counters: VillageCounters, tree: DivisionTree, q: MonthQuery): MonthlyClearance | MonthlyClearanceByChild {
  const row = (code: string, c: MonthlyCounts): MonthlyClearance => monthlyClearance(code, q.month, c);
  // Under the tree the per-division sums are kept under: each division's counts read whole, a few rows a division (docs/decisions/0079).
  if (counters.divisionSumsServe(tree)) return monthOfSums(tree, q, q.month, (divisions) => counters.monthlyCounts(q.month, { divisions }));
  // The whole region from its sums: a few rows rather than every village's (docs/decisions/0072).
  if (asksWholeRegion(tree, q) && counters.regionSumsServe(tree))
    return row(tree.root.code, counters.monthlyCounts(q.month, 'region').get(REGION) ?? emptyMonthlyCounts());
  const { division, rows } = divisionRows(tree, q, counters.monthlyCounts(q.month, VillageCounters.scopeOf(tree, q)), emptyMonthlyCounts, addCountsInto, row);
  return hasRows(q) ? { division, month: q.month, rows } : (rows[0] as MonthlyClearance);
}

/**
 * The twelve monthly reports of `year`, January first, each as `monthlyReport` answers it
 * for the same scope: under the tree the per-division sums are kept under, read from one
 * pass over the counters' rows (`monthlyCountsOf`), else month by month.
 */
export function monthlyReportsOfYear(counters: VillageCounters, tree: DivisionTree, year: number, q: Omit<MonthQuery, 'month'> & { byChild: true }): MonthlyClearanceByChild[];
export function monthlyReportsOfYear(counters: VillageCounters, tree: DivisionTree, year: number, q: Omit<MonthQuery, 'month'> & { subtree: true }): MonthlyClearanceByChild[];
export function monthlyReportsOfYear(counters: VillageCounters, tree: DivisionTree, year: number, q: Omit<MonthQuery, 'month'>): (MonthlyClearance | MonthlyClearanceByChild)[];
export function monthlyReportsOfYear(counters: VillageCounters, tree: DivisionTree, year: number, q: Omit<MonthQuery, 'month'>): (MonthlyClearance | MonthlyClearanceByChild)[] {
  const months = monthsOf(year);
  if (!counters.divisionSumsServe(tree)) return months.map((month) => monthlyReport(counters, tree, { ...q, month }));
  // The same divisions for every month (the scope does not depend on the month): their counts read once for all twelve.
  let counts: Map<string, MonthlyCounts>[] | undefined;
  return months.map((month, m) => monthOfSums(tree, q, month, (divisions) => (counts ??= counters.monthlyCountsOf(months, { divisions }))[m] as Map<string, MonthlyCounts>));
}

/** `month`'s report under the tree the per-division sums are kept under, from `countsOf`: the whole counts of the divisions it lists. */
const monthOfSums = (
  tree: DivisionTree, q: Omit<MonthQuery, 'month'>, month: string, countsOf: (divisions: readonly string[]) => ReadonlyMap<string, MonthlyCounts>,
): MonthlyClearance | MonthlyClearanceByChild => {
  const { division, rows } = divisionRowsOfWholeCounts(tree, q, countsOf, emptyMonthlyCounts, (code, c): MonthlyClearance => monthlyClearance(code, month, c));
  return hasRows(q) ? { division, month, rows } : (rows[0] as MonthlyClearance);
};

/** The months of a year, January first (`YYYY-MM`). */
export const monthsOf = (year: number): string[] => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`);

