import { AFTER_EVERY_DATE, DivisionTree, Policy } from '@hearth/domain';
import { divisionNamed } from './division-scope';
import { ReadModelFacts } from './read-model-facts';
import type { HouseholdStatusRow } from './read-models';

export interface HouseholdStatusQuery {
  readonly division?: string;
  /** Default: everything recorded. */
  readonly asOf?: string;
}

/**
 * Per household registered by asOf: status, village, first identification, baseline flag and open concerns.
 * The status is the household's history's at asOf (read-model-facts.ts `statusAt`, docs/decisions/0164).
 */
export const householdStatuses = (facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: HouseholdStatusQuery): HouseholdStatusRow[] => {
  const division = divisionNamed(tree, q.division);
  const d = q.asOf ?? AFTER_EVERY_DATE;
  const villages = facts.villagesAt(d);
  const firstIdentified = facts.dateOf('HouseholdIdentified', d, 'first');
  const concerns = new Map<string, string[]>();
  for (const c of facts.openConcernsAt(d)) concerns.set(c.householdId, [...(concerns.get(c.householdId) ?? []), c.visitId]);
  const rows: HouseholdStatusRow[] = [];
  for (const [householdId, status] of facts.statusAt(d)) {
    const divisionCode = villages.get(householdId);
    if (divisionCode === undefined || !tree.contains(division.code, divisionCode)) continue;
    const first = firstIdentified.get(householdId) ?? null;
    rows.push({
      householdId,
      divisionCode,
      status,
      firstIdentifiedOn: first,
      baseline: first !== null && first <= policy.baselineCutoff,
      openLaborConcerns: [...(concerns.get(householdId) ?? [])].sort(),
    });
  }
  return rows.sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0));
};
