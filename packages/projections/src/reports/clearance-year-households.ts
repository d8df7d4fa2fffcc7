import type { Division, DivisionTree } from '@hearth/domain';
import { addHouseholdsInto, type ContributingHouseholds, type HouseholdsBehind, noHouseholds } from './contributing-households';
import { reportedDivisions, rollUp } from './division-scope';
import { monthsOf } from './monthly-report';
import type { VillageCounters } from './village-counters';

/**
 * Beside a year's clearance tables for the whole tree (the annual one, then January to
 * December), the households behind each event count of every division's row (decision 186:
 * one household cleared five times in a year is five clearances and one household). Never
 * served: read only into the analysts' suppression (`suppressClearanceYear`).
 */
export interface ClearanceYearHouseholds {
  readonly annual: ContributingHouseholds;
  readonly months: readonly ContributingHouseholds[];
}

/** Every division of the tree with its households, none where no row of the counters names it. */
const everyDivision = (wanted: readonly Division[], read: ReadonlyMap<string, HouseholdsBehind>): ContributingHouseholds =>
  new Map(wanted.map((d) => [d.code, read.get(d.code) ?? noHouseholds()]));

/**
 * The households behind the event counts of `year`'s thirteen whole-tree tables, from the
 * division counters: each division's whole counts under the tree the per-division sums are
 * kept under, else every village's rolled up as the tables' counts are.
 */
export const clearanceYearHouseholds = (counters: VillageCounters, tree: DivisionTree, year: number): ClearanceYearHouseholds => {
  const wanted = reportedDivisions(tree, tree.root, { subtree: true });
  const months = monthsOf(year);
  if (counters.divisionSumsServe(tree)) {
    const scope = { divisions: wanted.map((d) => d.code) };
    return {
      annual: everyDivision(wanted, counters.annualHouseholds(year, scope)),
      months: counters.monthlyHouseholdsOf(months, scope).map((m) => everyDivision(wanted, m)),
    };
  }
  const rolled = (perVillage: ReadonlyMap<string, HouseholdsBehind>): ContributingHouseholds => rollUp(tree, perVillage, wanted, noHouseholds, addHouseholdsInto);
  return { annual: rolled(counters.annualHouseholds(year)), months: counters.monthlyHouseholdsOf(months).map(rolled) };
};
