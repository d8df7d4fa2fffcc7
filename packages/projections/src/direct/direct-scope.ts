import type { Division, DivisionTree } from '@hearth/domain';
import { divisionNamed } from '../reports/division-scope';
import type { HouseholdHistory, HouseholdLedger } from './household-ledger';

/**
 * The households whose village at the end of `date` lies under `division` (the division
 * itself included): a household counts, for a whole period, where it is at its end.
 */
export const householdsUnder = (ledger: HouseholdLedger, tree: DivisionTree, division: Division, date: string): HouseholdHistory[] =>
  [...ledger.households.values()].filter((h) => {
    const village = ledger.villageAt(h.householdId, date);
    return village !== undefined && tree.contains(division.code, village);
  });

/** The divisions a report has rows for, and the division asked for. */
export const directDivisions = (tree: DivisionTree, code: string | undefined, byChild: boolean): { division: Division; wanted: readonly Division[] } => {
  const division = divisionNamed(tree, code);
  return { division, wanted: byChild ? tree.children(division.code) : [division] };
};
