import { DivisionTree, endOfYear, Policy } from '@hearth/domain';
import { REGION } from '../projections/series-table';
import { asksWholeRegion, divisionRows, divisionRowsOfWholeCounts, hasRows, inc, VillageTally } from './division-scope';
import { ReadModelFacts } from './read-model-facts';
import { VillageCounters } from './village-counters';
import { addCountsInto, AnnualClearance, AnnualClearanceByChild, AnnualCounts, annualClearance, emptyAnnualCounts } from './read-models';
import { IN_YEAR } from './annual-event-counts';

export interface ClearanceQuery {
  readonly year: number;
  readonly division?: string;
  readonly byChild?: boolean;
  readonly subtree?: boolean;
}

/**
 * Per-village annual counts for year Y, from the per-household status and concern facts
 * (domain.md §5 "Annual clearance"): what the counters answer from, for a baseline
 * cutoff that is not a month's last day (docs/decisions/0054).
 */
export const annualCountsByVillage = (facts: ReadModelFacts, policy: Policy, year: number): Map<string, AnnualCounts> => {
  const end = endOfYear(year);
  // A household counts, for the whole year, in the village it is in at the end of it (docs/decisions/0015).
  const villages = facts.villagesAt(end);
  const status = facts.statusAt(end);
  const underConcern = new Set(facts.openConcernsAt(end).map((c) => c.householdId));
  const tally = new VillageTally(emptyAnnualCounts);
  for (const householdId of facts.dateOf('HouseholdIdentified', policy.baselineCutoff, 'first').keys()) {
    const counts = tally.of(villages.get(householdId) ?? '');
    inc(counts, 'baseline');
    if (status.get(householdId) === 'cleared' && !underConcern.has(householdId)) inc(counts, 'baselineCleared');
  }
  for (const [householdId, s] of status) {
    const counts = tally.of(villages.get(householdId) ?? '');
    if (s === 'cleared' && underConcern.has(householdId)) inc(counts, 'underReview');
    if (s === 'identified') inc(counts, 'stockAtEnd');
  }
  for (const c of facts.changesBetween(`${year}-01-01`, end)) {
    const key = IN_YEAR[c.eventType];
    if (key) inc(tally.of(villages.get(c.householdId) ?? ''), key);
  }
  return tally.byVillage;
};

/** Where the per-village counts come from: the division counters, or the facts for a cutoff they cannot serve. */
export interface ClearanceSources {
  readonly facts: ReadModelFacts;
  readonly counters: VillageCounters;
}

const countsFor = (src: ClearanceSources, tree: DivisionTree, policy: Policy, q: ClearanceQuery): Map<string, AnnualCounts> =>
  VillageCounters.servesBaseline(policy) ? src.counters.annualCounts(policy, q.year, VillageCounters.scopeOf(tree, q)) : annualCountsByVillage(src.facts, policy, q.year);

export function clearanceReport(src: ClearanceSources, tree: DivisionTree, policy: Policy, q: ClearanceQuery & { byChild: true }): AnnualClearanceByChild;
export function clearanceReport(src: ClearanceSources, tree: DivisionTree, policy: Policy, q: ClearanceQuery & { byChild?: false }): AnnualClearance;
export function clearanceReport(src: ClearanceSources, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild;
export function clearanceReport(src: ClearanceSources, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild {
  const row = (code: string, c: AnnualCounts): AnnualClearance => annualClearance(code, q.year, c, policy);
  const fromCounters = VillageCounters.servesBaseline(policy);
  // Under the tree the per-division sums are kept under: each division's counts read whole, a few rows a division (docs/decisions/0079).
  if (fromCounters && src.counters.divisionSumsServe(tree)) {
    const { division, rows } = divisionRowsOfWholeCounts(tree, q, (divisions) => src.counters.annualCounts(policy, q.year, { divisions }), emptyAnnualCounts, row);
    return hasRows(q) ? { division, year: q.year, rows } : (rows[0] as AnnualClearance);
  }
  // The whole region from its sums: a few rows rather than every village's (docs/decisions/0072).
  if (asksWholeRegion(tree, q) && fromCounters && src.counters.regionSumsServe(tree))
    return row(tree.root.code, src.counters.annualCounts(policy, q.year, 'region').get(REGION) ?? emptyAnnualCounts());
  const { division, rows } = divisionRows(tree, q, countsFor(src, tree, policy, q), emptyAnnualCounts, addCountsInto, row);
  return hasRows(q) ? { division, year: q.year, rows } : (rows[0] as AnnualClearance);
}
