import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { append, Decision, reject } from '../decision';
import { isEligible, isEmployed, liveMember } from '../eligibility';
import { ev } from '../events';
import { HouseholdState } from '../state';

export const referToJob = (c: CommandOf<'ReferToJob'>, s: HouseholdState, ctx: DecisionContext): Decision => {
  const m = liveMember(s, c.memberId);
  if (!m) return reject('UNKNOWN_MEMBER', `no member "${c.memberId}" in this household`, { path: 'memberId', message: 'not a member of the household' });
  // The household's cause before the member's: a household never surveyed has no member whose eligibility is known (decision 179).
  if (!s.surveyed) return reject('NOT_SURVEYED', 'the household has not been surveyed', { path: 'householdId', message: 'the household has not been surveyed' });
  if (!isEligible(m, c.on, ctx.policy))
    return reject('NOT_ELIGIBLE', `member "${c.memberId}" is not of working age, able and willing to work`, { path: 'memberId', message: 'not of working age, able and willing to work on this date' });
  if (isEmployed(s, c.memberId, c.on)) return reject('MEMBER_EMPLOYED', `member "${c.memberId}" is employed`, { path: 'memberId', message: 'employed on this date' });
  if (s.status === 'withdrawn' || s.status === 'exempted') return reject('HOUSEHOLD_INACTIVE', `the household is ${s.status}`, { path: 'householdId', message: `the household is ${s.status}` });
  const { referralId, memberId, employer, position, place, form, offeredMonthlyWage } = c;
  return append(ev('MemberReferred', { referralId, memberId, employer, position, place, form, offeredMonthlyWage }));
};

/** Accepting or declining is the person's choice; a decline is recorded and changes nothing else. */
export const answerReferral = (c: CommandOf<'AcceptReferral'> | CommandOf<'DeclineReferral'>, s: HouseholdState): Decision => {
  const r = s.referrals.get(c.referralId);
  if (!r || r.status !== 'open') return reject('OFFER_NOT_OPEN', `referral "${c.referralId}" is not open`, { path: 'referralId', message: r ? `the referral is ${r.status}, not open` : 'no such referral in the household' });
  if (c.type === 'AcceptReferral') return append(ev('ReferralAccepted', { referralId: c.referralId, memberId: r.memberId }));
  // Written out per shape, not spread (rules/training.ts says why).
  return append(
    ev('ReferralDeclined', c.reason !== undefined ? { referralId: c.referralId, memberId: r.memberId, reason: c.reason } : { referralId: c.referralId, memberId: r.memberId }),
  );
};
