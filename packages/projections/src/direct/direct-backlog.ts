import {
  activeEmploymentIds, addDays, AFTER_EVERY_DATE, daysBetween, DivisionTree, eligibleMembers, isActive, isEmployed, owedReferrals, Policy,
} from '@hearth/domain';
import type { BacklogQuery } from '../reports/backlog-report';
import type { ServiceBacklog } from '../reports/read-models';
import { lastPassedDeadline } from '../reports/survey-deadline';
import { directDivisions, householdsUnder } from './direct-scope';
import type { HouseholdLedger } from './household-ledger';

type Lists = { -readonly [K in keyof Omit<ServiceBacklog, 'division' | 'asOf'>]: ServiceBacklog[K][number][] };

/** The service backlog from each household's domain state at the end of asOf. */
export const directBacklog = (ledger: HouseholdLedger, tree: DivisionTree, policy: Policy, q: BacklogQuery): ServiceBacklog => {
  const { division } = directDivisions(tree, q.division, false);
  const d = q.asOf;
  const deadline = lastPassedDeadline(d, policy);
  const out: Lists = { referralsOwed: [], followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [] };
  const households = householdsUnder(ledger, tree, division, d).sort((a, b) => (a.householdId < b.householdId ? -1 : 1));
  const under = q.registeredNowUnder;
  for (const h of households) {
    const { householdId } = h;
    // A caseworker's scope: the household's village now, whatever it was at asOf (docs/decisions/0181).
    if (under !== undefined && !tree.contains(under, ledger.villageAt(householdId, AFTER_EVERY_DATE) ?? '')) continue;
    const divisionCode = ledger.villageAt(householdId, d) as string;
    const s = ledger.stateAt(householdId, d);
    if (s.status === 'unregistered') continue;
    if (owedReferrals(s.status)) {
      const since = s.lastIdentifiedOn as string;
      for (const m of eligibleMembers(s, d, policy)) {
        if (isEmployed(s, m.memberId, d)) continue;
        const referrals = [...s.referrals.values()].filter((r) => r.memberId === m.memberId && r.referredOn >= since).length;
        if (referrals < policy.minReferrals)
          out.referralsOwed.push({ householdId, divisionCode, memberId: m.memberId, identifiedOn: since, referrals, owed: policy.minReferrals - referrals });
      }
    }
    if (s.status === 'identified') {
      const active = activeEmploymentIds(s, d);
      if (active.length > 0) out.clearancePending.push({ householdId, divisionCode, activeEmploymentIds: active });
    }
    if (s.status === 'cleared') {
      const clearedOn = s.lastClearedOn as string;
      const visits = [...s.visits.values()].map((v) => v.visitedOn).filter((on) => on >= clearedOn).sort();
      const lastVisitOn = visits.length > 0 ? (visits[visits.length - 1] as string) : null;
      const dueOn = addDays(lastVisitOn ?? clearedOn, policy.followUpEveryDays);
      if (dueOn < d) out.followUpsOverdue.push({ householdId, divisionCode, clearedOn, lastVisitOn, dueOn });
    }
    if (deadline && isActive(s)) {
      const atDeadline = ledger.stateAt(householdId, deadline.deadline);
      // The state's lastSurveyOn is the latest dated survey, whatever order they were recorded in (decisions 127, 128).
      const updated = atDeadline.lastSurveyOn !== undefined && atDeadline.lastSurveyOn >= `${deadline.year}-01-01`;
      if (atDeadline.status !== 'unregistered' && !updated)
        out.surveyUpdatesMissing.push({ householdId, divisionCode, deadline: deadline.deadline, lastSurveyOn: s.lastSurveyOn ?? null });
    }
    for (const [visitId, v] of s.visits)
      if (v.concern?.open)
        out.openLaborConcerns.push({ householdId, divisionCode, visitId, raisedOn: v.concern.raisedOn, indicators: [...v.concern.indicators], daysOpen: daysBetween(v.concern.raisedOn, d) });
  }
  out.referralsOwed.sort((a, b) => (a.householdId === b.householdId ? (a.memberId < b.memberId ? -1 : 1) : a.householdId < b.householdId ? -1 : 1));
  out.followUpsOverdue.sort((a, b) => (a.dueOn === b.dueOn ? (a.householdId < b.householdId ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1));
  out.openLaborConcerns.sort((a, b) =>
    a.raisedOn !== b.raisedOn ? (a.raisedOn < b.raisedOn ? -1 : 1) : a.householdId !== b.householdId ? (a.householdId < b.householdId ? -1 : 1) : a.visitId < b.visitId ? -1 : 1,
  );
  return { division: division.code, asOf: d, ...out };
};
