import type { Division, DivisionTree } from '@hearth/domain';
import { divisionNamed } from '../reports/division-scope';
import type { HouseholdHistory, HouseholdLedger } from './household-ledger';

/** The households whose village lies under `division` (the division itself included). */
export const householdsUnder = (ledger: HouseholdLedger, tree: DivisionTree, division: Division): HouseholdHistory[] =>
  [...ledger.households.values()].filter((h) => h.village !== undefined && tree.contains(division.code, h.village));

/** The divisions a report has rows for, and the division asked for. */
export const directDivisions = (tree: DivisionTree, code: string | undefined, byChild: boolean): { division: Division; wanted: readonly Division[] } => {
  const division = divisionNamed(tree, code);
  return { division, wanted: byChild ? tree.children(division.code) : [division] };
};
