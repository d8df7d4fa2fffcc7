import { ErrorCode } from '../errors';
import { HouseholdCommand } from '../commands';
import { DecisionContext } from '../context';
import {
  applied, clearedHousehold, command as c, deregistered, employed, employmentEnded, exempted, GivenFact, identifiedHousehold, income,
  referralDeclined, referred, registered, reorganisedContext, surveyed, testContext, trainingAccepted, trainingOffered, transferred, unable,
  unwilling, visited, willing, withdrew,
} from '../../testing/fixtures';
import { given, rejectionOf } from '../../testing/given-when-then';

/**
 * Every rejection names the command field it is about, as its path in the command the
 * caller sent (docs/decisions/0148): the field a caseworker would look at to put it right.
 * A rejection about the household as a whole names `householdId`; one about what holds on
 * the command's date across its members names `on`.
 */
interface FieldCase {
  readonly code: ErrorCode;
  readonly path: string;
  readonly why: string;
  readonly given: readonly GivenFact[];
  readonly when: HouseholdCommand;
  readonly ctx?: DecisionContext;
}

const member = (memberId: string, birthYear = 1980) => ({ memberId, birthYear });
const survey = (members = [willing('m1')]) => ({ householdSize: members.length, povertyCauses: ['lack-of-skills' as const], members });
const referral = { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local' as const, form: 'enterprise' as const, offeredMonthlyWage: 2500 };
const job = { employmentId: 'e2', memberId: 'm1', form: 'flexible' as const, place: 'local' as const, monthlyIncome: 2000, contractSigned: false };
const training = { trainingId: 't1', memberId: 'm1', kind: 'language' as const, title: 'Mandarin', provider: 'Night school' };
const elder = [registered([member('m1', 1940)])];
const threeMembers = [registered([member('m1'), member('m2'), member('m3')])];
const allowing30Days: DecisionContext = { ...testContext, policy: { ...testContext.policy, backdatingAllowanceDays: 30 } };

const cases: FieldCase[] = [
  // The guards.
  { code: 'UNKNOWN_HOUSEHOLD', path: 'householdId', why: 'no stream', given: [], when: c('AddMember', member('m2')) },
  { code: 'DEREGISTERED', path: 'householdId', why: 'the stream is closed', given: [registered(), deregistered()], when: c('AddMember', member('m2')) },
  { code: 'COMMAND_ID_REUSED', path: 'commandId', why: 'the id of another command', given: [{ ...registered(), commandId: 'cmd-1' }], when: c('SurveyHousehold', { ...survey(), commandId: 'cmd-1' }) },
  { code: 'ALREADY_REGISTERED', path: 'householdId', why: 'registered with other content', given: [registered()], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V2', members: [member('m1')] }) },
  { code: 'DUPLICATE_ID', path: 'memberId', why: 'a member id already used', given: [registered()], when: c('AddMember', member('m1')) },
  { code: 'DUPLICATE_ID', path: 'trainingId', why: 'a training id already used', given: [...identifiedHousehold, trainingOffered('t1')], when: c('OfferTraining', training) },
  { code: 'DUPLICATE_ID', path: 'referralId', why: 'a referral id already used', given: [...identifiedHousehold, referred('r2')], when: c('ReferToJob', referral) },
  { code: 'DUPLICATE_ID', path: 'employmentId', why: 'an employment id already used', given: [...identifiedHousehold, employed('e2')], when: c('RecordEmployment', job) },
  { code: 'LIMIT_REACHED', path: 'employmentId', why: 'a 501st employment', given: [...identifiedHousehold, ...Array.from({ length: 500 }, (_, i) => employed(`x${i}`))], when: c('RecordEmployment', job) },
  { code: 'DUPLICATE_ID', path: 'visitId', why: 'a visit id already used', given: [...clearedHousehold, visited('v1')], when: c('RecordFollowUp', { visitId: 'v1', findings: 'other', stillEmployed: false, laborConcerns: [] }) },
  { code: 'INCOME_ALREADY_RECORDED', path: 'month', why: 'another figure for the month', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2750)], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2900 }) },
  { code: 'BACKDATED', path: 'on', why: 'before the stream\'s latest date', given: identifiedHousehold, when: c('WithdrawFromProgramme', { on: '2016-03-31' }) },
  { code: 'BACKDATED', path: 'on', why: 'before the registration, within the allowance', ctx: allowing30Days, given: [registered(), surveyed()], when: c('SurveyHousehold', { ...survey(), on: '2016-01-05' }) },
  { code: 'BACKDATED', path: 'on', why: 'a change of status before the latest one', ctx: allowing30Days, given: identifiedHousehold, when: c('WithdrawFromProgramme', { on: '2016-03-31' }) },
  { code: 'BACKDATED', path: 'on', why: 'an answer before what it answers', ctx: allowing30Days, given: [...identifiedHousehold, referred('r1'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('AcceptReferral', { referralId: 'r1', on: '2016-04-25' }) },

  // Registration, members and surveys: a member listed in an array is named by its index.
  { code: 'UNKNOWN_DIVISION', path: 'divisionCode', why: 'not in the tree', given: [], when: c('RegisterHousehold', { divisionCode: 'NOPE', members: [member('m1')] }) },
  { code: 'NOT_A_VILLAGE', path: 'divisionCode', why: 'a county', given: [], when: c('RegisterHousehold', { divisionCode: 'C1', members: [member('m1')] }) },
  { code: 'DUPLICATE_ID', path: 'members.2.memberId', why: 'the second listing of m1', given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [member('m1'), member('m2'), member('m1', 1981)] }) },
  { code: 'UNKNOWN_MEMBER', path: 'memberId', why: 'removing a member never added', given: [registered()], when: c('RemoveMember', { memberId: 'm7', reason: 'x' }) },
  { code: 'LIMIT_REACHED', path: 'memberId', why: 'a 51st member', given: [registered(Array.from({ length: 50 }, (_, i) => member(`m${i + 1}`)))], when: c('AddMember', member('m51')) },
  { code: 'UNKNOWN_MEMBER', path: 'members.1.memberId', why: 'the second surveyed member', given: [registered()], when: c('SurveyHousehold', survey([willing('m1'), willing('m9')])) },
  { code: 'DUPLICATE_ID', path: 'members.2.memberId', why: 'm1 surveyed twice', given: threeMembers, when: c('SurveyHousehold', survey([willing('m1'), willing('m2'), unwilling('m1')])) },
  { code: 'UNKNOWN_MEMBER', path: 'memberId', why: 'willingness of a stranger', given: [registered()], when: c('WithdrawWillingness', { memberId: 'm9' }) },
  { code: 'NO_CHANGE', path: 'memberId', why: 'already willing', given: [registered(), surveyed()], when: c('DeclareWillingness', { memberId: 'm1' }) },

  // Identification: about the household as a whole, except who is employed on the date.
  { code: 'NOT_SURVEYED', path: 'householdId', why: 'no survey yet', given: [registered()], when: c('ApplyForIdentification', {}) },
  { code: 'ALREADY_APPLIED', path: 'householdId', why: 'an open application', given: [registered(), surveyed(), applied()], when: c('ApplyForIdentification', {}) },
  { code: 'HOUSEHOLD_INACTIVE', path: 'householdId', why: 'withdrawn', given: [registered(), surveyed(), withdrew('2016-02-02')], when: c('ApplyForIdentification', {}) },
  { code: 'NO_APPLICATION', path: 'householdId', why: 'nothing to withdraw', given: [registered(), surveyed()], when: c('WithdrawApplication', {}) },
  { code: 'NO_APPLICATION', path: 'householdId', why: 'nothing to identify on', given: [registered(), surveyed()], when: c('IdentifyHousehold', {}) },
  { code: 'NO_ELIGIBLE_MEMBER', path: 'householdId', why: 'no member able', given: [registered(), surveyed([unable('m1')]), applied()], when: c('IdentifyHousehold', {}) },
  { code: 'MEMBER_EMPLOYED', path: 'on', why: 'an eligible member employed on the date', given: [registered(), surveyed(), employed('e1', 'm1', '2016-02-15'), applied()], when: c('IdentifyHousehold', {}) },

  // Offers: the member or the offer the command names.
  { code: 'UNKNOWN_MEMBER', path: 'memberId', why: 'training for a stranger', given: identifiedHousehold, when: c('OfferTraining', { ...training, memberId: 'm9' }) },
  { code: 'NOT_WORKING_AGE', path: 'memberId', why: 'born 1940', given: [...elder, surveyed()], when: c('OfferTraining', training) },
  { code: 'HOUSEHOLD_INACTIVE', path: 'householdId', why: 'withdrawn', given: [registered(), withdrew('2016-02-01')], when: c('OfferTraining', training) },
  { code: 'OFFER_NOT_OPEN', path: 'trainingId', why: 'already accepted', given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1')], when: c('DeclineTraining', { trainingId: 't1' }) },
  { code: 'TRAINING_NOT_ACCEPTED', path: 'trainingId', why: 'only offered', given: [...identifiedHousehold, trainingOffered('t1')], when: c('CompleteTraining', { trainingId: 't1' }) },
  { code: 'NOT_ELIGIBLE', path: 'memberId', why: 'unwilling', given: [registered(), surveyed([unwilling('m1')])], when: c('ReferToJob', referral) },
  { code: 'MEMBER_EMPLOYED', path: 'memberId', why: 'the referred member is employed', given: [...identifiedHousehold, employed('e1')], when: c('ReferToJob', referral) },
  { code: 'HOUSEHOLD_INACTIVE', path: 'householdId', why: 'exempted', given: [...identifiedHousehold, exempted('2016-05-01')], when: c('ReferToJob', referral) },
  { code: 'OFFER_NOT_OPEN', path: 'referralId', why: 'declined', given: [...identifiedHousehold, referred('r1'), referralDeclined('r1')], when: c('AcceptReferral', { referralId: 'r1' }) },

  // Employment and income.
  { code: 'UNKNOWN_MEMBER', path: 'memberId', why: 'employment of a stranger', given: identifiedHousehold, when: c('RecordEmployment', { ...job, memberId: 'm9' }) },
  { code: 'REFERRAL_NOT_ACCEPTED', path: 'referralId', why: 'only offered', given: [...identifiedHousehold, referred('r1')], when: c('RecordEmployment', { ...job, referralId: 'r1' }) },
  { code: 'NOT_WORKING_AGE', path: 'memberId', why: 'born 1940', given: [...elder, surveyed()], when: c('RecordEmployment', job) },
  { code: 'UNKNOWN_EMPLOYMENT', path: 'employmentId', why: 'never recorded', given: identifiedHousehold, when: c('EndEmployment', { employmentId: 'e9', reason: 'quit' }) },
  { code: 'MONTH_NOT_BEGUN', path: 'month', why: 'September on 31 August', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-09', amount: 1, on: '2016-08-31' }) },
  { code: 'EMPLOYMENT_NOT_STARTED', path: 'month', why: 'before June', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-05', amount: 1 }) },
  { code: 'EMPLOYMENT_ENDED', path: 'month', why: 'after September', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-10', amount: 1 }) },
  { code: 'EMPLOYMENT_ENDED', path: 'employmentId', why: 'ended already', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit' }) },

  // Clearance, follow-up and exits.
  { code: 'NOT_IDENTIFIED', path: 'householdId', why: 'cleared already', given: clearedHousehold, when: c('ClearHousehold', {}) },
  { code: 'NO_ACTIVE_EMPLOYMENT', path: 'on', why: 'nobody employed on the date', given: identifiedHousehold, when: c('ClearHousehold', {}) },
  { code: 'NOT_CLEARED', path: 'householdId', why: 'a relapse of an identified household', given: identifiedHousehold, when: c('RecordRelapse', { reason: 'x' }) },
  { code: 'MEMBER_EMPLOYED', path: 'on', why: 'a relapse while employed on the date', given: clearedHousehold, when: c('RecordRelapse', { reason: 'x' }) },
  { code: 'NOT_CLEARED', path: 'householdId', why: 'a visit to an identified household', given: identifiedHousehold, when: c('RecordFollowUp', { visitId: 'v1', findings: 'x', stillEmployed: false, laborConcerns: [] }) },
  { code: 'NO_OPEN_CONCERN', path: 'visitId', why: 'the visit found nothing', given: [...clearedHousehold, visited('v1')], when: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'unfounded', reason: 'x' }) },
  { code: 'CANNOT_EXEMPT', path: 'householdId', why: 'cleared', given: clearedHousehold, when: c('ExemptHousehold', { programme: 'x' }) },
  { code: 'ALREADY_WITHDRAWN', path: 'householdId', why: 'withdrawn', given: [registered(), withdrew('2016-02-01')], when: c('WithdrawFromProgramme', {}) },

  // Division reorganisations: the successor the command names.
  { code: 'NOT_A_SUCCESSOR', path: 'to', why: 'the village is still in force', given: identifiedHousehold, when: c('TransferHousehold', { to: 'V2' }) },
  { code: 'NOT_A_SUCCESSOR', path: 'to', why: 'not the successor named', ctx: reorganisedContext, given: identifiedHousehold, when: c('TransferHousehold', { to: 'T1' }) },
  { code: 'NOT_A_SUCCESSOR', path: 'to', why: 'no successor named', ctx: reorganisedContext, given: [registered(), transferred('V1', 'V2', '2016-01-11')], when: c('TransferHousehold', { to: 'V3' }) },

  // Corrections: the event named, or the amendment.
  { code: 'UNKNOWN_EVENT', path: 'eventId', why: 'no such event', given: identifiedHousehold, when: c('CorrectEvent', { eventId: 'nope', correction: { x: 1 }, reason: 'x' }) },
  { code: 'INVALID_CORRECTION', path: 'eventId', why: 'a transfer', ctx: reorganisedContext, given: [registered(), transferred('V1', 'V3')], when: c('CorrectEvent', { eventId: 'e1', correction: { to: 'V1' }, reason: 'x' }) },
  { code: 'INVALID_CORRECTION', path: 'correction', why: 'amends nothing', given: identifiedHousehold, when: c('CorrectEvent', { eventId: 'e0', correction: {}, reason: 'x' }) },
  { code: 'INVALID_CORRECTION', path: 'correction', why: 'the history no longer holds', given: identifiedHousehold, when: c('CorrectEvent', { eventId: 'e0', correction: { members: [member('m1', 1930)] }, reason: 'typo' }) },
  { code: 'INVALID_CORRECTION', path: 'correction', why: 'a village the tree dropped', ctx: reorganisedContext, given: [registered(), surveyed()], when: c('CorrectEvent', { eventId: 'e0', correction: { divisionCode: 'V2' }, reason: 'wrong village' }) },
];

describe('every rejection names the command field it is about (ADR 148)', () => {
  it.each(cases.map((k) => [k.code, k.path, k.why, k] as const))('%s names %s (%s)', (_code, _path, _why, k) => {
    given(k.given, k.ctx).when(k.when).thenRejectsAt(k.code, k.path);
  });

  it('says why in a few words, the longer message unchanged beside it', () => {
    expect(rejectionOf([registered()], c('SurveyHousehold', survey([willing('m1'), willing('m9')])))).toEqual({
      code: 'UNKNOWN_MEMBER',
      message: 'no member "m9" in this household',
      fields: [{ path: 'members.1.memberId', message: 'not a member of the household' }],
    });
    expect(rejectionOf(identifiedHousehold, c('WithdrawFromProgramme', { on: '2016-03-31' }))?.fields).toEqual([{ path: 'on', message: 'before 2016-04-01, the earliest date the stream accepts' }]);
  });
});
