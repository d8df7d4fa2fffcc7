import { Day, day } from '../calendar';
import { REJECT_REASONS } from '../catalog';
import { ageProfile, makeMembers, povertyCauses, surveyed } from '../members';
import { eligible, eligibleUnemployed } from './eligibility';
import { planClearance } from './clearance';
import {
  CLEARANCE_SHARES, CUTOFF, END, LATE_APPLY_FROM, LATE_APPLY_TO, LATE_CLEARANCE_SHARES, REGISTRATION_END, START, SURVEY_END, YEAR_START,
} from './programme-calendar';
import { active, emit, schedule, SimulatedHousehold } from './simulated-household';
import {
  ADD_MEMBER, APPLY, DEREGISTER, EXEMPT, IDENTIFY, MISTAKE, REJECT_APP, REMOVE_MEMBER, SURVEY, WILL_WITHDRAW, WITHDRAW, WITHDRAW_APP,
} from './tasks';

/**
 * From registration to identification: the household registers (and its whole life's
 * chance events are put on the agenda), is surveyed every year, may apply, and is
 * identified, rejected, or withdraws its application.
 */

export const register = (h: SimulatedHousehold, village: string): void => {
  const rng = h.rng;
  h.now = rng.int(START, REGISTRATION_END);
  h.members = makeMembers(rng);
  emit(h, 'RegisterHousehold', {
    divisionCode: village,
    members: h.members.map((m) => ({ memberId: m.id, birthYear: m.birthYear, sex: m.sex })),
  });
  schedule(h, Math.min(h.now + rng.int(2, 30), SURVEY_END), SURVEY, 0);
  for (const y of [2017, 2018, 2019, 2020]) {
    const start = YEAR_START[y] as Day;
    // Most updates land before the end-of-February deadline; a few are late.
    const at = rng.chance(0.94) ? start + rng.int(2, 57) : start + rng.int(59, 120);
    schedule(h, at, SURVEY, y);
  }
  if (rng.chance(0.03)) schedule(h, rng.int(day('2016-04-01'), END), WITHDRAW);
  if (rng.chance(0.012)) schedule(h, rng.int(day('2016-03-01'), END), DEREGISTER);
  if (rng.chance(0.02)) schedule(h, rng.int(day('2016-05-01'), END), EXEMPT);
  if (rng.chance(0.08)) schedule(h, rng.int(day('2016-05-01'), day('2020-10-31')), WILL_WITHDRAW);
  const youngCouple = h.members.filter((m) => m.adult && 2016 - m.birthYear <= 38).length >= 2;
  if (youngCouple && rng.chance(0.12)) schedule(h, rng.int(day('2016-06-01'), day('2020-11-30')), ADD_MEMBER);
  if (rng.chance(0.04)) schedule(h, rng.int(day('2016-06-01'), day('2020-11-30')), REMOVE_MEMBER);
  const mistakes = rng.weighted([0.7, 0.25, 0.05]);
  for (let i = 0; i < mistakes; i++) schedule(h, rng.int(h.now + 20, END), MISTAKE);
};

/** The first survey (`year` 0) or the annual update of `year`. */
export const survey = (h: SimulatedHousehold, year: number): void => {
  if (!active(h)) return;
  const rng = h.rng;
  if (year > 0) for (const m of h.members) if (!m.removed) ageProfile(rng, m, year);
  const live = h.members.filter((m) => !m.removed);
  if (h.causes.length === 0 || rng.chance(0.1)) h.causes = povertyCauses(rng, live);
  emit(h, 'SurveyHousehold', { householdSize: live.length, povertyCauses: h.causes, members: live.map(surveyed) });
  for (const m of live) {
    m.knownCapacity = m.capacity;
    m.willing = m.wantsWork;
  }
  if (h.status === 'registered') h.status = 'surveyed';
  if (year > 0) return;
  // After the first survey: does the household apply to the programme?
  if (eligibleUnemployed(h).length === 0) {
    if (rng.chance(0.25)) schedule(h, h.now + rng.int(3, 45), APPLY);
    if (rng.chance(0.45)) schedule(h, rng.int(day('2016-06-01'), day('2018-12-31')), EXEMPT);
    return;
  }
  const r = rng.float();
  if (r < 0.03) return; // never applies: participation is voluntary
  schedule(h, r < 0.12 ? rng.int(LATE_APPLY_FROM, LATE_APPLY_TO) : h.now + rng.int(3, 45), APPLY);
};

export const apply = (h: SimulatedHousehold): void => {
  if (h.status !== 'surveyed') return;
  emit(h, 'ApplyForIdentification', {});
  h.status = 'applied';
  const rng = h.rng;
  if (rng.chance(0.03)) schedule(h, h.now + rng.int(5, 30), WITHDRAW_APP);
  else if (rng.chance(0.01)) schedule(h, h.now + rng.int(7, 40), REJECT_APP, 1);
  else schedule(h, h.now + rng.int(7, 40), IDENTIFY);
};

export const withdrawApplication = (h: SimulatedHousehold): void => {
  if (h.status !== 'applied') return;
  emit(h, 'WithdrawApplication', {});
  h.status = 'surveyed';
  if (h.rng.chance(0.5)) schedule(h, h.now + h.rng.int(60, 400), APPLY);
};

/** `reason` indexes `REJECT_REASONS`. */
export const rejectApplication = (h: SimulatedHousehold, reason: number): void => {
  if (h.status !== 'applied') return;
  emit(h, 'RejectApplication', { reason: REJECT_REASONS[reason] as string });
  h.status = 'surveyed';
};

export const identify = (h: SimulatedHousehold): void => {
  if (h.status !== 'applied') return;
  const candidates = h.members.filter((m) => eligible(h, m));
  if (candidates.length === 0 || candidates.some((m) => m.employment >= 0)) return rejectApplication(h, 0);
  emit(h, 'IdentifyHousehold', {});
  h.status = 'identified';
  const baseline = !h.identifiedOnce && h.now <= CUTOFF;
  h.identifiedOnce = true;
  planClearance(h, baseline ? CLEARANCE_SHARES : LATE_CLEARANCE_SHARES);
};
