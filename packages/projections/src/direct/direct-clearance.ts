import { DivisionTree, endOfYear, HouseholdState, Policy } from '@hearth/domain';
import type { ClearanceQuery } from '../reports/clearance-report';
import { addHouseholds, type ContributingHouseholds, type HouseholdsBehind } from '../reports/contributing-households';
import { AnnualClearance, AnnualClearanceByChild, annualClearance, AnnualCounts, emptyAnnualCounts } from '../reports/read-models';
import { IN_YEAR } from '../reports/annual-event-counts';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

const hasOpenConcern = (s: HouseholdState): boolean => [...s.visits.values()].some((v) => v.concern?.open === true);

/** Annual clearance by folding each household to the end of the year (domain.md §5, read literally). */
export const directClearance = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild => {
  const { division, rows } = directClearanceRows(ledger, tree, policy, q);
  return q.byChild ? { division, year: q.year, rows } : (rows[0] as AnnualClearance);
};

/** For each division `directClearance` has a row for, the households behind each in-year event count (decision 186), household by household. */
export const directClearanceHouseholds = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: ClearanceQuery): ContributingHouseholds =>
  directClearanceRows(ledger, tree, policy, q).households;

const directClearanceRows = (
  ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: ClearanceQuery,
): { division: string; rows: AnnualClearance[]; households: Map<string, HouseholdsBehind> } => {
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const end = endOfYear(q.year);
  const households = new Map<string, HouseholdsBehind>();
  const rows = wanted.map((d) => {
    const c = emptyAnnualCounts() as { -readonly [K in keyof AnnualCounts]: number };
    const behind: HouseholdsBehind = {};
    for (const h of householdsUnder(ledger, tree, d, end)) {
      const atEnd = ledger.stateAt(h.householdId, end);
      const baseline = ledger.stateAt(h.householdId, policy.baselineCutoff).firstIdentifiedOn !== undefined;
      const concern = hasOpenConcern(atEnd);
      if (baseline) c.baseline += 1;
      if (baseline && atEnd.status === 'cleared' && !concern) c.baselineCleared += 1;
      if (atEnd.status === 'cleared' && concern) c.underReview += 1;
      if (atEnd.status === 'identified') c.stockAtEnd += 1;
      const own = new Set<keyof AnnualCounts>();
      for (const f of ledger.factsBetween(h.householdId, `${q.year}-01-01`, end)) {
        if (f.event.type === 'HouseholdIdentified') c.identifiedInYear += 1;
        if (f.event.type === 'HouseholdCleared') c.clearedInYear += 1;
        if (f.event.type === 'HouseholdRelapsed') c.relapsedInYear += 1;
        if (f.event.type === 'HouseholdWithdrew') c.withdrawnInYear += 1;
        if (f.event.type === 'HouseholdExempted') c.exemptedInYear += 1;
        if (f.event.type === 'HouseholdDeregistered') c.deregisteredInYear += 1;
        const column = IN_YEAR[f.event.type];
        if (column !== undefined) own.add(column);
      }
      // However many such events it had in the year, a household is one behind each count it adds to.
      for (const column of own) addHouseholds(behind, column);
    }
    households.set(d.code, behind);
    return annualClearance(d.code, q.year, c, policy);
  });
  return { division: division.code, rows, households };
};
