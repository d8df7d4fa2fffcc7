import * as E from 'fp-ts/Either';
import { dayNumber, fromDayNumber } from '../dates';
import { isCommandOf, matchesTrace, traceDate, traceEventType } from './command-trace';
import { CommandOf, HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { Decision, nothing, reject } from './decision';
import { Content, contentOf, sameContent } from './fingerprint';
import { correctedEvent, correctionsIn } from './correction';
import { evolve } from './evolve';
import { Fact, HouseholdState } from './state';
import { samePrint, surveyPrintOf } from './survey-print';

/**
 * The checks that run before any command's own rules, in domain.md §4's order.
 * Each returns a Decision to stop with, or undefined to go on.
 */
export type Guard = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext) => Decision | undefined;

/**
 * A command whose commandId the stream already holds was applied before: the answer
 * to a retry is "accepted, nothing new", even after the stream closed
 * (docs/decisions/0004-command-id-before-closed-stream.md). The id of another command
 * is COMMAND_ID_REUSED, as an idempotency key reused with another request is
 * (docs/decisions/0019-repeated-facts.md): answering "nothing new" would silently lose it.
 * The state keeps a fingerprint of each command: a different one proves another command;
 * an equal one is confirmed against the stored event when the stream is at hand, as the
 * command handlers arrange (`needsHistory`; docs/decisions/0050-lean-fold.md).
 */
export const alreadyApplied: Guard = (c, s, ctx) => {
  if (c.commandId === undefined) return undefined;
  const trace = s.commandIds.get(c.commandId);
  if (trace === undefined) return undefined;
  const reused = reject('COMMAND_ID_REUSED', `commandId "${c.commandId}" was already used for ${traceEventType(trace)} on ${traceDate(trace)} with other content; give this command its own commandId`, { path: 'commandId', message: 'already used for another command' });
  if (!matchesTrace(c, trace)) return reused;
  const first = ctx.history?.find((f) => f.meta.commandId === c.commandId);
  if (first === undefined) return nothing;
  return isCommandOf(c, first.event, first.meta.occurredOn) ? nothing : reused;
};

/** Whether deciding `c` on `s` reads the stream's past: a correction, or a commandId whose fingerprint matches (to confirm it). */
export const retryToConfirm = (c: HouseholdCommand, s: HouseholdState): boolean => {
  if (c.commandId === undefined) return false;
  const trace = s.commandIds.get(c.commandId);
  return trace !== undefined && matchesTrace(c, trace);
};

export const streamOpen: Guard = (c, s) => {
  if (s.status === 'deregistered') return reject('DEREGISTERED', 'the household is deregistered; its stream accepts no further commands', { path: 'householdId', message: 'the household is deregistered' });
  if (s.status === 'unregistered' && c.type !== 'RegisterHousehold')
    return reject('UNKNOWN_HOUSEHOLD', `household "${c.householdId}" is not registered`, { path: 'householdId', message: 'not registered' });
  return undefined;
};

/** The field of the id a command creates, for the commands existingContent looks up; a registration's is householdId. */
const CREATED_ID: Partial<Record<HouseholdCommand['type'], string>> = {
  AddMember: 'memberId', OfferTraining: 'trainingId', ReferToJob: 'referralId', RecordEmployment: 'employmentId', RecordFollowUp: 'visitId',
};

/** A member named at registration has no AddMember content to match: any AddMember is a clash. */
const REGISTERED_MEMBER = 'registered-member';

/** The content already stored under the id this command would create, if any. */
const existingContent = (c: HouseholdCommand, s: HouseholdState): Content | typeof REGISTERED_MEMBER | undefined => {
  switch (c.type) {
    case 'RegisterHousehold':
      return s.registrationFingerprint;
    case 'AddMember': {
      const m = s.members.get(c.memberId);
      return m ? (m.fingerprint ?? REGISTERED_MEMBER) : undefined;
    }
    case 'OfferTraining':
      return s.trainings.get(c.trainingId)?.fingerprint;
    case 'ReferToJob':
      return s.referrals.get(c.referralId)?.fingerprint;
    case 'RecordEmployment':
      return s.employments.get(c.employmentId)?.fingerprint;
    case 'RecordFollowUp':
      return s.visits.get(c.visitId)?.fingerprint;
    default:
      return undefined;
  }
};

export const idRepeat: Guard = (c, s) => {
  const existing = existingContent(c, s);
  if (existing === undefined) return undefined;
  if (existing !== REGISTERED_MEMBER && sameContent(existing, contentOf(c, c.on))) return nothing;
  return c.type === 'RegisterHousehold'
    ? reject('ALREADY_REGISTERED', `household "${c.householdId}" is already registered with different content`, { path: 'householdId', message: 'already registered with different content' })
    : reject('DUPLICATE_ID', 'this id is already used in the household for something else', { path: CREATED_ID[c.type] ?? 'householdId', message: 'already used in the household for something else' });
};

/**
 * Facts without an id of their own, recognised by their content so that importing an
 * overlapping export twice appends nothing twice (docs/decisions/0019-repeated-facts.md):
 * an income is one figure per employment and month — the same again is idempotent,
 * another figure is INCOME_ALREADY_RECORDED (CorrectEvent amends it); a survey with the
 * same content on the same date as one recorded (as corrected) is idempotent. Like id
 * repeats, this runs before the back-dating check.
 */
export const factRepeat: Guard = (c, s, ctx) => {
  switch (c.type) {
    case 'SurveyHousehold':
      return surveyRecorded(c, s, ctx.history) ? nothing : undefined;
    case 'RecordIncome': {
      const recorded = s.employments.get(c.employmentId)?.incomes.get(c.month);
      if (recorded === undefined) return undefined;
      return recorded === c.amount
        ? nothing
        : reject('INCOME_ALREADY_RECORDED', `employment "${c.employmentId}" already has an income of ${recorded} for ${c.month}; to change it, correct that event (CorrectEvent)`, { path: 'month', message: `an income of ${recorded} is already recorded for this month` });
    }
    default:
      return undefined;
  }
};

/**
 * Whether a recorded survey's print (survey-print.ts) matches the survey `c` asks for: no
 * print on its date proves it new without fingerprinting it.
 */
const printRecorded = (c: CommandOf<'SurveyHousehold'>, s: HouseholdState): boolean => {
  let sameDay = false;
  for (const p of s.surveys.values()) if (p.on === c.on) sameDay = true;
  if (!sameDay) return false;
  const print = surveyPrintOf(c, c.on);
  for (const p of s.surveys.values()) if (samePrint(p, print)) return true;
  return false;
};

/** Whether deciding `c` on `s` confirms a survey repeat against the stream: its print matches a recorded survey's. */
export const surveyMayRepeat = (c: HouseholdCommand, s: HouseholdState): boolean => c.type === 'SurveyHousehold' && printRecorded(c, s);

/**
 * Whether a survey with `c`'s content and date is recorded. The state keeps prints: a
 * different one proves a new survey; a matching one is confirmed against the stream's
 * surveys, as corrected, when the caller gives the stream (`needsHistory` asks for it),
 * and is taken as the repeat it almost surely is when it does not.
 */
const surveyRecorded = (c: CommandOf<'SurveyHousehold'>, s: HouseholdState, history: readonly Fact[] | undefined): boolean => {
  if (!printRecorded(c, s)) return false;
  if (history === undefined) return true;
  const content = contentOf(c, c.on);
  const corrections = correctionsIn(history);
  return history.some((f) => f.event.type === 'HouseholdSurveyed' && sameContent(contentOf(correctedEvent(f, corrections).data, f.meta.occurredOn), content));
};

/**
 * CorrectEvent is the one way to record something about the past (domain.md §4). Compared
 * as day numbers (a policy's allowance of at most ten years keeps the earliest date a
 * four-digit year, where this is the order of the ISO strings); the date is written out
 * only for the message. A command on or after the stream's latest date (nearly every one)
 * is not back-dated under any allowance of zero days or more, which the order of the ISO
 * strings says without the day numbers.
 */
export const notBackdated: Guard = (c, s, ctx) => {
  if (c.type === 'CorrectEvent' || s.latestOn === undefined) return undefined;
  if (c.on >= s.latestOn && ctx.policy.backdatingAllowanceDays >= 0) return undefined;
  const earliest = dayNumber(s.latestOn) - ctx.policy.backdatingAllowanceDays;
  if (dayNumber(c.on) < earliest)
    return reject('BACKDATED', `business date ${c.on} is before ${fromDayNumber(earliest)}: the stream's latest date is ${s.latestOn}`, { path: 'on', message: `before ${fromDayNumber(earliest)}, the earliest date the stream accepts` });
  // Within the allowance, nothing happened to a household before it was registered (docs/decisions/0132).
  return s.registeredOn !== undefined && c.on < s.registeredOn
    ? reject('BACKDATED', `business date ${c.on} is before ${s.registeredOn}, when the household was registered`, { path: 'on', message: `before ${s.registeredOn}, when the household was registered` })
    : undefined;
};

/**
 * The back-dating allowance lets a command be dated before the stream's latest date, but
 * never a change of status before the household's latest change of status: a household
 * withdrawn on the 31st cannot have been identified on the 1st after it, and the reports
 * read a household's status at a date from its changes in the order they were recorded
 * (docs/decisions/0117). Decided after the command's own rules, because whether it changes
 * the status is what its events do; with no allowance (the reference policy) every command
 * is on or after the latest date, so this never folds anything.
 */
export const statusChangeInOrder = (c: HouseholdCommand, s: HouseholdState, decided: Decision): Decision => {
  if (s.statusSince === undefined || c.on >= s.statusSince || c.type === 'CorrectEvent' || E.isLeft(decided)) return decided;
  let t = s;
  for (const event of decided.right) {
    t = evolve(t, event, { eventId: '(pending)', occurredOn: c.on });
    if (t.status !== s.status)
      return reject('BACKDATED', `business date ${c.on} is before ${s.statusSince}, when the household became ${s.status}: a change of status cannot be dated before the latest one`, { path: 'on', message: `before ${s.statusSince}, the household's latest change of status` });
  }
  return decided;
};

export const isNothing = (d: Decision): boolean => E.isRight(d) && d.right.length === 0;
