import type { Division, DivisionTree } from '@hearth/domain';
import type { ClearanceQuery } from './clearance-report';
import { addHouseholdsInto, type ContributingHouseholds, type HouseholdsBehind, noHouseholds } from './contributing-households';
import { divisionNamed, reportedDivisions, rollUp, type RowScope } from './division-scope';
import { monthsOf, type MonthQuery } from './monthly-report';
import { type SumsScope, VillageCounters } from './village-counters';

/**
 * Decision 186 for the clearance tables: one household cleared five times in a year is five
 * clearances and one household. Beside the annual and monthly tables' rows, the households
 * behind each event count, read from the division counters' `h.` series. Never served: read
 * only into the analysts' suppression (`suppressClearanceYear`), and by the tests.
 */

/** Beside a year's whole-tree clearance tables (the annual one, then January to December), each row's households. */
export interface ClearanceYearHouseholds {
  readonly annual: ContributingHouseholds;
  readonly months: readonly ContributingHouseholds[];
}

/** Every division wanted, with its households: none where no row of the counters names it. */
const everyDivision = (wanted: readonly Division[], read: ReadonlyMap<string, HouseholdsBehind>): ContributingHouseholds =>
  new Map(wanted.map((d) => [d.code, read.get(d.code) ?? noHouseholds()]));

/**
 * For each division a report on `q` has a row for, the households `read` finds, for each
 * period it reads: each division's whole counts under the tree the per-division sums are
 * kept under, else the villages' rolled up as the tables' counts are.
 */
const householdsFor = (
  counters: VillageCounters, tree: DivisionTree, q: { readonly division?: string } & RowScope, read: (scope: SumsScope) => ReadonlyMap<string, HouseholdsBehind>[],
): ContributingHouseholds[] => {
  const wanted = reportedDivisions(tree, divisionNamed(tree, q.division), q);
  if (counters.divisionSumsServe(tree)) return read({ divisions: wanted.map((d) => d.code) }).map((m) => everyDivision(wanted, m));
  return read(VillageCounters.scopeOf(tree, q)).map((perVillage) => rollUp(tree, perVillage, wanted, noHouseholds, addHouseholdsInto));
};

/** For each division `clearanceReport` has a row for, the households behind each in-year event count. */
export const clearanceHouseholds = (counters: VillageCounters, tree: DivisionTree, q: ClearanceQuery): ContributingHouseholds =>
  householdsFor(counters, tree, q, (scope) => [counters.annualHouseholds(q.year, scope)])[0] as ContributingHouseholds;

/** For each division `monthlyReport` has a row for, the households behind each of the month's moves. */
export const monthlyHouseholds = (counters: VillageCounters, tree: DivisionTree, q: MonthQuery): ContributingHouseholds =>
  householdsFor(counters, tree, q, (scope) => counters.monthlyHouseholdsOf([q.month], scope))[0] as ContributingHouseholds;

/** The households beside `year`'s thirteen whole-tree tables, the twelve months read in one pass. */
export const clearanceYearHouseholds = (counters: VillageCounters, tree: DivisionTree, year: number): ClearanceYearHouseholds => ({
  annual: clearanceHouseholds(counters, tree, { year, subtree: true }),
  months: householdsFor(counters, tree, { subtree: true }, (scope) => counters.monthlyHouseholdsOf(monthsOf(year), scope)),
});
