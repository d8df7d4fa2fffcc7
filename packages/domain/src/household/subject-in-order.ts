import * as E from 'fp-ts/Either';
import { HouseholdCommand } from './commands';
import { Decision, reject } from './decision';
import { BusinessDate } from '../dates';
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
      const r = c.referralId === undefined ? undefined : s.referrals.get(c.referralId);
      return r && { on: r.referredOn, what: `referral "${c.referralId}" was made` };
    }
    case 'AcceptTraining':
    case 'DeclineTraining':
    case 'CompleteTraining':
    case 'LeaveTraining': {
      const t = s.trainings.get(c.trainingId);
      return t && { on: t.offeredOn, what: `training "${c.trainingId}" was offered` };
    }
    case 'EndEmployment': {
      const e = s.employments.get(c.employmentId);
      return e && { on: e.startedOn, what: `employment "${c.employmentId}" started` };
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
 * The back-dating allowance lets a command be dated before the stream's latest date, but an
 * answer, an end or a resolution never before the fact it answers, ends or resolves: a
 * referral is not accepted before it was made, an employment does not end before it started,
 * a labour concern is not resolved before the visit that raised it, a household is not
 * visited in follow-up before it was cleared (docs/decisions/0129).
 * Decided after the command's own rules, so that a command naming no such fact gets that
 * rule's error; with no allowance (the reference policy) every command is on or after the
 * latest date, so this never refuses anything.
 */
export const subjectInOrder = (c: HouseholdCommand, s: HouseholdState, decided: Decision): Decision => {
  if (E.isLeft(decided) || s.latestOn === undefined || c.on >= s.latestOn) return decided;
  const subject = subjectOf(c, s);
  return subject !== undefined && c.on < subject.on
    ? reject('BACKDATED', `business date ${c.on} is before ${subject.on}, when ${subject.what}: it cannot be dated before that`)
    : decided;
};
