import { addDays, daysBetween, DivisionTree, isEligible, Policy } from '@hearth/domain';
import { divisionNamed } from './division-scope';
import { inProgramme } from './in-programme';
import { memberStates } from './member-states';
import { ReadModelFacts } from './read-model-facts';
import type { ServiceBacklog } from './read-models';
import { lastPassedDeadline } from './survey-deadline';

export interface BacklogQuery {
  readonly division?: string;
  /** Default: today is not a business date the library can know; the caller passes it. */
  readonly asOf: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

const append = (m: Map<string, string[]>, key: string, value: string): void => {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
};

const byHousehold = (a: { householdId: string }, b: { householdId: string }): number =>
  a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0;

/** The service backlog of domain.md §5, from the projections' facts as of the end of `asOf`. */
export const backlogReport = (facts: ReadModelFacts, tree: DivisionTree, policy: Policy, q: BacklogQuery): ServiceBacklog => {
  const division = divisionNamed(tree, q.division);
  const d = q.asOf;
  const villages = facts.villagesAt(d);
  const inScope = (householdId: string): boolean => {
    const v = villages.get(householdId);
    return v !== undefined && tree.contains(division.code, v);
  };
  const status = facts.statusAt(d);
  const identifiedOn = facts.dateOf('HouseholdIdentified', d, 'latest');
  const clearedOn = facts.dateOf('HouseholdCleared', d, 'latest');
  const registered = facts.dateOf('HouseholdRegistered', d, 'first');
  const members = memberStates(facts.memberFactsUpTo(d));
  const deadline = lastPassedDeadline(d, policy);

  const employments = new Map<string, Map<string, { memberId: string; active: boolean }>>();
  /** household\0member → business dates of the member's referrals. */
  const referrals = new Map<string, string[]>();
  const lastVisit = new Map<string, string>();
  const surveys = new Map<string, string[]>();
  for (const a of facts.activityBetween(['employment-started', 'employment-ended', 'referral-made', 'follow-up', 'member-surveyed'], '0000-01-01', d)) {
    if (a.kind === 'employment-started') {
      const mine = employments.get(a.householdId) ?? new Map<string, { memberId: string; active: boolean }>();
      mine.set(a.refId as string, { memberId: a.memberId as string, active: true });
      employments.set(a.householdId, mine);
    } else if (a.kind === 'employment-ended') {
      const e = employments.get(a.householdId)?.get(a.refId as string);
      if (e) e.active = false;
    } else if (a.kind === 'referral-made') append(referrals, `${a.householdId}\u0000${a.memberId}`, a.occurredOn);
    else if (a.kind === 'follow-up') lastVisit.set(a.householdId, a.occurredOn);
    else append(surveys, a.householdId, a.occurredOn);
  }

  const out: Mutable<Omit<ServiceBacklog, 'division' | 'asOf'>> = {
    referralsOwed: [], followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [],
  };

  for (const [householdId, s] of status) {
    if (!inScope(householdId)) continue;
    const divisionCode = villages.get(householdId) as string;
    const household = members.get(householdId) ?? new Map();
    const active = [...(employments.get(householdId) ?? new Map<string, { memberId: string; active: boolean }>())].filter(([, e]) => e.active);
    if (s === 'identified') {
      const since = identifiedOn.get(householdId) as string;
      for (const m of household.values()) {
        if (!isEligible(m, d, policy) || active.some(([, e]) => e.memberId === m.memberId)) continue;
        const made = (referrals.get(`${householdId}\u0000${m.memberId}`) ?? []).filter((on) => on >= since).length;
        if (made < policy.minReferrals)
          out.referralsOwed.push({ householdId, divisionCode, memberId: m.memberId, identifiedOn: since, referrals: made, owed: policy.minReferrals - made });
      }
      const pending = active.filter(([, e]) => household.get(e.memberId)?.removed === false).map(([id]) => id);
      if (pending.length > 0) out.clearancePending.push({ householdId, divisionCode, activeEmploymentIds: pending });
    }
    if (s === 'cleared') {
      const cleared = clearedOn.get(householdId) as string;
      const visit = lastVisit.get(householdId);
      const lastVisitOn = visit !== undefined && visit >= cleared ? visit : null;
      const dueOn = addDays(lastVisitOn ?? cleared, policy.followUpEveryDays);
      if (dueOn < d) out.followUpsOverdue.push({ householdId, divisionCode, clearedOn: cleared, lastVisitOn, dueOn });
    }
    if (deadline && inProgramme(s)) {
      const dates = surveys.get(householdId) ?? [];
      const updated = dates.some((on) => on >= `${deadline.year}-01-01` && on <= deadline.deadline);
      if (!updated && (registered.get(householdId) ?? '9999') <= deadline.deadline)
        out.surveyUpdatesMissing.push({ householdId, divisionCode, deadline: deadline.deadline, lastSurveyOn: dates.length > 0 ? (dates[dates.length - 1] as string) : null });
    }
  }
  for (const c of facts.openConcernsAt(d))
    if (inScope(c.householdId))
      out.openLaborConcerns.push({
        householdId: c.householdId,
        divisionCode: villages.get(c.householdId) as string,
        visitId: c.visitId,
        raisedOn: c.raisedOn,
        indicators: c.indicators,
        daysOpen: daysBetween(c.raisedOn, d),
      });

  out.referralsOwed.sort((a, b) => byHousehold(a, b) || (a.memberId < b.memberId ? -1 : 1));
  out.followUpsOverdue.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : byHousehold(a, b)));
  out.surveyUpdatesMissing.sort(byHousehold);
  out.clearancePending.sort(byHousehold);
  return { division: division.code, asOf: d, ...out };
};
