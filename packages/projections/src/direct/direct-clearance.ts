import { DivisionTree, endOfYear, HouseholdState, Policy } from '@hearth/domain';
import type { ClearanceQuery } from '../reports/clearance-report';
import { AnnualClearance, AnnualClearanceByChild, annualClearance, AnnualCounts, emptyAnnualCounts } from '../reports/read-models';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

const hasOpenConcern = (s: HouseholdState): boolean => [...s.visits.values()].some((v) => v.concern?.open === true);

/** Annual clearance by folding each household to the end of the year (domain.md §5, read literally). */
export const directClearance = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: ClearanceQuery): AnnualClearance | AnnualClearanceByChild => {
  const { division, wanted } = directDivisions(tree, q.division, q.byChild === true);
  const end = endOfYear(q.year);
  const rows = wanted.map((d) => {
    const c = emptyAnnualCounts() as { -readonly [K in keyof AnnualCounts]: number };
    for (const h of householdsUnder(ledger, tree, d, end)) {
      const atEnd = ledger.stateAt(h.householdId, end);
      const baseline = ledger.stateAt(h.householdId, policy.baselineCutoff).firstIdentifiedOn !== undefined;
      const concern = hasOpenConcern(atEnd);
      if (baseline) c.baseline += 1;
      if (baseline && atEnd.status === 'cleared' && !concern) c.baselineCleared += 1;
      if (atEnd.status === 'cleared' && concern) c.underReview += 1;
      if (atEnd.status === 'identified') c.stockAtEnd += 1;
      for (const f of ledger.factsBetween(h.householdId, `${q.year}-01-01`, end)) {
        if (f.event.type === 'HouseholdIdentified') c.identifiedInYear += 1;
        if (f.event.type === 'HouseholdCleared') c.clearedInYear += 1;
        if (f.event.type === 'HouseholdRelapsed') c.relapsedInYear += 1;
        if (f.event.type === 'HouseholdWithdrew') c.withdrawnInYear += 1;
        if (f.event.type === 'HouseholdExempted') c.exemptedInYear += 1;
        if (f.event.type === 'HouseholdDeregistered') c.deregisteredInYear += 1;
      }
    }
    return annualClearance(d.code, q.year, c, policy);
  });
  return q.byChild ? { division: division.code, year: q.year, rows } : (rows[0] as AnnualClearance);
};
