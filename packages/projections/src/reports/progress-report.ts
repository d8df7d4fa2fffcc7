import { DivisionTree, isEligible, lastDayOf, Policy } from '@hearth/domain';
import { divisionRows, hasRows, inc } from './division-scope';
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
export const progressCountsByVillage = (facts: ReadModelFacts, progress: VillageProgress, policy: Policy, month: string, scope: CounterScope): Map<string, ProgressCounts> => {
  const last = lastDayOf(month);
  // A household counts, for the whole month, in the village it is in at the end of it (docs/decisions/0015).
  const villages = facts.villagesAt(last);
  const tally = progress.activityCounts(month, scope);
  const status = facts.statusAt(last);
  for (const [householdId, members] of facts.membersAt(last)) {
    if (!inProgramme(status.get(householdId))) continue;
    for (const m of members.values()) if (isEligible(m, last, policy)) inc(tally.of(villages.get(householdId) ?? ''), 'eligibleMembers');
  }
  return tally.byVillage;
};

/** Where the per-village counts come from: the progress counters, or the facts for a working age they do not count. */
export interface ProgressSources {
  readonly facts: ReadModelFacts;
  readonly progress: VillageProgress;
}

const countsFor = (src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): Map<string, ProgressCounts> => {
  const scope = VillageCounters.scopeOf(tree, q);
  return VillageProgress.serves(policy) ? src.progress.progressCounts(q.month, scope) : progressCountsByVillage(src.facts, src.progress, policy, q.month, scope);
};

export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild?: false }): MonthlyProgress;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
  const { division, rows } = divisionRows(tree, q, countsFor(src, tree, policy, q), emptyProgressCounts, addCountsInto, (code, c) => monthlyProgress(code, q.month, c));
  return hasRows(q) ? { division, month: q.month, rows } : (rows[0] as MonthlyProgress);
}
