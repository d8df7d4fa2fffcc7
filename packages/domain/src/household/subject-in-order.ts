import * as E from 'fp-ts/Either';
import { HouseholdCommand } from './commands';
import { Decision, reject } from './decision';
import { BusinessDate, firstDayOf } from '../dates';
import { HouseholdState } from './state';

/** The fact a command answers, ends or resolves: its business date, and how to say what it was. */
interface Subject {
  readonly on: BusinessDate;
  readonly what: string;
}

const subjectOf = (c: HouseholdCommand, s: HouseholdState): Subject | undefined => {
  switch (c.type) {
    case 'AcceptReferral':
    case 'DeclineReferral': {
      const r = s.referrals.get(c.referralId);
      return r && { on: r.referredOn, what: `referral "${c.referralId}" was made` };
    }
    case 'RecordEmployment': {
      // No employment without agreement (domain.md §1.2): not before the member accepted the referral, which the rules require.
      const r = c.referralId === undefined ? undefined : s.referrals.get(c.referralId);
      const accepted = r === undefined ? undefined : r.acceptedOn === undefined ? { on: r.referredOn, what: `referral "${c.referralId}" was made` } : { on: r.acceptedOn, what: `referral "${c.referralId}" was accepted` };
      return later(accepted, employmentRead(s));
    }
    case 'AcceptTraining':
    case 'DeclineTraining': {
      const t = s.trainings.get(c.trainingId);
      return t && { on: t.offeredOn, what: `training "${c.trainingId}" was offered` };
    }
    case 'CompleteTraining':
    case 'LeaveTraining': {
      // A training is finished only once accepted and under way, which the rules require: not dated before the acceptance.
      const t = s.trainings.get(c.trainingId);
      if (t === undefined) return undefined;
      return t.acceptedOn === undefined ? { on: t.offeredOn, what: `training "${c.trainingId}" was offered` } : { on: t.acceptedOn, what: `training "${c.trainingId}" was accepted` };
    }
    case 'SurveyHousehold':
    case 'DeclareWillingness':
    case 'WithdrawWillingness':
      // What the latest identification read its eligible members from (docs/decisions/0141).
      return s.lastIdentifiedOn === undefined ? undefined : { on: s.lastIdentifiedOn, what: 'the household was identified (or relapsed) on its members\' eligibility then' };
    case 'RemoveMember':
      // A removed member leaves the eligible members and the employments an identification, clearance or relapse read.
      return employmentRead(s);
    case 'EndEmployment': {
      const e = s.employments.get(c.employmentId);
      if (e === undefined) return undefined;
      // Nor before a month it has an income for: an income is refused for a month after the employment ended (EMPLOYMENT_ENDED).
      let month: string | undefined;
      for (const m of e.incomes.keys()) if (month === undefined || m > month) month = m;
      const earned = month === undefined ? undefined : { on: firstDayOf(month), what: `employment "${c.employmentId}" has an income for ${month}` };
      return later(later({ on: e.startedOn, what: `employment "${c.employmentId}" started` }, earned), employmentRead(s));
    }
    case 'RecordFollowUp':
      // A follow-up visit follows up the clearance it is recorded under (the rule requires the household cleared).
      return s.lastClearedOn === undefined ? undefined : { on: s.lastClearedOn, what: 'the household was cleared' };
    case 'ResolveLaborConcern': {
      const concern = s.visits.get(c.visitId)?.concern;
      return concern && { on: concern.raisedOn, what: `visit "${c.visitId}" raised its labour concern` };
    }
    default:
      return undefined;
  }
};

/**
 * The latest decision that read the household's employments on its date: an identification
 * or a relapse (no eligible member employed, no member employed) and a clearance (a member
 * employed). An employment's start or end dated before it would make that decision one the
 * rules refuse on its date (docs/decisions/0141).
 */
function employmentRead(s: HouseholdState): Subject | undefined {
  const identified = s.lastIdentifiedOn === undefined ? undefined : { on: s.lastIdentifiedOn, what: 'the household was identified (or relapsed) on what its employments were then' };
  const cleared = s.lastClearedOn === undefined ? undefined : { on: s.lastClearedOn, what: 'the household was cleared on what its employments were then' };
  return later(identified, cleared);
}

/** The members a command names: none of them can be acted on before they were added. */
const membersNamed = (c: HouseholdCommand): readonly string[] => {
  switch (c.type) {
    case 'SurveyHousehold':
      return c.members.map((m) => m.memberId);
    case 'RemoveMember':
    case 'DeclareWillingness':
    case 'WithdrawWillingness':
    case 'OfferTraining':
    case 'ReferToJob':
    case 'RecordEmployment':
      return [c.memberId];
    default:
      return [];
  }
};

/** When a member added after registration was added (its addition's content keeps the date); registered members are bounded by the registration (docs/decisions/0132). */
const memberAdded = (s: HouseholdState, memberId: string): Subject | undefined => {
  const on = s.members.get(memberId)?.fingerprint?.on;
  return on === undefined ? undefined : { on, what: `member "${memberId}" was added` };
};

const later = (a: Subject | undefined, b: Subject | undefined): Subject | undefined => (a === undefined ? b : b === undefined || b.on <= a.on ? a : b);

/**
 * The latest dated fact a member's eligibility on the command's date is read from (docs/decisions/0140):
 * the state holds a member's capacity and willingness as the latest dated survey or declaration
 * says them (decision 130), not as they were on an earlier date, so a rule that reads them
 * decides only on or after the date of what it reads.
 */
const eligibilityRead = (s: HouseholdState, memberId: string): Subject | undefined => {
  const m = s.members.get(memberId);
  if (m === undefined) return undefined;
  const willing = m.willingOn === undefined ? undefined : { on: m.willingOn, what: `member "${memberId}"'s willingness was last stated` };
  return m.capacityOn === undefined ? willing : later(willing, { on: m.capacityOn, what: `member "${memberId}" was last surveyed` });
};

/**
 * The latest removal of a member: the state keeps a removed member out of the household's
 * employments and eligible members from then on, whatever the date a rule asks about, so a
 * rule that reads them decides only on or after it (docs/decisions/0140).
 */
const latestRemoval = (s: HouseholdState): Subject | undefined => {
  let latest: Subject | undefined;
  for (const m of s.members.values()) if (m.removedOn !== undefined) latest = later(latest, { on: m.removedOn, what: `member "${m.memberId}" was removed` });
  return latest;
};

/**
 * The latest fact the eligibility or the employment a command's rule reads on its date comes
 * from: a referral's member's capacity and willingness; every member's for an identification;
 * and, for an identification, a clearance or a relapse, which look at the members not removed,
 * the latest removal.
 */
const eligibilityOf = (c: HouseholdCommand, s: HouseholdState): Subject | undefined => {
  switch (c.type) {
    case 'ReferToJob':
      return eligibilityRead(s, c.memberId);
    case 'IdentifyHousehold': {
      let latest = latestRemoval(s);
      for (const m of s.members.values()) if (!m.removed) latest = later(latest, eligibilityRead(s, m.memberId));
      return latest;
    }
    case 'ClearHousehold':
    case 'RecordRelapse':
      return latestRemoval(s);
    default:
      return undefined;
  }
};

/**
 * The back-dating allowance lets a command be dated before the stream's latest date, but an
 * answer, an end or a resolution never before the fact it answers, ends or resolves: a
 * referral is not accepted before it was made, an employment does not end before it started,
 * a labour concern is not resolved before the visit that raised it, a household is not
 * visited in follow-up before it was cleared, and no member is surveyed, offered, referred,
 * employed or removed before they were added (docs/decisions/0129); nor is a member's
 * eligibility decided (a referral, an identification) on a date before the survey or
 * declaration it is read from (docs/decisions/0140).
 * Decided after the command's own rules, so that a command naming no such fact gets that
 * rule's error; with no allowance (the reference policy) every command is on or after the
 * latest date, so this never refuses anything.
 */
export const subjectInOrder = (c: HouseholdCommand, s: HouseholdState, decided: Decision): Decision => {
  if (E.isLeft(decided) || s.latestOn === undefined || c.on >= s.latestOn) return decided;
  const subject = membersNamed(c).reduce((latest, id) => later(latest, memberAdded(s, id)), later(subjectOf(c, s), eligibilityOf(c, s)));
  return subject !== undefined && c.on < subject.on
    ? reject('BACKDATED', `business date ${c.on} is before ${subject.on}, when ${subject.what}: it cannot be dated before that`, { path: 'on', message: `before ${subject.on}, when ${subject.what}` })
    : decided;
};
