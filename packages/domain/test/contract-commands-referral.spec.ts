import { ev } from '../src';
import {
  command as c, employed, identifiedHousehold, referralAccepted, referred, registered, surveyed, unable, unwilling, willing, withdrew,
} from '../src/testing';
import { Acceptance, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, ReferToJob, AcceptReferral and DeclineReferral.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  ReferToJob appends MemberReferred {referralId, memberId, employer, position, place, form, offeredMonthlyWage} → decide.spec.ts
 *    UNKNOWN_MEMBER (stranger); NOT_SURVEYED (household never surveyed); NOT_ELIGIBLE
 *    (unwilling; a member added after the survey); MEMBER_EMPLOYED;
 *    HOUSEHOLD_INACTIVE (exempted)                                                      → decide.spec.ts
 *    UNKNOWN_MEMBER (removed); NOT_ELIGIBLE on `on` (60 that year; no capacity; willingness
 *    withdrawn); HOUSEHOLD_INACTIVE (withdrawn)                                         ✓
 *    the order UNKNOWN_MEMBER; NOT_SURVEYED; NOT_ELIGIBLE; MEMBER_EMPLOYED; HOUSEHOLD_INACTIVE,
 *    pair by pair, and DUPLICATE_ID (check 4) before them                               ✓
 *    (NOT_SURVEYED was listed after NOT_ELIGIBLE and could never answer: a household never
 *    surveyed has no eligible member. This audit found it; decision 179 puts it second.)
 *  AcceptReferral appends ReferralAccepted {referralId, memberId}                       → decide.spec.ts
 *  DeclineReferral appends ReferralDeclined {referralId, memberId, reason?}             → decide.spec.ts (with a reason)
 *    … without a reason, none                                                           ✓
 *  OFFER_NOT_OPEN: accepting a declined referral                                        → decide.spec.ts
 *    OFFER_NOT_OPEN: unknown, accepted twice, declining an accepted one                 ✓
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const referral = { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local' as const, form: 'enterprise' as const, offeredMonthlyWage: 2500 };
const withdrawnWillingness = { event: ev('WillingnessWithdrawn', { memberId: 'm1' }), on: '2016-05-01' };
const two = registered([member('m1'), member('m2')]);
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-03-01' };
const out = withdrew('2016-06-10');

describe('referrals: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'declining without a reason appends ReferralDeclined {referralId, memberId}', given: [...identifiedHousehold, referred('r1')], when: c('DeclineReferral', { referralId: 'r1' }), appends: [ev('ReferralDeclined', { referralId: 'r1', memberId: 'm1' })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('referrals: why they refuse', () => {
  const rows: Refusal[] = [
    { clause: 'referring a removed member is UNKNOWN_MEMBER', given: [two, surveyed([willing('m1'), willing('m2')]), removedM2], when: c('ReferToJob', { ...referral, memberId: 'm2' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'referring a member who is 60 in the year of `on` is NOT_ELIGIBLE', given: [registered([member('m1', 1956)]), surveyed()], when: c('ReferToJob', referral), code: 'NOT_ELIGIBLE' },
    { clause: 'referring a member surveyed with no labour capacity is NOT_ELIGIBLE', given: [registered(), surveyed([unable('m1')])], when: c('ReferToJob', referral), code: 'NOT_ELIGIBLE' },
    { clause: 'referring a member who withdrew their willingness is NOT_ELIGIBLE', given: [...identifiedHousehold, withdrawnWillingness], when: c('ReferToJob', referral), code: 'NOT_ELIGIBLE' },
    { clause: 'referring a member of a withdrawn household is HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, out], when: c('ReferToJob', referral), code: 'HOUSEHOLD_INACTIVE' },
    { clause: 'accepting an unknown referral is OFFER_NOT_OPEN', given: identifiedHousehold, when: c('AcceptReferral', { referralId: 'r9' }), code: 'OFFER_NOT_OPEN' },
    { clause: 'accepting a referral twice is OFFER_NOT_OPEN', given: [...identifiedHousehold, referred('r1'), referralAccepted('r1')], when: c('AcceptReferral', { referralId: 'r1' }), code: 'OFFER_NOT_OPEN' },
    { clause: 'declining an accepted referral is OFFER_NOT_OPEN', given: [...identifiedHousehold, referred('r1'), referralAccepted('r1')], when: c('DeclineReferral', { referralId: 'r1' }), code: 'OFFER_NOT_OPEN' },
    { clause: 'declining an unknown referral is OFFER_NOT_OPEN', given: identifiedHousehold, when: c('DeclineReferral', { referralId: 'r9', reason: 'x' }), code: 'OFFER_NOT_OPEN' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('ReferToJob: of two refusals, the one §4.5 lists first', () => {
  const employedM1 = employed('e1', 'm1', '2016-06-01');
  const rows: Precedence[] = [
    { clause: 'a removed, unwilling member: UNKNOWN_MEMBER before NOT_ELIGIBLE', first: 'UNKNOWN_MEMBER', second: 'NOT_ELIGIBLE', given: [two, surveyed([willing('m1'), unwilling('m2')]), removedM2], when: c('ReferToJob', { ...referral, memberId: 'm2' }), alone: { given: [two, surveyed([willing('m1'), unwilling('m2')])] } },
    { clause: 'a stranger in a household never surveyed: UNKNOWN_MEMBER before NOT_SURVEYED', first: 'UNKNOWN_MEMBER', second: 'NOT_SURVEYED', given: [registered()], when: c('ReferToJob', { ...referral, memberId: 'm9' }), alone: { when: c('ReferToJob', referral) } },
    { clause: 'a member of a household never surveyed: NOT_SURVEYED before NOT_ELIGIBLE (decision 179)', first: 'NOT_SURVEYED', second: 'NOT_ELIGIBLE', given: [two], when: c('ReferToJob', { ...referral, memberId: 'm2' }), alone: { given: [two, surveyed([willing('m1')])] } },
    { clause: 'a stranger in a withdrawn household: UNKNOWN_MEMBER before HOUSEHOLD_INACTIVE', first: 'UNKNOWN_MEMBER', second: 'HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, out], when: c('ReferToJob', { ...referral, memberId: 'm9' }), alone: { when: c('ReferToJob', referral) } },
    { clause: 'an unwilling, employed member: NOT_ELIGIBLE before MEMBER_EMPLOYED', first: 'NOT_ELIGIBLE', second: 'MEMBER_EMPLOYED', given: [...identifiedHousehold, employedM1, withdrawnWillingness], when: c('ReferToJob', referral), alone: { given: [...identifiedHousehold, employedM1] } },
    { clause: 'an unwilling member of a withdrawn household: NOT_ELIGIBLE before HOUSEHOLD_INACTIVE', first: 'NOT_ELIGIBLE', second: 'HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, withdrawnWillingness, out], when: c('ReferToJob', referral), alone: { given: [...identifiedHousehold, out] } },
    { clause: 'an employed member of a withdrawn household: MEMBER_EMPLOYED before HOUSEHOLD_INACTIVE', first: 'MEMBER_EMPLOYED', second: 'HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, employedM1, out], when: c('ReferToJob', referral), alone: { given: [...identifiedHousehold, out] } },
    { clause: 'a referral id reused for an unwilling member: DUPLICATE_ID (check 4) before NOT_ELIGIBLE', first: 'DUPLICATE_ID', second: 'NOT_ELIGIBLE', given: [...identifiedHousehold, referred('r2'), withdrawnWillingness], when: c('ReferToJob', referral), alone: { when: c('ReferToJob', { ...referral, referralId: 'r3' }) } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
