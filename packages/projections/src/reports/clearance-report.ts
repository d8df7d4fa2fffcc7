import { DivisionTree, endOfYear, Policy } from '@hearth/domain';
import { divisionRows, hasRows, inc, VillageTally } from './division-scope';
import { ReadModelFacts } from './read-model-facts';
import { addCounts, AnnualClearance, AnnualClearanceByChild, AnnualCounts, annualClearance, emptyAnnualCounts } from './read-models';

export interface ClearanceQuery {
  readonly year: number;
  readonly division?: string;
  readonly byChild?: boolean;
  readonly subtree?: boolean;
}

const IN_YEAR: Readonly<Record<string, keyof AnnualCounts>> = {
  HouseholdIdentified: 'identifiedInYear',
  HouseholdCleared: 'clearedInYear',
  HouseholdRelapsed: 'relapsedInYear',
  HouseholdWithdrew: 'withdrawnInYear',
  HouseholdExempted: 'exemptedInYear',
  HouseholdDeregistered: 'deregisteredInYear',
};

/** Per-village annual counts for year Y, from the status and concern facts (domain.md §5 "Annual clearance"). */
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

export function clearanceReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: ClearanceQuery & { byChild: true }): AnnualClearanceByChild;
export function clearanceReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: ClearanceQuery & { byChild?: false }): AnnualClearance;
export function clearanceReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild;
export function clearanceReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild {
  const { division, rows } = divisionRows(tree, q, annualCountsByVillage(facts, policy, q.year), emptyAnnualCounts, addCounts, (code, c) => annualClearance(code, q.year, c, policy));
  return hasRows(q) ? { division, year: q.year, rows } : (rows[0] as AnnualClearance);
}
