import { ev } from '../src';
import {
  clearedHousehold, command as c, deregistered, employed, employmentEnded, exempted, identified, identifiedHousehold, income, referred,
  registered, rejectionOf, surveyed, trainingOffered, unwilling, visited, willing,
} from '../src/testing';
import { Acceptance, allowing, decideInput, expectAppends, expectPrecedence, Precedence, recordedAt } from './support/contract-commands';

/**
 * domain.md §4.3, the order of checks, for every pair of checks that can both apply to one
 * command: the one §4.3 ranks first wins. Covered here (✓) and pinned elsewhere (→):
 *  1 codec before 2 (a retry, a reused commandId) and before 3 (the stream)            ✓
 *  2 a retry answered unchanged before everything else, even when deregistered         → src/household/spec/decide.spec.ts
 *  2 a retry before its date is checked                                                 → decide.spec.ts
 *  2 COMMAND_ID_REUSED before the date check, before 3 and before 4                     ✓
 *  2 the date check before 3 (DEREGISTERED, UNKNOWN_HOUSEHOLD), naming `on`             ✓
 *  3 DEREGISTERED before 4 (DUPLICATE_ID)                                               → decide.spec.ts
 *  3 DEREGISTERED before 4 (ALREADY_REGISTERED), 5 and 6; UNKNOWN_HOUSEHOLD before 6    ✓
 *  4 an unchanged repeat before 5 (income, survey)                                      → decide.spec.ts
 *  4 an unchanged repeat before 5 (member, referral, employment, visit), actor/note/commandId aside  ✓
 *  4 ALREADY_REGISTERED, DUPLICATE_ID and INCOME_ALREADY_RECORDED before 5              ✓
 *  5 BACKDATED before 6; "before the registration" (decision 132) before 6              ✓
 *  5 within the allowance, decisions 117/129/140/141 after 6: the rule's error wins     ✓ (129 on an unknown offer → decide.spec.ts)
 */

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const once = { ...registered(), commandId: 'cmd-1' };
const training = { trainingId: 't1', memberId: 'm1', kind: 'language' as const, title: 'Mandarin', provider: 'Night school' };
const referral = { referralId: 'r1', memberId: 'm1', employer: 'Factory', position: 'Assembler', place: 'in-region' as const, form: 'enterprise' as const, offeredMonthlyWage: 2800 };
const job = { employmentId: 'e1', memberId: 'm1', form: 'enterprise' as const, place: 'in-region' as const, monthlyIncome: 2800, contractSigned: true };
const addM2 = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990 }), on: '2016-05-10' };

describe('§4.3 check 1: the codec runs before every other check', () => {
  const addMember = { type: 'AddMember', householdId: 'h1', on: '2016-12-01', memberId: 'm2', birthYear: 1990, commandId: 'cmd-1' };

  it('a reused commandId with an unknown field is INVALID_COMMAND, not COMMAND_ID_REUSED', () => {
    expect(decideInput([once], addMember)).toEqual({ code: 'COMMAND_ID_REUSED' });
    expect(decideInput([once], { ...addMember, colour: 'red' })).toEqual({ code: 'INVALID_COMMAND' });
  });

  it('a retry of the very command, sent with an unknown field, is INVALID_COMMAND, not unchanged', () => {
    const register = { type: 'RegisterHousehold', householdId: 'h1', on: '2016-01-10', divisionCode: 'V1', members: [member('m1')], commandId: 'cmd-1' };
    expect(decideInput([once], register)).toEqual({ appended: [] });
    expect(decideInput([once], { ...register, colour: 'red' })).toEqual({ code: 'INVALID_COMMAND' });
  });

  it('a date that does not exist is INVALID_COMMAND on a deregistered or never registered household', () => {
    const bad = { type: 'AddMember', householdId: 'h1', on: '2016-02-30', memberId: 'm2', birthYear: 1990 };
    expect(decideInput([registered(), deregistered()], { ...bad, on: '2016-12-01' })).toEqual({ code: 'DEREGISTERED' });
    expect(decideInput([registered(), deregistered()], bad)).toEqual({ code: 'INVALID_COMMAND' });
    expect(decideInput([], bad)).toEqual({ code: 'INVALID_COMMAND' });
  });
});

const afterRecording = recordedAt('2016-11-20T10:00:00.000Z');

const pairs: Precedence[] = [
  // Check 2.
  { clause: 'a reused commandId is refused before the date is checked', first: 'COMMAND_ID_REUSED', second: 'INVALID_COMMAND', ctx: afterRecording, given: [once], when: c('AddMember', { ...member('m2'), commandId: 'cmd-1' }), alone: { when: c('AddMember', member('m2')) } },
  { clause: 'a reused commandId is refused on a deregistered household', first: 'COMMAND_ID_REUSED', second: 'DEREGISTERED', given: [once, deregistered()], when: c('AddMember', { ...member('m2'), commandId: 'cmd-1' }), alone: { when: c('AddMember', member('m2')) } },
  { clause: 'a reused commandId is refused before the id it creates is found repeated', first: 'COMMAND_ID_REUSED', second: 'DUPLICATE_ID', given: [once], when: c('AddMember', { ...member('m1', 1970), commandId: 'cmd-1' }), alone: { when: c('AddMember', member('m1', 1970)) } },
  { clause: 'a date after the day of recording is refused on a deregistered household', first: 'INVALID_COMMAND', second: 'DEREGISTERED', ctx: afterRecording, given: [registered(), deregistered()], when: c('AddMember', member('m2')), alone: { ctx: recordedAt('2016-12-01T10:00:00.000Z') } },
  { clause: 'a date after the day of recording is refused on a household never registered', first: 'INVALID_COMMAND', second: 'UNKNOWN_HOUSEHOLD', ctx: afterRecording, given: [], when: c('AddMember', member('m2')), alone: { ctx: recordedAt('2016-12-01T10:00:00.000Z') } },
  // Check 3.
  { clause: 'a deregistered household is refused before a second registration with other content', first: 'DEREGISTERED', second: 'ALREADY_REGISTERED', given: [registered(), deregistered()], when: c('RegisterHousehold', { on: '2016-12-01', divisionCode: 'V2', members: [member('m1')] }), alone: { given: [registered()] } },
  { clause: 'a deregistered household is refused before back-dating', first: 'DEREGISTERED', second: 'BACKDATED', given: [registered(), deregistered('2016-10-01')], when: c('WithdrawFromProgramme', { on: '2016-05-01' }), alone: { given: [registered(), exempted('2016-10-01')] } },
  { clause: 'a deregistered household is refused before the command\'s own rules', first: 'DEREGISTERED', second: 'UNKNOWN_MEMBER', given: [registered(), deregistered()], when: c('RemoveMember', { memberId: 'm9', reason: 'x' }), alone: { given: [registered()] } },
  { clause: 'a household never registered is refused before the command\'s own rules', first: 'UNKNOWN_HOUSEHOLD', second: 'UNKNOWN_MEMBER', given: [], when: c('RemoveMember', { memberId: 'm9', reason: 'x' }), alone: { given: [registered()] } },
  // Check 4 before check 5.
  { clause: 'a second registration with other content, dated before the latest date, is ALREADY_REGISTERED', first: 'ALREADY_REGISTERED', second: 'BACKDATED', given: [registered(), surveyed()], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V2', members: [member('m1')] }), alone: { when: c('AddMember', { ...member('m2'), on: '2016-01-10' }) } },
  { clause: 'a training id reused for another offer, dated before the latest date, is DUPLICATE_ID', first: 'DUPLICATE_ID', second: 'BACKDATED', given: [...identifiedHousehold, trainingOffered('t1')], when: c('OfferTraining', { ...training, on: '2016-04-05' }), alone: { when: c('OfferTraining', { ...training, trainingId: 't2', on: '2016-04-05' }) } },
  { clause: 'another amount for a month already recorded, dated before the latest date, is INCOME_ALREADY_RECORDED', first: 'INCOME_ALREADY_RECORDED', second: 'BACKDATED', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2000, '2016-08-01')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2100, on: '2016-07-31' }), alone: { when: c('RecordIncome', { employmentId: 'e1', month: '2016-06', amount: 2100, on: '2016-07-31' }) } },
  // Check 5 before check 6.
  { clause: 'a date before the latest date is BACKDATED before the command\'s own rules', first: 'BACKDATED', second: 'UNKNOWN_MEMBER', given: identifiedHousehold, when: c('RemoveMember', { memberId: 'm9', reason: 'x', on: '2016-03-15' }), alone: { when: c('RemoveMember', { memberId: 'm9', reason: 'x' }) } },
  { clause: 'within the allowance, a date before the registration is BACKDATED before the command\'s own rules (decision 132)', first: 'BACKDATED', second: 'UNKNOWN_MEMBER', ctx: allowing(30), given: [registered(), surveyed()], when: c('RemoveMember', { memberId: 'm9', reason: 'x', on: '2016-01-05' }), alone: { when: c('RemoveMember', { memberId: 'm9', reason: 'x', on: '2016-01-20' }) } },
  // Within the allowance, the command's own rule first (decisions 117, 129, 140, 141).
  { clause: 'a change of status dated before the latest one gets its rule\'s error first (decision 117)', first: 'ALREADY_APPLIED', second: 'BACKDATED', ctx: allowing(30), given: [...identifiedHousehold, trainingOffered('t1', 'm1', '2016-04-20')], when: c('ApplyForIdentification', { on: '2016-03-25' }), alone: { when: c('WithdrawFromProgramme', { on: '2016-03-25' }) } },
  { clause: 'an end dated before the employment started gets its rule\'s error first (decision 129)', first: 'EMPLOYMENT_ENDED', second: 'BACKDATED', ctx: allowing(30), given: [...identifiedHousehold, employed('e1'), employmentEnded('e1', 'm1', '2016-06-20')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit', on: '2016-05-25' }), alone: { given: [...identifiedHousehold, employed('e1'), trainingOffered('t1', 'm1', '2016-06-20')] } },
  { clause: 'a referral dated before the survey it would read gets its rule\'s error first (decision 140)', first: 'NOT_ELIGIBLE', second: 'BACKDATED', ctx: allowing(30), given: [registered(), surveyed([willing('m1')]), surveyed([unwilling('m1')], '2016-03-05')], when: c('ReferToJob', { ...referral, on: '2016-03-01' }), alone: { given: [registered(), surveyed([unwilling('m1')]), surveyed([willing('m1')], '2016-03-05')] } },
  { clause: 'a survey dated before the identification that read it gets its rule\'s error first (decision 141)', first: 'UNKNOWN_MEMBER', second: 'BACKDATED', ctx: allowing(30), given: [registered(), surveyed(), { event: ev('IdentificationApplied', {}), on: '2016-03-01' }, identified(['m1'], '2016-04-20')], when: c('SurveyHousehold', { householdSize: 1, povertyCauses: ['illness'], members: [willing('m9')], on: '2016-04-10' }), alone: { when: c('SurveyHousehold', { householdSize: 1, povertyCauses: ['illness'], members: [unwilling('m1')], on: '2016-04-10' }) } },
  { clause: 'an offer to a member dated before they were added gets its rule\'s error first (decision 129)', first: 'NOT_WORKING_AGE', second: 'BACKDATED', ctx: allowing(30), given: [...identifiedHousehold, { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1940 }), on: '2016-05-10' }, referred('r1', 'm1', '2016-05-20')], when: c('OfferTraining', { ...training, memberId: 'm2', on: '2016-05-05' }), alone: { given: [...identifiedHousehold, addM2, referred('r1', 'm1', '2016-05-20')] } },
];

describe('§4.3: of two checks that both apply, the one ranked first gives the error', () => {
  it.each(pairs.map((p) => [p.clause, p] as const))('%s', (_clause, p) => expectPrecedence(p));

  it('a date after the day of recording names `on` (check 2), on a deregistered household too', () => {
    expect(rejectionOf([registered(), deregistered()], c('AddMember', member('m2')), afterRecording)?.fields?.map((f) => f.path)).toEqual(['on']);
  });
});

// §4.3 check 4: a repeat with the same content is unchanged, whatever its actor, note or commandId, and before back-dating.
const later = [trainingOffered('t9', 'm1', '2016-11-01')];
const unchanged: Acceptance[] = [
  { clause: 'AddMember of an added member with the same content', given: [registered(), addM2, ...later], when: c('AddMember', { memberId: 'm2', birthYear: 1990, on: '2016-05-10', actor: 'clerk-2', note: 'again', commandId: 'new-1' }), appends: [] },
  { clause: 'ReferToJob with a referral id and the same content', given: [...identifiedHousehold, referred('r1'), ...later], when: c('ReferToJob', { ...referral, on: '2016-05-01', actor: 'clerk-2', note: 'again', commandId: 'new-2' }), appends: [] },
  { clause: 'RecordEmployment with an employment id and the same content', given: [...identifiedHousehold, employed('e1'), ...later], when: c('RecordEmployment', { ...job, on: '2016-06-01', actor: 'clerk-2', note: 'again', commandId: 'new-3' }), appends: [] },
  { clause: 'RecordFollowUp with a visit id and the same content', given: [...clearedHousehold, visited('v1'), ...later], when: c('RecordFollowUp', { visitId: 'v1', findings: 'Visited at work', stillEmployed: true, laborConcerns: [], on: '2016-09-01', actor: 'clerk-2', note: 'again', commandId: 'new-4' }), appends: [] },
];
const otherContent: Precedence[] = [
  { clause: 'AddMember of an added member with another birth year', first: 'DUPLICATE_ID', second: 'BACKDATED', given: [registered(), addM2, ...later], when: c('AddMember', { memberId: 'm2', birthYear: 1991, on: '2016-05-10' }), alone: { when: c('AddMember', { memberId: 'm3', birthYear: 1991, on: '2016-05-10' }) } },
  { clause: 'ReferToJob with a referral id and another wage', first: 'DUPLICATE_ID', second: 'BACKDATED', given: [...identifiedHousehold, referred('r1'), ...later], when: c('ReferToJob', { ...referral, offeredMonthlyWage: 2900, on: '2016-05-01' }), alone: { when: c('ReferToJob', { ...referral, referralId: 'r2', on: '2016-05-01' }) } },
  { clause: 'RecordEmployment with an employment id and another income', first: 'DUPLICATE_ID', second: 'BACKDATED', given: [...identifiedHousehold, employed('e1'), ...later], when: c('RecordEmployment', { ...job, monthlyIncome: 2900, on: '2016-06-01' }), alone: { when: c('RecordEmployment', { ...job, employmentId: 'e2', on: '2016-06-01' }) } },
  { clause: 'RecordFollowUp with a visit id and other findings', first: 'DUPLICATE_ID', second: 'BACKDATED', given: [...clearedHousehold, visited('v1'), ...later], when: c('RecordFollowUp', { visitId: 'v1', findings: 'other', stillEmployed: true, laborConcerns: [], on: '2016-09-01' }), alone: { when: c('RecordFollowUp', { visitId: 'v2', findings: 'other', stillEmployed: true, laborConcerns: [], on: '2016-09-01' }) } },
];

describe('§4.3 check 4: a command creating an id already used, dated before later facts', () => {
  it.each(unchanged.map((r) => [r.clause, r] as const))('%s is unchanged, not BACKDATED', (_clause, r) => expectAppends(r));
  it.each(otherContent.map((p) => [p.clause, p] as const))('%s is DUPLICATE_ID, not BACKDATED', (_clause, p) => expectPrecedence(p));
});
