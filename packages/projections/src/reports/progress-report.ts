import { DivisionTree, firstDayOf, isEligible, lastDayOf, Policy } from '@hearth/domain';
import type { ActivityKind } from '../projections/case-activity.projection';
import { divisionRows, hasRows, inc, VillageTally } from './division-scope';
import { inProgramme } from './in-programme';
import { memberStates } from './member-states';
import type { MonthQuery } from './monthly-report';
import { ReadModelFacts } from './read-model-facts';
import { addCounts, emptyProgressCounts, MonthlyProgress, MonthlyProgressByChild, monthlyProgress, ProgressCounts } from './read-models';

const COUNTED: readonly ActivityKind[] = [
  'member-surveyed', 'training-offered', 'training-accepted', 'training-declined', 'training-completed',
  'referral-made', 'referral-accepted', 'referral-declined', 'employment-started', 'employment-ended',
];

const TRAINING_COLUMN: Partial<Record<ActivityKind, 'trainingsOffered' | 'trainingsAccepted' | 'trainingsDeclined' | 'trainingsCompleted'>> = {
  'training-offered': 'trainingsOffered',
  'training-accepted': 'trainingsAccepted',
  'training-declined': 'trainingsDeclined',
  'training-completed': 'trainingsCompleted',
};

/** Per-village monthly progress counts (domain.md §5 "Monthly progress table"). */
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
    const training = TRAINING_COLUMN[a.kind];
    if (training) inc(counts[training], a.detail as keyof ProgressCounts[typeof training]);
    else if (a.kind === 'member-surveyed') {
      if (!surveyed.has(member)) inc(counts, 'membersSurveyed');
      surveyed.add(member);
    } else if (a.kind === 'referral-made') {
      inc(counts, 'referralsMade');
      if (!referred.has(member)) inc(counts, 'membersReferred');
      referred.add(member);
    } else if (a.kind === 'referral-accepted') inc(counts, 'referralsAccepted');
    else if (a.kind === 'referral-declined') inc(counts, 'referralsDeclined');
    else if (a.kind === 'employment-started') {
      inc(counts.employmentsStartedByForm, a.detail as keyof ProgressCounts['employmentsStartedByForm']);
      inc(counts.employmentsStartedByPlace, a.detail2 as keyof ProgressCounts['employmentsStartedByPlace']);
    } else if (a.kind === 'employment-ended')
      inc(counts.employmentsEndedByReason, a.detail as keyof ProgressCounts['employmentsEndedByReason']);
  }

  for (const { householdId, cents } of facts.incomesFor(month)) (of(householdId).incomeCents as number[]).push(cents);
  return tally.byVillage;
};

export function progressReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild: true }): MonthlyProgressByChild;
export function progressReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: MonthQuery & { byChild?: false }): MonthlyProgress;
export function progressReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild;
export function progressReport(facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: MonthQuery): MonthlyProgress | MonthlyProgressByChild {
  const { division, rows } = divisionRows(tree, q, progressCountsByVillage(facts, policy, q.month), emptyProgressCounts, addCounts, (code, c) => monthlyProgress(code, q.month, c));
  return hasRows(q) ? { division, month: q.month, rows } : (rows[0] as MonthlyProgress);
}
