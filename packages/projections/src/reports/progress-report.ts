import { DivisionTree, firstDayOf, isEligible, lastDayOf, Policy } from '@hearth/domain';
import { divisionRows, hasRows, inc, VillageTally } from './division-scope';
import { inProgramme } from './in-programme';
import { memberStates } from './member-states';
import { addToField, COUNTED, progressFieldsOf } from './progress-fields';
import type { MonthQuery } from './monthly-report';
import { ReadModelFacts } from './read-model-facts';
import { VillageCounters } from './village-counters';
import { VillageProgress } from './village-progress';
import { addCountsInto, emptyProgressCounts, MonthlyProgress, MonthlyProgressByChild, monthlyProgress, ProgressCounts } from './read-models';

/**
 * Per-village monthly progress counts (domain.md §5 "Monthly progress table"), from the
 * per-household facts: what the progress counters answer from for another working age than
 * the one they count (docs/decisions/0061), and their cross-check in tests.
 */
export const progressCountsByVillage = (facts: ReadModelFacts, policy: Policy, month: string): Map<string, ProgressCounts> => {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  // A household counts, for the whole month, in the village it is in at the end of it (docs/decisions/0015).
  const villages = facts.villagesAt(last);
  const tally = new VillageTally(emptyProgressCounts);
  const of = (householdId: string): ProgressCounts => tally.of(villages.get(householdId) ?? '');

  const status = facts.statusAt(last);
  for (const [householdId, members] of memberStates(facts.memberFactsUpTo(last))) {
    if (!inProgramme(status.get(householdId))) continue;
    for (const m of members.values()) if (isEligible(m, last, policy)) inc(of(householdId), 'eligibleMembers');
  }

  const surveyed = new Set<string>();
  const referred = new Set<string>();
  for (const a of facts.activityBetween(COUNTED, first, last)) {
    const counts = of(a.householdId);
    const member = `${a.householdId}\u0000${a.memberId}`;
    for (const field of progressFieldsOf(a)) addToField(counts, field, 1);
    if (a.kind === 'member-surveyed') {
      if (!surveyed.has(member)) inc(counts, 'membersSurveyed');
      surveyed.add(member);
    } else if (a.kind === 'referral-made') {
      if (!referred.has(member)) inc(counts, 'membersReferred');
      referred.add(member);
    }
  }

  for (const { householdId, cents } of facts.incomesFor(month)) (of(householdId).incomeCents as number[]).push(cents);
  return tally.byVillage;
};

/** Where the per-village counts come from: the progress counters, or the facts for a working age they do not count. */
export interface ProgressSources {
  readonly facts: ReadModelFacts;
  readonly progress: VillageProgress;
}

const countsFor = (src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): Map<string, ProgressCounts> =>
  VillageProgress.serves(policy) ? src.progress.progressCounts(q.month, VillageCounters.scopeOf(tree, q)) : progressCountsByVillage(src.facts, policy, q.month);

export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild?: false }): MonthlyProgress;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
export function progressReport(src: ProgressSources, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
  const { division, rows } = divisionRows(tree, q, countsFor(src, tree, policy, q), emptyProgressCounts, addCountsInto, (code, c) => monthlyProgress(code, q.month, c));
  return hasRows(q) ? { division, month: q.month, rows } : (rows[0] as MonthlyProgress);
}
