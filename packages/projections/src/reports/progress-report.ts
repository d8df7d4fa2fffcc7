import { DivisionTree, isEligible, lastDayOf, Policy } from '@hearth/domain';
import { addHouseholds, addHouseholdsInto, type ContributingHouseholds, type HouseholdsBehind, noHouseholds } from './contributing-households';
import { divisionNamed, divisionRows, hasRows, inc, reportedDivisions, rollUp, VillageTally } from './division-scope';
import { inProgramme } from './in-programme';
import type { MonthQuery } from './monthly-report';
import { ReadModelFacts } from './read-model-facts';
import { type CounterScope, VillageCounters } from './village-counters';
import { VillageProgress } from './village-progress';
import { addCountsInto, emptyProgressCounts, MonthlyProgress, MonthlyProgressByChild, monthlyProgress, ProgressCounts } from './read-models';

/**
 * Per-village monthly progress counts (domain.md §5 "Monthly progress table") for a
 * working age the progress counters do not count (docs/decisions/0061): the month's
 * activity from the counters, which no policy changes, and the eligible members from the
 * member facts of each household's progress record (docs/decisions/0077, 0110).
 */
export const progressCountsByVillage = (
  facts: ReadModelFacts, progress: VillageProgress, policy: Policy, month: string, scope: CounterScope, households?: VillageTally<HouseholdsBehind>,
): Map<string, ProgressCounts> => {
  const last = lastDayOf(month);
  // A household counts, for the whole month, in the village it is in at the end of it (docs/decisions/0015).
  const villages = facts.villagesAt(last);
  const tally = progress.activityCounts(month, scope, households);
  const status = facts.statusAt(last);
  for (const [householdId, members] of facts.membersAt(last)) {
    if (!inProgramme(status.get(householdId))) continue;
    const village = villages.get(householdId) ?? '';
    let eligible = 0;
    for (const m of members.values()) if (isEligible(m, last, policy)) eligible++;
    if (eligible === 0) continue;
    inc(tally.of(village), 'eligibleMembers', eligible);
    if (households !== undefined) addHouseholds(households.of(village), 'eligibleMembers');
  }
  return tally.byVillage;
};

/** Where the per-village counts come from: the progress counters, or the facts for a working age they do not count. */
export interface ProgressSources {
  readonly facts: ReadModelFacts;
  readonly progress: VillageProgress;
}

const countsFor = (src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery, households?: VillageTally<HouseholdsBehind>): Map<string, ProgressCounts> => {
  const scope = VillageCounters.scopeOf(tree, q);
  return VillageProgress.serves(policy)
    ? src.progress.progressCounts(q.month, scope, households)
    : progressCountsByVillage(src.facts, src.progress, policy, q.month, scope, households);
};

export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild?: false }): MonthlyProgress;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
  const { division, rows } = divisionRows(tree, q, countsFor(src, tree, policy, q), emptyProgressCounts, addCountsInto, (code, c) => monthlyProgress(code, q.month, c));
  return hasRows(q) ? { division, month: q.month, rows } : (rows[0] as MonthlyProgress);
}

/**
 * The rows `progressReport` answers for `q` (as a list, one row too) and, for each of their divisions, the households
 * behind each count (decision 186), read in one pass: what the analysts' suppression reads.
 */
export const progressWithHouseholds = (
  src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery,
): { readonly table: MonthlyProgressByChild; readonly households: ContributingHouseholds } => {
  const perVillage = new VillageTally<HouseholdsBehind>(noHouseholds);
  const { division, rows } = divisionRows(tree, q, countsFor(src, tree, policy, q, perVillage), emptyProgressCounts, addCountsInto, (code, c) => monthlyProgress(code, q.month, c));
  const households = rollUp(tree, perVillage.byVillage, reportedDivisions(tree, divisionNamed(tree, q.division), q), noHouseholds, addHouseholdsInto);
  return { table: { division, month: q.month, rows }, households };
};
