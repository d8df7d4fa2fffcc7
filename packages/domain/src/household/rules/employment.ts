import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { firstDayOf, monthOf } from '../../dates';
import { append, Decision, reject } from '../decision';
import { isWorkingAge, liveMember } from '../eligibility';
import { ev, EventData } from '../events';
import { HouseholdState, isActive } from '../state';
import { EMPLOYMENTS_AT_MOST } from '../limits';

/** The event's data, written out per shape (the optional employer and referral), not spread (rules/training.ts says why); the field order is the one the spreads gave. */
const employedData = (c: CommandOf<'RecordEmployment'>): EventData<'MemberEmployed'> => {
  const { employmentId, memberId, form, place, employer, monthlyIncome, referralId, contractSigned } = c;
  if (employer === undefined)
    return referralId === undefined
      ? { employmentId, memberId, form, place, monthlyIncome, contractSigned }
      : { employmentId, memberId, form, place, monthlyIncome, contractSigned, referralId };
  return referralId === undefined
    ? { employmentId, memberId, form, place, monthlyIncome, contractSigned, employer }
    : { employmentId, memberId, form, place, monthlyIncome, contractSigned, employer, referralId };
};

export const recordEmployment = (c: CommandOf<'RecordEmployment'>, s: HouseholdState, ctx: DecisionContext): Decision => {
  const m = liveMember(s, c.memberId);
  if (!m) return reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`, { path: 'memberId', message: 'not a member of the household' });
  if (!isActive(s)) return reject('HOUSEHOLD_INACTIVE', `the household is ${s.status}`, { path: 'householdId', message: `the household is ${s.status}` });
  if (c.referralId !== undefined) {
    // No employment without agreement: a referred job needs this member's own acceptance.
    const r = s.referrals.get(c.referralId);
    if (!r || r.memberId !== c.memberId || r.status !== 'accepted')
      return reject('REFERRAL_NOT_ACCEPTED', `referral "${c.referralId}" was not accepted by member "${c.memberId}"`, { path: 'referralId', message: 'not a referral this member accepted' });
    if (r.employmentId !== undefined)
      return reject('REFERRAL_NOT_ACCEPTED', `referral "${c.referralId}" already led to employment "${r.employmentId}"`, { path: 'referralId', message: `already led to employment "${r.employmentId}"` });
  }
  if (!isWorkingAge(m, c.on, ctx.policy)) return reject('NOT_WORKING_AGE', `member "${c.memberId}" is not of working age`, { path: 'memberId', message: 'not of working age on this date' });
  // Every employment ever recorded: a clearance lists those active on its date, which a clearance dated back may find ended since (decision 199).
  if (s.employments.size >= EMPLOYMENTS_AT_MOST)
    return reject('LIMIT_REACHED', `the household's records already hold ${s.employments.size} employments, the most they hold`, { path: 'employmentId', message: `no more than ${EMPLOYMENTS_AT_MOST} employments in one household's records` });
  return append(ev('MemberEmployed', employedData(c)));
};

export const recordIncome = (c: CommandOf<'RecordIncome'>, s: HouseholdState): Decision => {
  const e = s.employments.get(c.employmentId);
  if (!e) return reject('UNKNOWN_EMPLOYMENT', `no employment "${c.employmentId}" in this household`, { path: 'employmentId', message: 'no such employment in the household' });
  // An income is keyed once earned: one for a month after the business date's is a mistyped month (decision 131).
  if (c.month > monthOf(c.on)) return reject('MONTH_NOT_BEGUN', `an income for ${c.month} cannot be recorded on ${c.on}: the month has not begun`, { path: 'month', message: 'after the month of the business date' });
  if (c.month < monthOf(e.startedOn)) return reject('EMPLOYMENT_NOT_STARTED', `employment "${c.employmentId}" started after ${c.month}`, { path: 'month', message: `before the employment started (${e.startedOn})` });
  if (e.endedOn !== undefined && e.endedOn < firstDayOf(c.month))
    return reject('EMPLOYMENT_ENDED', `employment "${c.employmentId}" ended on ${e.endedOn}, before ${c.month}`, { path: 'month', message: `after the employment ended (${e.endedOn})` });
  return append(ev('IncomeRecorded', { employmentId: c.employmentId, memberId: e.memberId, month: c.month, amount: c.amount }));
};

export const endEmployment = (c: CommandOf<'EndEmployment'>, s: HouseholdState): Decision => {
  const e = s.employments.get(c.employmentId);
  if (!e) return reject('UNKNOWN_EMPLOYMENT', `no employment "${c.employmentId}" in this household`, { path: 'employmentId', message: 'no such employment in the household' });
  if (e.endedOn !== undefined) return reject('EMPLOYMENT_ENDED', `employment "${c.employmentId}" already ended on ${e.endedOn}`, { path: 'employmentId', message: `already ended on ${e.endedOn}` });
  return append(ev('EmploymentEnded', { employmentId: c.employmentId, memberId: e.memberId, reason: c.reason }));
};
