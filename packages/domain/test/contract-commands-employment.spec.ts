import { ev } from '../src';
import {
  command as c, employed, employmentEnded, exempted, identifiedHousehold, income, referralAccepted, referred, registered, surveyed, willing, withdrew,
} from '../src/testing';
import { Acceptance, allowing, expectAppends, expectPrecedence, expectRefused, Precedence, Refusal } from './support/contract-commands';

/**
 * domain.md §4.5, RecordEmployment, RecordIncome and EndEmployment.
 * Covered here (✓) and pinned elsewhere (→ src/household/spec/…):
 *  RecordEmployment appends MemberEmployed {employmentId, memberId, form, place, employer?,
 *    monthlyIncome, referralId?, contractSigned}                                        → decide.spec.ts (no employer; with and without referral)
 *    … with an employer                                                                 ✓
 *    UNKNOWN_MEMBER (stranger); REFERRAL_NOT_ACCEPTED (only offered, declined, another
 *    member's); NOT_WORKING_AGE                                                         → decide.spec.ts
 *    UNKNOWN_MEMBER (removed); HOUSEHOLD_INACTIVE (withdrawn, exempted); REFERRAL_NOT_ACCEPTED
 *    (unknown referral; one that already led to an employment)                          ✓
 *    the order UNKNOWN_MEMBER; HOUSEHOLD_INACTIVE; REFERRAL_NOT_ACCEPTED; NOT_WORKING_AGE ✓
 *  RecordIncome appends IncomeRecorded {employmentId, memberId, month, amount}           → decide.spec.ts
 *    … in a withdrawn household (§4.1); for the start month of a mid-month start; for the
 *    month whose first day the employment ended on (not "before the month's first day") ✓
 *    INCOME_ALREADY_RECORDED; UNKNOWN_EMPLOYMENT; MONTH_NOT_BEGUN; EMPLOYMENT_NOT_STARTED;
 *    EMPLOYMENT_ENDED, one by one                                                       → decide.spec.ts, rejection-fields.spec.ts
 *    the order, pair by pair where two can apply                                        ✓ (EMPLOYMENT_NOT_STARTED and _ENDED cannot:
 *      an end is never before the start; an income month with an end before it cannot be recorded, decision 141)
 *  EndEmployment appends EmploymentEnded {employmentId, memberId, reason}; UNKNOWN_EMPLOYMENT;
 *    EMPLOYMENT_ENDED                                                                    → decide.spec.ts (disjoint: no pair)
 *    … in a withdrawn household (§4.1)                                                 ✓
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const job = { employmentId: 'e2', memberId: 'm1', form: 'flexible' as const, place: 'local' as const, monthlyIncome: 2000, contractSigned: false };
const elder = [registered([member('m1', 1940)]), surveyed()];
const two = [registered([member('m1'), member('m2')]), surveyed([willing('m1'), willing('m2')])];
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-03-01' };
const out = withdrew('2016-07-01');
const working = [...identifiedHousehold, employed('e1')];
const incomeCmd = (month: string, on = '2016-12-01', employmentId = 'e1') => c('RecordIncome', { employmentId, month, amount: 1500, on });

describe('employment and income: what they append', () => {
  const rows: Acceptance[] = [
    { clause: 'an employment with an employer carries it', given: identifiedHousehold, when: c('RecordEmployment', { ...job, employer: 'Mill' }), appends: [ev('MemberEmployed', { ...job, employer: 'Mill' })] },
    { clause: 'income is recorded in a withdrawn household', given: [...working, out], when: incomeCmd('2016-07'), appends: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-07', amount: 1500 })] },
    { clause: 'income for the month an employment started mid-month is recorded', given: [...identifiedHousehold, employed('e1', 'm1', '2016-06-15')], when: incomeCmd('2016-06'), appends: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-06', amount: 1500 })] },
    { clause: 'income for the month whose first day the employment ended on is recorded', given: [...working, employmentEnded('e1', 'm1', '2016-09-01')], when: incomeCmd('2016-09'), appends: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-09', amount: 1500 })] },
    { clause: 'an employment ends in a withdrawn household', given: [...working, out], when: c('EndEmployment', { employmentId: 'e1', reason: 'returned-home' }), appends: [ev('EmploymentEnded', { employmentId: 'e1', memberId: 'm1', reason: 'returned-home' })] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('employment: why it refuses', () => {
  const rows: Refusal[] = [
    { clause: 'an employment of a removed member is UNKNOWN_MEMBER', given: [...two, removedM2], when: c('RecordEmployment', { ...job, memberId: 'm2' }), code: 'UNKNOWN_MEMBER' },
    { clause: 'an employment in a withdrawn household is HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, out], when: c('RecordEmployment', job), code: 'HOUSEHOLD_INACTIVE' },
    { clause: 'an employment in an exempted household is HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, exempted('2016-07-01')], when: c('RecordEmployment', job), code: 'HOUSEHOLD_INACTIVE' },
    { clause: 'an employment from an unknown referral is REFERRAL_NOT_ACCEPTED', given: identifiedHousehold, when: c('RecordEmployment', { ...job, referralId: 'r9' }), code: 'REFERRAL_NOT_ACCEPTED' },
    { clause: 'a second employment from a referral that already led to one is REFERRAL_NOT_ACCEPTED', given: [...identifiedHousehold, referred('r1'), referralAccepted('r1'), employed('e1', 'm1', '2016-06-01', 'r1'), employmentEnded('e1', 'm1', '2016-07-01')], when: c('RecordEmployment', { ...job, referralId: 'r1' }), code: 'REFERRAL_NOT_ACCEPTED' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});

describe('employment and income: of two refusals, the one ranked first', () => {
  const rows: Precedence[] = [
    { clause: 'a stranger in a withdrawn household: UNKNOWN_MEMBER before HOUSEHOLD_INACTIVE', first: 'UNKNOWN_MEMBER', second: 'HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, out], when: c('RecordEmployment', { ...job, memberId: 'm9' }), alone: { when: c('RecordEmployment', job) } },
    { clause: 'a stranger from an unknown referral: UNKNOWN_MEMBER before REFERRAL_NOT_ACCEPTED', first: 'UNKNOWN_MEMBER', second: 'REFERRAL_NOT_ACCEPTED', given: identifiedHousehold, when: c('RecordEmployment', { ...job, memberId: 'm9', referralId: 'r9' }), alone: { when: c('RecordEmployment', { ...job, referralId: 'r9' }) } },
    { clause: 'an unaccepted referral in a withdrawn household: HOUSEHOLD_INACTIVE before REFERRAL_NOT_ACCEPTED', first: 'HOUSEHOLD_INACTIVE', second: 'REFERRAL_NOT_ACCEPTED', given: [...identifiedHousehold, referred('r1'), out], when: c('RecordEmployment', { ...job, referralId: 'r1' }), alone: { given: [...identifiedHousehold, referred('r1')] } },
    { clause: 'a member past working age in a withdrawn household: HOUSEHOLD_INACTIVE before NOT_WORKING_AGE', first: 'HOUSEHOLD_INACTIVE', second: 'NOT_WORKING_AGE', given: [...elder, out], when: c('RecordEmployment', job), alone: { given: elder } },
    { clause: 'a member past working age from an unknown referral: REFERRAL_NOT_ACCEPTED before NOT_WORKING_AGE', first: 'REFERRAL_NOT_ACCEPTED', second: 'NOT_WORKING_AGE', given: elder, when: c('RecordEmployment', { ...job, referralId: 'r9' }), alone: { when: c('RecordEmployment', job) } },
    { clause: 'another amount for a month recorded, dated before that month: INCOME_ALREADY_RECORDED before MONTH_NOT_BEGUN', first: 'INCOME_ALREADY_RECORDED', second: 'MONTH_NOT_BEGUN', ctx: allowing(30), given: [...working, income('e1', '2016-08', 2000, '2016-08-05')], when: incomeCmd('2016-08', '2016-07-31'), alone: { given: working } },
    { clause: 'an unknown employment, for a month not begun: UNKNOWN_EMPLOYMENT before MONTH_NOT_BEGUN', first: 'UNKNOWN_EMPLOYMENT', second: 'MONTH_NOT_BEGUN', given: working, when: incomeCmd('2017-01', '2016-12-01', 'e9'), alone: { when: incomeCmd('2017-01') } },
    { clause: 'a month not begun and before the start: MONTH_NOT_BEGUN before EMPLOYMENT_NOT_STARTED', first: 'MONTH_NOT_BEGUN', second: 'EMPLOYMENT_NOT_STARTED', ctx: allowing(60), given: [...identifiedHousehold, employed('e1', 'm1', '2016-09-10')], when: incomeCmd('2016-08', '2016-07-20'), alone: { when: incomeCmd('2016-07', '2016-07-20') } },
    { clause: 'a month not begun and after the end: MONTH_NOT_BEGUN before EMPLOYMENT_ENDED', first: 'MONTH_NOT_BEGUN', second: 'EMPLOYMENT_ENDED', given: [...working, employmentEnded('e1', 'm1', '2016-07-10')], when: incomeCmd('2016-08', '2016-07-20'), alone: { when: incomeCmd('2016-08', '2016-08-05') } },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectPrecedence(r));
});
