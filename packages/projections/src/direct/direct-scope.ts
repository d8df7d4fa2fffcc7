import type { Division, DivisionTree } from '@hearth/domain';
import { divisionNamed } from '../reports/division-scope';
import type { HouseholdHistory, HouseholdLedger } from './household-ledger';

/**
 * The households whose village at the end of `date` lies under `division` (the division
 * itself included), in the ledger's order: a household counts, for a whole period, where
 * it is at its end. The households placed at `division` and at every division below it
 * (`children` and `contains` are one parent map: the same set as keeping each household
 * whose village the division `contains`), read from the ledger's placement at `date`.
 */
export const householdsUnder = (ledger: HouseholdLedger, tree: DivisionTree, division: Division, date: string): HouseholdHistory[] => {
  const { byPlace, all } = ledger.placedAt(date);
  const found: number[] = [];
  const visit = (d: Division): void => {
    for (const i of byPlace.get(d.code) ?? []) found.push(i);
    for (const c of tree.children(d.code)) visit(c);
  };
  visit(division);
  found.sort((a, b) => a - b);
  return found.map((i) => all[i] as HouseholdHistory);
};

/** The divisions a report has rows for, and the division asked for. */
export const directDivisions = (tree: DivisionTree, code: string | undefined, byChild: boolean): { division: Division; wanted: readonly Division[] } => {
  const division = divisionNamed(tree, code);
  return { division, wanted: byChild ? tree.children(division.code) : [division] };
};
