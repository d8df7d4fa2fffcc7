import { DecisionContext, HouseholdCommand } from '../src';
import {
  applied, clearedHousehold, command as c, concernRaised, employed, employmentEnded, GivenFact, identifiedHousehold, outcomeOf, referred, registered,
  reorganisedContext, surveyed, trainingAccepted, trainingOffered, unwilling, visited, willing,
} from '../src/testing';
import { expectRefused } from './support/contract-commands';

/**
 * domain.md §4.3 check 2, for every command of §4.5: a command carrying a commandId the
 * stream already holds is answered unchanged when it is the same command (actor and note may
 * differ), and COMMAND_ID_REUSED when another field, or its date, differs. The stored events
 * are the ones the first decision appended, under that commandId. Pinned elsewhere for a
 * survey, a registration and an income (src/household/spec/decide.spec.ts) and by property
 * (test/properties/command-trace.property.spec.ts); here each command type once, with the
 * field changed chosen where the event does not simply copy the command: an optional field
 * left out, or a command without fields of its own, whose date is what differs.
 */

interface Retry {
  readonly type: string;
  readonly given: readonly GivenFact[];
  readonly first: HouseholdCommand;
  /** The same commandId on another command: one field, or the date, differs. */
  readonly other: HouseholdCommand;
  readonly ctx?: DecisionContext;
}

const k = { commandId: 'k-1' };
const later = { on: '2016-12-02' };
const training = { trainingId: 't1', memberId: 'm1', kind: 'language' as const, title: 'Mandarin', provider: 'Night school' };
const referral = { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local' as const, form: 'enterprise' as const, offeredMonthlyWage: 2500 };
const jobNoEmployer = { employmentId: 'e2', memberId: 'm1', form: 'flexible' as const, place: 'local' as const, monthlyIncome: 2000, contractSigned: false };
const job = { ...jobNoEmployer, employer: 'Mill' };
const survey = { householdSize: 1, povertyCauses: ['illness' as const], members: [willing('m1')] };
const registration = { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] };
const offered = [...identifiedHousehold, trainingOffered('t1')];
const underWay = [...offered, trainingAccepted('t1')];
const working = [...identifiedHousehold, employed('e1')];
const concern = [...clearedHousehold, visited('v1', ['wages-withheld']), concernRaised('v1')];
const visit = { visitId: 'v1', findings: 'seen', stillEmployed: true, laborConcerns: ['debt' as const] };
const twoMembers = [registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }])];

const retries: Retry[] = [
  { type: 'RegisterHousehold', given: [], first: c('RegisterHousehold', { ...registration, ...k }), other: c('RegisterHousehold', { ...registration, members: [{ memberId: 'm1', birthYear: 1981 }], ...k }) },
  { type: 'AddMember', given: [registered()], first: c('AddMember', { memberId: 'm2', birthYear: 1990, sex: 'female', ...k }), other: c('AddMember', { memberId: 'm2', birthYear: 1990, ...k }) },
  { type: 'RemoveMember', given: twoMembers, first: c('RemoveMember', { memberId: 'm2', reason: 'left', ...k }), other: c('RemoveMember', { memberId: 'm2', reason: 'moved', ...k }) },
  { type: 'TransferHousehold', ctx: reorganisedContext, given: [registered()], first: c('TransferHousehold', { to: 'V3', ...k }), other: c('TransferHousehold', { to: 'V3', ...later, ...k }) },
  { type: 'SurveyHousehold', given: [registered()], first: c('SurveyHousehold', { ...survey, ...k }), other: c('SurveyHousehold', { ...survey, householdSize: 2, ...k }) },
  { type: 'ApplyForIdentification', given: [registered(), surveyed()], first: c('ApplyForIdentification', { ...k }), other: c('ApplyForIdentification', { ...later, ...k }) },
  { type: 'WithdrawApplication', given: [registered(), surveyed(), applied()], first: c('WithdrawApplication', { ...k }), other: c('WithdrawApplication', { ...later, ...k }) },
  { type: 'IdentifyHousehold', given: [registered(), surveyed(), applied()], first: c('IdentifyHousehold', { ...k }), other: c('IdentifyHousehold', { ...later, ...k }) },
  { type: 'RejectApplication', given: [registered(), surveyed(), applied()], first: c('RejectApplication', { reason: 'x', ...k }), other: c('RejectApplication', { reason: 'y', ...k }) },
  { type: 'DeclareWillingness', given: [registered(), surveyed([unwilling('m1')])], first: c('DeclareWillingness', { memberId: 'm1', ...k }), other: c('DeclareWillingness', { memberId: 'm1', ...later, ...k }) },
  { type: 'WithdrawWillingness', given: [registered(), surveyed()], first: c('WithdrawWillingness', { memberId: 'm1', ...k }), other: c('WithdrawWillingness', { memberId: 'm1', ...later, ...k }) },
  { type: 'OfferTraining', given: identifiedHousehold, first: c('OfferTraining', { ...training, ...k }), other: c('OfferTraining', { ...training, title: 'Cantonese', ...k }) },
  { type: 'AcceptTraining', given: offered, first: c('AcceptTraining', { trainingId: 't1', ...k }), other: c('AcceptTraining', { trainingId: 't1', ...later, ...k }) },
  { type: 'DeclineTraining', given: offered, first: c('DeclineTraining', { trainingId: 't1', reason: 'busy', ...k }), other: c('DeclineTraining', { trainingId: 't1', ...k }) },
  { type: 'CompleteTraining', given: underWay, first: c('CompleteTraining', { trainingId: 't1', certified: true, ...k }), other: c('CompleteTraining', { trainingId: 't1', ...k }) },
  { type: 'LeaveTraining', given: underWay, first: c('LeaveTraining', { trainingId: 't1', reason: 'x', ...k }), other: c('LeaveTraining', { trainingId: 't1', reason: 'y', ...k }) },
  { type: 'ReferToJob', given: identifiedHousehold, first: c('ReferToJob', { ...referral, ...k }), other: c('ReferToJob', { ...referral, offeredMonthlyWage: 2600, ...k }) },
  { type: 'AcceptReferral', given: [...identifiedHousehold, referred('r1')], first: c('AcceptReferral', { referralId: 'r1', ...k }), other: c('AcceptReferral', { referralId: 'r1', ...later, ...k }) },
  { type: 'DeclineReferral', given: [...identifiedHousehold, referred('r1')], first: c('DeclineReferral', { referralId: 'r1', reason: 'far', ...k }), other: c('DeclineReferral', { referralId: 'r1', ...k }) },
  { type: 'RecordEmployment', given: identifiedHousehold, first: c('RecordEmployment', { ...job, ...k }), other: c('RecordEmployment', { ...jobNoEmployer, ...k }) },
  { type: 'RecordIncome', given: working, first: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2000, ...k }), other: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2100, ...k }) },
  { type: 'EndEmployment', given: working, first: c('EndEmployment', { employmentId: 'e1', reason: 'quit', ...k }), other: c('EndEmployment', { employmentId: 'e1', reason: 'dismissed', ...k }) },
  { type: 'ClearHousehold', given: working, first: c('ClearHousehold', { ...k }), other: c('ClearHousehold', { ...later, ...k }) },
  { type: 'RecordFollowUp', given: clearedHousehold, first: c('RecordFollowUp', { ...visit, ...k }), other: c('RecordFollowUp', { ...visit, laborConcerns: ['threats'], ...k }) },
  { type: 'ResolveLaborConcern', given: concern, first: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'remedied', reason: 'paid', ...k }), other: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'unfounded', reason: 'paid', ...k }) },
  { type: 'RecordRelapse', given: [...clearedHousehold, employmentEnded('e1')], first: c('RecordRelapse', { reason: 'x', ...k }), other: c('RecordRelapse', { reason: 'y', ...k }) },
  { type: 'ExemptHousehold', given: identifiedHousehold, first: c('ExemptHousehold', { programme: 'P', ...k }), other: c('ExemptHousehold', { programme: 'Q', ...k }) },
  { type: 'WithdrawFromProgramme', given: identifiedHousehold, first: c('WithdrawFromProgramme', { reason: 'r', ...k }), other: c('WithdrawFromProgramme', { ...k }) },
  { type: 'DeregisterHousehold', given: identifiedHousehold, first: c('DeregisterHousehold', { reason: 'moved', ...k }), other: c('DeregisterHousehold', { reason: 'deceased', ...k }) },
  { type: 'CorrectEvent', given: working, first: c('CorrectEvent', { eventId: 'e4', correction: { monthlyIncome: 3100 }, reason: 'payslip', ...k }), other: c('CorrectEvent', { eventId: 'e4', correction: { monthlyIncome: 3200 }, reason: 'payslip', ...k }) },
];

/** The stream after the first command: its events stored under its commandId and date. */
const afterFirst = (r: Retry): GivenFact[] => {
  const events = outcomeOf(r.given, r.first, r.ctx).events ?? [];
  expect(events.length).toBeGreaterThan(0);
  return [...r.given, ...events.map((event) => ({ event, on: r.first.on, commandId: 'k-1' }))];
};

describe('§4.3 check 2 for every command: the same commandId again', () => {
  it.each(retries.map((r) => [r.type, r] as const))('%s: the same command, by another actor with a note, is unchanged', (_type, r) => {
    expect(outcomeOf(afterFirst(r), { ...r.first, actor: 'clerk-2', note: 'sent again' }, r.ctx)).toEqual({ events: [] });
  });

  it.each(retries.map((r) => [r.type, r] as const))('%s: another command under it is COMMAND_ID_REUSED', (_type, r) => {
    expectRefused(afterFirst(r), r.other, 'COMMAND_ID_REUSED', r.ctx);
  });

  it('covers every command type', () => {
    const { COMMAND_TYPES } = jest.requireActual('../src') as typeof import('../src');
    expect(COMMAND_TYPES.filter((t) => !retries.some((r) => r.type === t && r.first.type === t))).toEqual([]);
  });
});
