import { ev } from '../src';
import {
  clearedHousehold, command as c, concernRaised, deregistered, employed, identifiedHousehold, income, registered, trainingOffered, visited,
} from '../src/testing';
import { Acceptance, expectAppends, expectRefused, Refusal } from './support/contract-commands';

/**
 * domain.md §4.3 checks 2 and 4: a command sent again. Covered here (✓) and pinned elsewhere (→):
 *  2 a retry (same commandId, same command; actor and note aside) is unchanged; another type,
 *    date or field under that commandId is COMMAND_ID_REUSED                             → src/household/spec/decide.spec.ts
 *  2 … a retry of a command that appended two events, and of a correction              ✓
 *  4 content is "every field except actor, note and commandId": the business date is in it,
 *    so the same offer, employment or registration on another date is refused           ✓
 *  4 an id repeat with the same content is unchanged, other content refused             → decide.spec.ts, contract-commands-order-of-checks.spec.ts
 *  4 … AddMember of a removed member's id                                               ✓
 *  4 an income repeat is compared with the amount as corrected                          ✓ (contract silent on corrections; code's answer kept)
 *  3 before 4: a repeat with the same content on a deregistered household is DEREGISTERED ✓
 *    (the ordering of a retry, check 2, before check 3 → decide.spec.ts)
 */

const training = { trainingId: 't1', memberId: 'm1', kind: 'vocational' as const, title: 'Welding', provider: 'County school' };
const job = { employmentId: 'e1', memberId: 'm1', form: 'enterprise' as const, place: 'in-region' as const, monthlyIncome: 2800, contractSigned: true };
const registration = { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] };
const visit = { visitId: 'v1', findings: 'Visited at work', stillEmployed: true, laborConcerns: ['wages-withheld' as const], on: '2016-09-01' };
const addedM2 = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990 }), on: '2016-05-10' };
const removedM2 = { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-06-01' };
const correction = { eventId: 'e4', correction: { monthlyIncome: 3100 }, reason: 'payslip', on: '2016-07-01' };
/** The July income keyed as 2000 (e5), then corrected to 2200. */
const incomeCorrected = [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2000), { event: ev('EventCorrected', { eventId: 'e5', correctedType: 'IncomeRecorded', correction: { amount: 2200 }, reason: 'payslip' }), on: '2016-08-10' }];
const julyIncome = (amount: number) => c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount, on: '2016-08-10' });

describe('§4.3 checks 2 and 4: a command sent again is unchanged', () => {
  const rows: Acceptance[] = [
    { clause: 'a retry of a follow-up that raised a concern (two events under one commandId)', given: [...clearedHousehold, { ...visited('v1', ['wages-withheld']), commandId: 'k-1' }, { ...concernRaised('v1'), commandId: 'k-1' }], when: c('RecordFollowUp', { ...visit, commandId: 'k-1' }), appends: [] },
    { clause: 'a retry of a correction', given: [...identifiedHousehold, employed('e1'), { event: ev('EventCorrected', { eventId: 'e4', correctedType: 'MemberEmployed', correction: { monthlyIncome: 3100 }, reason: 'payslip' }), on: '2016-07-01', commandId: 'k-2' }], when: c('CorrectEvent', { ...correction, commandId: 'k-2' }), appends: [] },
    { clause: 'an income again with the amount as corrected (contract silent; code\'s answer kept)', given: incomeCorrected, when: julyIncome(2200), appends: [] },
    { clause: 'AddMember of a removed member\'s id, with the content it was added with', given: [registered(), addedM2, removedM2], when: c('AddMember', { memberId: 'm2', birthYear: 1990, on: '2016-05-10' }), appends: [] },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectAppends(r));
});

describe('§4.3 checks 2 and 4: a command sent again with another content is refused', () => {
  const rows: Refusal[] = [
    { clause: 'the commandId of a follow-up that raised a concern, on another visit, is COMMAND_ID_REUSED', given: [...clearedHousehold, { ...visited('v1', ['wages-withheld']), commandId: 'k-1' }, { ...concernRaised('v1'), commandId: 'k-1' }], when: c('RecordFollowUp', { ...visit, visitId: 'v2', commandId: 'k-1' }), code: 'COMMAND_ID_REUSED' },
    { clause: 'an income again with the amount first keyed, since corrected, is INCOME_ALREADY_RECORDED (contract silent; code\'s answer kept)', given: incomeCorrected, when: julyIncome(2000), code: 'INCOME_ALREADY_RECORDED' },
    { clause: 'the same offer on another date is DUPLICATE_ID', given: [...identifiedHousehold, trainingOffered('t1')], when: c('OfferTraining', { ...training, on: '2016-04-11' }), code: 'DUPLICATE_ID' },
    { clause: 'the same employment on another date is DUPLICATE_ID', given: [...identifiedHousehold, employed('e1')], when: c('RecordEmployment', { ...job, on: '2016-06-02' }), code: 'DUPLICATE_ID' },
    { clause: 'the same registration on another date is ALREADY_REGISTERED', given: [registered()], when: c('RegisterHousehold', { ...registration, on: '2016-01-11' }), code: 'ALREADY_REGISTERED' },
    { clause: 'AddMember of a removed member\'s id with another birth year is DUPLICATE_ID', given: [registered(), addedM2, removedM2], when: c('AddMember', { memberId: 'm2', birthYear: 1991 }), code: 'DUPLICATE_ID' },
    { clause: 'the same registration on a deregistered household is DEREGISTERED, not unchanged', given: [registered(), deregistered()], when: c('RegisterHousehold', { ...registration, on: '2016-01-10' }), code: 'DEREGISTERED' },
    { clause: 'the same AddMember on a deregistered household is DEREGISTERED, not unchanged', given: [registered(), addedM2, deregistered()], when: c('AddMember', { memberId: 'm2', birthYear: 1990, on: '2016-05-10' }), code: 'DEREGISTERED' },
  ];
  it.each(rows.map((r) => [r.clause, r] as const))('%s', (_clause, r) => expectRefused(r.given, r.when, r.code, r.ctx));
});
