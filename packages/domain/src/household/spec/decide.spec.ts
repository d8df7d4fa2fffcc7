import { ErrorCode, ERROR_CODES } from '../errors';
import { ev, HouseholdEvent } from '../events';
import { HouseholdCommand } from '../commands';
import { DecisionContext } from '../context';
import {
  applied, cleared, clearedHousehold, command as c, concernRaised, deregistered, employed, employmentEnded, exempted, income,
  GivenFact, identified, identifiedHousehold, referralAccepted, referralDeclined, referred, registered, surveyed,
  reorganisedContext, surveyMember, testContext, trainingAccepted, trainingOffered, transferred, unable, unwilling, visited, willing, withdrew,
} from '../../testing/fixtures';
import { isPathOf, outcomeOf, rejectionOf } from '../../testing/given-when-then';

/**
 * The Decider's specification as data: given these facts, when this command,
 * then these events — or this error. Every command and every error code appears.
 */
interface Case {
  readonly name: string;
  readonly given: readonly GivenFact[];
  readonly when: HouseholdCommand;
  readonly then: readonly HouseholdEvent[] | ErrorCode;
  /** The decision context, when not the fixtures' tree (e.g. a reorganised one). */
  readonly ctx?: DecisionContext;
}

const survey = (members = [willing('m1')]) => ({ householdSize: members.length, povertyCauses: ['lack-of-skills' as const], members });
const referral = { referralId: 'r2', memberId: 'm1', employer: 'Mill', position: 'Packer', place: 'local' as const, form: 'enterprise' as const, offeredMonthlyWage: 2500 };
const job = { employmentId: 'e2', memberId: 'm1', form: 'flexible' as const, place: 'local' as const, monthlyIncome: 2000, contractSigned: false };
const training = { trainingId: 't1', memberId: 'm1', kind: 'language' as const, title: 'Mandarin', provider: 'Night school' };
const twoMembers = [registered([{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1985 }])];
const elder = [registered([{ memberId: 'm1', birthYear: 1940 }])];
const allowing30Days: DecisionContext = { ...testContext, policy: { ...testContext.policy, backdatingAllowanceDays: 30 } };
const recordedAt = (at: string): DecisionContext => ({ ...testContext, recordedAt: at });
/** Member m2 (working age) added on 10 May 2016, after registration. */
const addedM2 = { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1990 }), on: '2016-05-10' };

const cases: Case[] = [
  // --- the guards, in domain.md §4's order -----------------------------------------------
  { name: 'a stream that does not exist accepts only RegisterHousehold', given: [], when: c('SurveyHousehold', survey()), then: 'UNKNOWN_HOUSEHOLD' },
  { name: 'a deregistered stream accepts nothing', given: [registered(), deregistered()], when: c('AddMember', { memberId: 'm9', birthYear: 2000 }), then: 'DEREGISTERED' },
  { name: 'a deregistered stream answers DEREGISTERED before DUPLICATE_ID', given: [registered(), deregistered()], when: c('AddMember', { memberId: 'm1', birthYear: 1970 }), then: 'DEREGISTERED' },
  { name: 'a commandId already applied is accepted with nothing appended', given: [registered(), { ...surveyed(), commandId: 'cmd-1' }], when: c('SurveyHousehold', { ...survey(), on: '2016-02-01', commandId: 'cmd-1', actor: 'retrying-clerk', note: 'sent again' }), then: [] },
  { name: 'a commandId already applied to another command is COMMAND_ID_REUSED', given: [{ ...registered(), commandId: 'cmd-1' }], when: c('SurveyHousehold', { ...survey(), commandId: 'cmd-1' }), then: 'COMMAND_ID_REUSED' },
  { name: 'a commandId already applied to the same command type with other content is COMMAND_ID_REUSED', given: [...identifiedHousehold, employed('e1'), { ...income('e1', '2016-07', 2000), commandId: 'cmd-7' }], when: c('RecordIncome', { employmentId: 'e1', month: '2016-08', amount: 2000, on: '2016-08-31', commandId: 'cmd-7' }), then: 'COMMAND_ID_REUSED' },
  { name: 'a commandId already applied on another business date is COMMAND_ID_REUSED', given: [registered(), { ...surveyed(), commandId: 'cmd-1' }], when: c('SurveyHousehold', { ...survey(), on: '2016-02-02', commandId: 'cmd-1' }), then: 'COMMAND_ID_REUSED' },
  { name: 'a retried command is still "nothing new" after the stream closed', given: [{ ...registered(), commandId: 'cmd-1' }, deregistered()], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], commandId: 'cmd-1' }), then: [] },
  { name: 'registering again with the same content is idempotent', given: [registered()], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], actor: 'someone-else', note: 'retry' }), then: [] },
  { name: 'registering again with other content is ALREADY_REGISTERED', given: [registered()], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V2', members: [{ memberId: 'm1', birthYear: 1980 }] }), then: 'ALREADY_REGISTERED' },
  { name: 'repeating an offer with the same content is idempotent', given: [...identifiedHousehold, trainingOffered('t1')], when: c('OfferTraining', { on: '2016-04-10', trainingId: 't1', memberId: 'm1', kind: 'vocational', title: 'Welding', provider: 'County school' }), then: [] },
  { name: 'reusing a training id for another offer is DUPLICATE_ID', given: [...identifiedHousehold, trainingOffered('t1')], when: c('OfferTraining', training), then: 'DUPLICATE_ID' },
  { name: 'reusing a referral id is DUPLICATE_ID', given: [...identifiedHousehold, referred('r2')], when: c('ReferToJob', referral), then: 'DUPLICATE_ID' },
  { name: 'reusing an employment id is DUPLICATE_ID', given: [...identifiedHousehold, employed('e2')], when: c('RecordEmployment', job), then: 'DUPLICATE_ID' },
  { name: 'reusing a visit id is DUPLICATE_ID', given: [...clearedHousehold, visited('v1')], when: c('RecordFollowUp', { visitId: 'v1', findings: 'other', stillEmployed: false, laborConcerns: [] }), then: 'DUPLICATE_ID' },
  { name: 'adding a member under a registered member id is DUPLICATE_ID', given: [registered()], when: c('AddMember', { memberId: 'm1', birthYear: 1980 }), then: 'DUPLICATE_ID' },
  { name: 'a business date before the stream\'s latest is BACKDATED', given: identifiedHousehold, when: c('WithdrawFromProgramme', { on: '2016-03-31' }), then: 'BACKDATED' },
  { name: 'the same business date as the latest is not back-dating', given: identifiedHousehold, when: c('WithdrawFromProgramme', { on: '2016-04-01' }), then: [ev('HouseholdWithdrew', {})] },
  { name: 'within the allowance a fact that changes no status may be dated before the latest change of status', ctx: allowing30Days, given: identifiedHousehold, when: c('OfferTraining', { ...training, on: '2016-03-20' }), then: [ev('TrainingOffered', training)] },
  { name: 'within the allowance a change of status may be dated before the latest date but not before the latest change', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1')], when: c('WithdrawFromProgramme', { on: '2016-04-05' }), then: [ev('HouseholdWithdrew', {})] },
  { name: 'within the allowance a change of status dated before the latest change of status is BACKDATED', ctx: allowing30Days, given: identifiedHousehold, when: c('WithdrawFromProgramme', { on: '2016-03-31' }), then: 'BACKDATED' },
  { name: 'within the allowance nothing is dated before the household was registered', ctx: allowing30Days, given: [registered(), surveyed()], when: c('SurveyHousehold', { ...survey(), on: '2016-01-05' }), then: 'BACKDATED' },
  { name: 'within the allowance a fact may be dated on the day the household was registered', ctx: allowing30Days, given: [registered(), surveyed()], when: c('SurveyHousehold', { ...survey([unwilling('m1')]), on: '2016-01-10' }), then: [ev('HouseholdSurveyed', survey([unwilling('m1')]))] },
  // Within the allowance an answer, end or resolution is never dated before what it answers, ends or resolves (decision 129).
  { name: 'within the allowance a referral is not accepted before it was made', ctx: allowing30Days, given: [...identifiedHousehold, referred('r1'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('AcceptReferral', { referralId: 'r1', on: '2016-04-25' }), then: 'BACKDATED' },
  { name: 'within the allowance a referral may be accepted after it was made, before the latest date', ctx: allowing30Days, given: [...identifiedHousehold, referred('r1'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('AcceptReferral', { referralId: 'r1', on: '2016-05-03' }), then: [ev('ReferralAccepted', { referralId: 'r1', memberId: 'm1' })] },
  { name: 'within the allowance a training is not answered before it was offered', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1'), referred('r1')], when: c('DeclineTraining', { trainingId: 't1', on: '2016-04-05' }), then: 'BACKDATED' },
  { name: 'within the allowance a training is not finished before it was offered', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1'), referred('r1')], when: c('CompleteTraining', { trainingId: 't1', on: '2016-04-09' }), then: 'BACKDATED' },
  { name: 'within the allowance no employment comes from a referral before it was made', ctx: allowing30Days, given: [...identifiedHousehold, referred('r2'), referralAccepted('r2'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('RecordEmployment', { ...job, referralId: 'r2', on: '2016-04-28' }), then: 'BACKDATED' },
  { name: 'within the allowance no employment comes from a referral before the member accepted it', ctx: allowing30Days, given: [...identifiedHousehold, referred('r2'), referralAccepted('r2', 'm1', '2016-05-10')], when: c('RecordEmployment', { ...job, referralId: 'r2', on: '2016-05-05' }), then: 'BACKDATED' },
  { name: 'within the allowance an employment from a referral may be dated on its acceptance, before the latest date', ctx: allowing30Days, given: [...identifiedHousehold, referred('r2'), referralAccepted('r2', 'm1', '2016-05-10'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('RecordEmployment', { ...job, referralId: 'r2', on: '2016-05-10' }), then: [ev('MemberEmployed', { ...job, referralId: 'r2' })] },
  { name: 'within the allowance a training is not completed before it was accepted', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1', 'm1', '2016-04-20')], when: c('CompleteTraining', { trainingId: 't1', on: '2016-04-15' }), then: 'BACKDATED' },
  { name: 'within the allowance a training is not left before it was accepted', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1', 'm1', '2016-04-20')], when: c('LeaveTraining', { trainingId: 't1', reason: 'x', on: '2016-04-15' }), then: 'BACKDATED' },
  { name: 'within the allowance no referral is dated before the survey its eligibility is read from (ADR 140)', ctx: allowing30Days, given: [registered(), surveyed([unwilling('m1')], '2016-02-01'), surveyed([willing('m1')], '2016-03-05')], when: c('ReferToJob', { ...referral, on: '2016-03-01' }), then: 'BACKDATED' },
  { name: 'within the allowance a referral dated on the survey its eligibility is read from, before the latest date, is recorded', ctx: allowing30Days, given: [registered(), surveyed([unwilling('m1')], '2016-02-01'), surveyed([willing('m1')], '2016-03-05'), trainingOffered('t1', 'm1', '2016-03-20')], when: c('ReferToJob', { ...referral, on: '2016-03-05' }), then: [ev('MemberReferred', referral)] },
  { name: 'within the allowance no identification is dated before a survey of a member (ADR 140)', ctx: allowing30Days, given: [registered(), surveyed([unwilling('m1')], '2016-02-01'), applied('2016-03-01'), surveyed([willing('m1')], '2016-03-10')], when: c('IdentifyHousehold', { on: '2016-03-05' }), then: 'BACKDATED' },
  { name: 'within the allowance no relapse is dated before the removal of a member it no longer sees employed (ADR 140)', ctx: allowing30Days, given: [...twoMembers, surveyed([willing('m1'), willing('m2')]), applied(), identified(['m1', 'm2']), employed('e1', 'm2', '2016-05-01'), cleared(['e1']), { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-07-10' }], when: c('RecordRelapse', { reason: 'x', on: '2016-07-05' }), then: 'BACKDATED' },
  { name: 'within the allowance a relapse dated on a removal, before the latest date, is recorded', ctx: allowing30Days, given: [...twoMembers, surveyed([willing('m1'), willing('m2')]), applied(), identified(['m1', 'm2']), employed('e1', 'm2', '2016-05-01'), cleared(['e1']), { event: ev('MemberRemoved', { memberId: 'm2', reason: 'left' }), on: '2016-07-10' }, referred('r1', 'm1', '2016-07-20')], when: c('RecordRelapse', { reason: 'x', on: '2016-07-10' }), then: [ev('HouseholdRelapsed', { reason: 'x' })] },
  { name: 'within the allowance the employment a clearance rested on does not end before the clearance (ADR 141)', ctx: allowing30Days, given: clearedHousehold, when: c('EndEmployment', { employmentId: 'e1', reason: 'quit', on: '2016-06-10' }), then: 'BACKDATED' },
  { name: 'within the allowance no employment starts before the identification that found nobody employed (ADR 141)', ctx: allowing30Days, given: [registered(), surveyed(), applied(), identified(['m1'], '2016-04-20')], when: c('RecordEmployment', { ...job, on: '2016-04-10' }), then: 'BACKDATED' },
  { name: 'within the allowance an employment may start after the identification, before the latest date', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1', 'm1', '2016-04-20')], when: c('RecordEmployment', { ...job, on: '2016-04-10' }), then: [ev('MemberEmployed', job)] },
  { name: 'within the allowance an employment does not end before a month it has an income for (ADR 141)', ctx: allowing30Days, given: [...identifiedHousehold, employed('e1', 'm1', '2016-05-01'), income('e1', '2016-07', 100, '2016-07-20')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit', on: '2016-06-25' }), then: 'BACKDATED' },
  { name: 'within the allowance the employed member a clearance rested on is not removed before the clearance (ADR 141)', ctx: allowing30Days, given: clearedHousehold, when: c('RemoveMember', { memberId: 'm1', reason: 'married out', on: '2016-06-10' }), then: 'BACKDATED' },
  { name: 'within the allowance no survey is dated before the identification that read the members\' eligibility (ADR 141)', ctx: allowing30Days, given: [registered(), surveyed(), applied(), identified(['m1'], '2016-04-20')], when: c('SurveyHousehold', { ...survey([unwilling('m1')]), on: '2016-04-10' }), then: 'BACKDATED' },
  { name: 'within the allowance no willingness is withdrawn before the identification that read it (ADR 141)', ctx: allowing30Days, given: [registered(), surveyed(), applied(), identified(['m1'], '2016-04-20')], when: c('WithdrawWillingness', { memberId: 'm1', on: '2016-04-10' }), then: 'BACKDATED' },
  { name: 'within the allowance a survey dated after the identification, before the latest date, is recorded', ctx: allowing30Days, given: [...identifiedHousehold, trainingOffered('t1', 'm1', '2016-04-20')], when: c('SurveyHousehold', { ...survey([unwilling('m1')]), on: '2016-04-10' }), then: [ev('HouseholdSurveyed', survey([unwilling('m1')]))] },
  { name: 'within the allowance an employment does not end before it started', ctx: allowing30Days, given: [...identifiedHousehold, employed('e1'), income('e1', '2016-06', 2000, '2016-06-25')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit', on: '2016-05-30' }), then: 'BACKDATED' },
  { name: 'within the allowance a labour concern is not resolved before the visit that raised it', ctx: allowing30Days, given: [...clearedHousehold, visited('v1', ['wages-withheld']), concernRaised('v1'), visited('v2', [], '2016-09-20')], when: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'remedied', reason: 'wages paid', on: '2016-08-25' }), then: 'BACKDATED' },
  { name: 'within the allowance a household is not visited in follow-up before it was cleared', ctx: allowing30Days, given: [...clearedHousehold, visited('v1', [], '2016-07-05')], when: c('RecordFollowUp', { visitId: 'v2', findings: 'ok', stillEmployed: true, laborConcerns: [], on: '2016-06-10' }), then: 'BACKDATED' },
  { name: 'within the allowance a follow-up visit dated after the clearance is recorded, though before the latest visit', ctx: allowing30Days, given: [...clearedHousehold, visited('v1', [], '2016-07-05')], when: c('RecordFollowUp', { visitId: 'v2', findings: 'ok', stillEmployed: true, laborConcerns: [], on: '2016-06-20' }), then: [ev('FollowUpVisited', { visitId: 'v2', findings: 'ok', stillEmployed: true, laborConcerns: [] })] },
  { name: 'within the allowance a member is not offered training before they were added', ctx: allowing30Days, given: [...identifiedHousehold, addedM2, referred('r1', 'm1', '2016-05-20')], when: c('OfferTraining', { ...training, memberId: 'm2', on: '2016-05-05' }), then: 'BACKDATED' },
  { name: 'within the allowance a survey naming a member is not dated before they were added', ctx: allowing30Days, given: [...identifiedHousehold, addedM2, referred('r1', 'm1', '2016-05-20')], when: c('SurveyHousehold', { ...survey([willing('m1'), willing('m2')]), on: '2016-05-05' }), then: 'BACKDATED' },
  { name: 'within the allowance a survey dated after a member was added, before the latest date, is recorded', ctx: allowing30Days, given: [...identifiedHousehold, addedM2, referred('r1', 'm1', '2016-05-20')], when: c('SurveyHousehold', { ...survey([willing('m1'), willing('m2')]), on: '2016-05-12' }), then: [ev('HouseholdSurveyed', survey([willing('m1'), willing('m2')]))] },
  { name: 'within the allowance an answer to an unknown offer gets its own rule\'s error, not BACKDATED', ctx: allowing30Days, given: [...identifiedHousehold, referred('r1'), trainingOffered('t1', 'm1', '2016-05-20')], when: c('AcceptReferral', { referralId: 'r9', on: '2016-04-25' }), then: 'OFFER_NOT_OPEN' },

  { name: 'a command dated after the day it is recorded is INVALID_COMMAND', ctx: recordedAt('2016-11-29T10:00:00.000Z'), given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2001 }), then: 'INVALID_COMMAND' },
  { name: 'a command dated the day after its UTC day of recording is recorded: that date has begun east of UTC', ctx: recordedAt('2016-11-30T20:00:00.000Z'), given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2001 }), then: [ev('MemberAdded', { memberId: 'm2', birthYear: 2001 })] },
  { name: 'a retry is answered unchanged before its date is checked', ctx: recordedAt('2016-01-05T10:00:00.000Z'), given: [{ ...registered(), commandId: 'cmd-1' }], when: c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], commandId: 'cmd-1' }), then: [] },

  // --- RegisterHousehold, AddMember, RemoveMember --------------------------------------------
  { name: 'registering a household', given: [], when: c('RegisterHousehold', { divisionCode: 'V2', members: [{ memberId: 'm1', birthYear: 1980, sex: 'female' }] }), then: [ev('HouseholdRegistered', { householdId: 'h1', divisionCode: 'V2', members: [{ memberId: 'm1', birthYear: 1980, sex: 'female' }] })] },
  { name: 'a division outside the tree is UNKNOWN_DIVISION', given: [], when: c('RegisterHousehold', { divisionCode: 'NOPE', members: [{ memberId: 'm1', birthYear: 1980 }] }), then: 'UNKNOWN_DIVISION' },
  { name: 'households belong to a village', given: [], when: c('RegisterHousehold', { divisionCode: 'C1', members: [{ memberId: 'm1', birthYear: 1980 }] }), then: 'NOT_A_VILLAGE' },
  { name: 'a member listed twice at registration is DUPLICATE_ID', given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm1', birthYear: 1981 }] }), then: 'DUPLICATE_ID' },
  { name: 'adding a member', given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2001 }), then: [ev('MemberAdded', { memberId: 'm2', birthYear: 2001 })] },
  { name: 'a member born after the year of the registration is INVALID_COMMAND', given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 2017 }] }), then: 'INVALID_COMMAND' },
  { name: 'a member born in the year of the registration is registered', given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 2016 }] }), then: [ev('HouseholdRegistered', { householdId: 'h1', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 2016 }] })] },
  { name: 'adding a member born after the year of its date is INVALID_COMMAND', given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2017 }), then: 'INVALID_COMMAND' },
  { name: 'adding a newborn in the year of its birth', given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 2016 }), then: [ev('MemberAdded', { memberId: 'm2', birthYear: 2016 })] },
  { name: 'removing a member', given: [registered()], when: c('RemoveMember', { memberId: 'm1', reason: 'married out' }), then: [ev('MemberRemoved', { memberId: 'm1', reason: 'married out' })] },
  { name: 'removing an unknown member is UNKNOWN_MEMBER', given: [registered()], when: c('RemoveMember', { memberId: 'm7', reason: 'x' }), then: 'UNKNOWN_MEMBER' },

  // --- SurveyHousehold, willingness ----------------------------------------------------------
  { name: 'surveying a registered household', given: [registered()], when: c('SurveyHousehold', survey()), then: [ev('HouseholdSurveyed', survey())] },
  { name: 'the same survey again on the same date is idempotent', given: [registered(), surveyed(), applied()], when: c('SurveyHousehold', { ...survey(), on: '2016-02-01' }), then: [] },
  { name: 'the same survey content on a later date is a new survey (an annual update)', given: [registered(), surveyed()], when: c('SurveyHousehold', { ...survey(), on: '2017-02-01' }), then: [ev('HouseholdSurveyed', survey())] },
  { name: 'surveying an unknown member is UNKNOWN_MEMBER', given: [registered()], when: c('SurveyHousehold', survey([willing('m9')])), then: 'UNKNOWN_MEMBER' },
  { name: 'declaring willingness', given: [registered(), surveyed([unwilling('m1')])], when: c('DeclareWillingness', { memberId: 'm1' }), then: [ev('WillingnessDeclared', { memberId: 'm1' })] },
  { name: 'withdrawing willingness', given: [registered(), surveyed()], when: c('WithdrawWillingness', { memberId: 'm1' }), then: [ev('WillingnessWithdrawn', { memberId: 'm1' })] },
  { name: 'declaring what is already declared is NO_CHANGE', given: [registered(), surveyed()], when: c('DeclareWillingness', { memberId: 'm1' }), then: 'NO_CHANGE' },
  { name: 'willingness of an unknown member is UNKNOWN_MEMBER', given: [registered()], when: c('WithdrawWillingness', { memberId: 'm9' }), then: 'UNKNOWN_MEMBER' },

  // --- application and identification --------------------------------------------------------
  { name: 'applying after a survey', given: [registered(), surveyed()], when: c('ApplyForIdentification', {}), then: [ev('IdentificationApplied', {})] },
  { name: 'applying without a survey is NOT_SURVEYED', given: [registered()], when: c('ApplyForIdentification', {}), then: 'NOT_SURVEYED' },
  { name: 'applying twice is ALREADY_APPLIED', given: [registered(), surveyed(), applied()], when: c('ApplyForIdentification', {}), then: 'ALREADY_APPLIED' },
  { name: 'an identified household cannot apply again', given: identifiedHousehold, when: c('ApplyForIdentification', {}), then: 'ALREADY_APPLIED' },
  { name: 'a withdrawn household cannot apply', given: [registered(), surveyed(), withdrew('2016-02-02')], when: c('ApplyForIdentification', {}), then: 'HOUSEHOLD_INACTIVE' },
  { name: 'withdrawing an application', given: [registered(), surveyed(), applied()], when: c('WithdrawApplication', {}), then: [ev('ApplicationWithdrawn', {})] },
  { name: 'withdrawing with no open application is NO_APPLICATION', given: [registered(), surveyed()], when: c('WithdrawApplication', {}), then: 'NO_APPLICATION' },
  { name: 'rejecting an application', given: [registered(), surveyed(), applied()], when: c('RejectApplication', { reason: 'income above line' }), then: [ev('ApplicationRejected', { reason: 'income above line' })] },
  { name: 'rejecting with no open application is NO_APPLICATION', given: identifiedHousehold, when: c('RejectApplication', { reason: 'x' }), then: 'NO_APPLICATION' },
  { name: 'identifying records the eligible members', given: [...twoMembers, surveyed([willing('m1'), unwilling('m2')]), applied()], when: c('IdentifyHousehold', {}), then: [ev('HouseholdIdentified', { eligibleMemberIds: ['m1'] })] },
  { name: 'identification needs the household\'s own application', given: [registered(), surveyed()], when: c('IdentifyHousehold', {}), then: 'NO_APPLICATION' },
  { name: 'no member able and willing is NO_ELIGIBLE_MEMBER', given: [registered(), surveyed([unable('m1')]), applied()], when: c('IdentifyHousehold', {}), then: 'NO_ELIGIBLE_MEMBER' },
  { name: 'a member too old to work is not eligible', given: [...elder, surveyed(), applied()], when: c('IdentifyHousehold', {}), then: 'NO_ELIGIBLE_MEMBER' },
  { name: 'an employed eligible member is MEMBER_EMPLOYED: not a zero-employment household', given: [registered(), surveyed(), employed('e1', 'm1', '2016-02-15'), applied()], when: c('IdentifyHousehold', {}), then: 'MEMBER_EMPLOYED' },

  // --- training --------------------------------------------------------------------------
  { name: 'offering a training', given: identifiedHousehold, when: c('OfferTraining', training), then: [ev('TrainingOffered', training)] },
  { name: 'offering training to a member outside working age is NOT_WORKING_AGE', given: [...elder, surveyed()], when: c('OfferTraining', training), then: 'NOT_WORKING_AGE' },
  { name: 'offering training in a withdrawn household is HOUSEHOLD_INACTIVE', given: [registered(), withdrew('2016-02-01')], when: c('OfferTraining', training), then: 'HOUSEHOLD_INACTIVE' },
  { name: 'accepting a training', given: [...identifiedHousehold, trainingOffered('t1')], when: c('AcceptTraining', { trainingId: 't1' }), then: [ev('TrainingAccepted', { trainingId: 't1', memberId: 'm1', kind: 'vocational' })] },
  { name: 'declining a training', given: [...identifiedHousehold, trainingOffered('t1')], when: c('DeclineTraining', { trainingId: 't1', reason: 'caring duties' }), then: [ev('TrainingDeclined', { trainingId: 't1', memberId: 'm1', kind: 'vocational', reason: 'caring duties' })] },
  { name: 'answering an offer twice is OFFER_NOT_OPEN', given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1')], when: c('DeclineTraining', { trainingId: 't1' }), then: 'OFFER_NOT_OPEN' },
  { name: 'answering an unknown offer is OFFER_NOT_OPEN', given: identifiedHousehold, when: c('AcceptTraining', { trainingId: 'tX' }), then: 'OFFER_NOT_OPEN' },
  { name: 'completing a training', given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1')], when: c('CompleteTraining', { trainingId: 't1', certified: true }), then: [ev('MemberTrained', { trainingId: 't1', memberId: 'm1', kind: 'vocational', certified: true })] },
  { name: 'leaving a training', given: [...identifiedHousehold, trainingOffered('t1'), trainingAccepted('t1')], when: c('LeaveTraining', { trainingId: 't1', reason: 'found work' }), then: [ev('TrainingLeft', { trainingId: 't1', memberId: 'm1', kind: 'vocational', reason: 'found work' })] },
  { name: 'completing a training never accepted is TRAINING_NOT_ACCEPTED', given: [...identifiedHousehold, trainingOffered('t1')], when: c('CompleteTraining', { trainingId: 't1' }), then: 'TRAINING_NOT_ACCEPTED' },

  // --- referrals -----------------------------------------------------------------------------
  { name: 'referring a willing, able, unemployed member', given: identifiedHousehold, when: c('ReferToJob', referral), then: [ev('MemberReferred', referral)] },
  { name: 'referring an unwilling member is NOT_ELIGIBLE', given: [registered(), surveyed([unwilling('m1')])], when: c('ReferToJob', referral), then: 'NOT_ELIGIBLE' },
  { name: 'referring a member of a household never surveyed is NOT_SURVEYED (decision 179)', given: [registered()], when: c('ReferToJob', referral), then: 'NOT_SURVEYED' },
  { name: 'referring a member added after the survey, not yet surveyed, is NOT_ELIGIBLE (capacity unknown)', given: [registered(), surveyed(), { event: ev('MemberAdded', { memberId: 'm2', birthYear: 1980 }), on: '2016-03-01' }], when: c('ReferToJob', { ...referral, memberId: 'm2' }), then: 'NOT_ELIGIBLE' },
  { name: 'referring an employed member is MEMBER_EMPLOYED', given: [...identifiedHousehold, employed('e1')], when: c('ReferToJob', referral), then: 'MEMBER_EMPLOYED' },
  { name: 'referring a member of an exempted household is HOUSEHOLD_INACTIVE', given: [...identifiedHousehold, exempted('2016-05-01')], when: c('ReferToJob', referral), then: 'HOUSEHOLD_INACTIVE' },
  { name: 'referring an unknown member is UNKNOWN_MEMBER', given: identifiedHousehold, when: c('ReferToJob', { ...referral, memberId: 'm9' }), then: 'UNKNOWN_MEMBER' },
  { name: 'accepting a referral', given: [...identifiedHousehold, referred('r1')], when: c('AcceptReferral', { referralId: 'r1' }), then: [ev('ReferralAccepted', { referralId: 'r1', memberId: 'm1' })] },
  { name: 'declining a referral', given: [...identifiedHousehold, referred('r1')], when: c('DeclineReferral', { referralId: 'r1', reason: 'too far' }), then: [ev('ReferralDeclined', { referralId: 'r1', memberId: 'm1', reason: 'too far' })] },
  { name: 'answering a declined referral is OFFER_NOT_OPEN', given: [...identifiedHousehold, referred('r1'), referralDeclined('r1')], when: c('AcceptReferral', { referralId: 'r1' }), then: 'OFFER_NOT_OPEN' },

  // --- employment ------------------------------------------------------------------------
  { name: 'an employment arranged by the member', given: identifiedHousehold, when: c('RecordEmployment', job), then: [ev('MemberEmployed', job)] },
  { name: 'an employment from an accepted referral', given: [...identifiedHousehold, referred('r1'), referralAccepted('r1')], when: c('RecordEmployment', { ...job, referralId: 'r1' }), then: [ev('MemberEmployed', { ...job, referralId: 'r1' })] },
  { name: 'no employment from a referral the member did not accept', given: [...identifiedHousehold, referred('r1')], when: c('RecordEmployment', { ...job, referralId: 'r1' }), then: 'REFERRAL_NOT_ACCEPTED' },
  { name: 'no employment from a declined referral', given: [...identifiedHousehold, referred('r1'), referralDeclined('r1')], when: c('RecordEmployment', { ...job, referralId: 'r1' }), then: 'REFERRAL_NOT_ACCEPTED' },
  { name: 'no employment of one member from another member\'s referral', given: [...twoMembers, surveyed([willing('m1'), willing('m2')]), referred('r1', 'm1'), referralAccepted('r1', 'm1')], when: c('RecordEmployment', { ...job, memberId: 'm2', referralId: 'r1' }), then: 'REFERRAL_NOT_ACCEPTED' },
  { name: 'an employment outside working age is NOT_WORKING_AGE', given: [...elder, surveyed()], when: c('RecordEmployment', job), then: 'NOT_WORKING_AGE' },
  { name: 'recording an income', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2750.5 }), then: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-07', amount: 2750.5 })] },
  { name: 'the same income again (employment, month, amount) is idempotent', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2750.5)], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2750.5, on: '2016-08-31' }), then: [] },
  { name: 'another amount for a month already recorded is INCOME_ALREADY_RECORDED', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2750.5)], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2900 }), then: 'INCOME_ALREADY_RECORDED' },
  { name: 'a 51st member in one household\'s records is LIMIT_REACHED (decision 199)', given: [registered(Array.from({ length: 50 }, (_, n) => ({ memberId: `m${n + 1}`, birthYear: 1980 })))], when: c('AddMember', { memberId: 'm51', birthYear: 1990 }), then: 'LIMIT_REACHED' },
  { name: 'the same income again is idempotent even once later facts are recorded (not BACKDATED)', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2750.5, '2016-08-05'), employmentEnded('e1', 'm1', '2016-09-30')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 2750.5, on: '2016-08-05' }), then: [] },
  { name: 'income of another month of the same employment is recorded', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2750.5)], when: c('RecordIncome', { employmentId: 'e1', month: '2016-08', amount: 2750.5 }), then: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-08', amount: 2750.5 })] },
  { name: 'income of an unknown employment is UNKNOWN_EMPLOYMENT', given: identifiedHousehold, when: c('RecordIncome', { employmentId: 'e1', month: '2016-07', amount: 1 }), then: 'UNKNOWN_EMPLOYMENT' },
  { name: 'income for a month after the employment ended is EMPLOYMENT_ENDED', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1', 'm1', '2016-09-30')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-10', amount: 1 }), then: 'EMPLOYMENT_ENDED' },
  { name: 'income for the month the employment ended is accepted', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1', 'm1', '2016-09-30')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-09', amount: 100 }), then: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-09', amount: 100 })] },
  { name: 'income for a month after the business date\'s is MONTH_NOT_BEGUN', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-09', amount: 1, on: '2016-08-31' }), then: 'MONTH_NOT_BEGUN' },
  { name: 'income for the business date\'s own month is recorded', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-08', amount: 1, on: '2016-08-01' }), then: [ev('IncomeRecorded', { employmentId: 'e1', memberId: 'm1', month: '2016-08', amount: 1 })] },
  { name: 'income for a month before the employment started is EMPLOYMENT_NOT_STARTED', given: [...identifiedHousehold, employed('e1')], when: c('RecordIncome', { employmentId: 'e1', month: '2016-05', amount: 1 }), then: 'EMPLOYMENT_NOT_STARTED' },
  { name: 'ending an employment', given: [...identifiedHousehold, employed('e1')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit' }), then: [ev('EmploymentEnded', { employmentId: 'e1', memberId: 'm1', reason: 'quit' })] },
  { name: 'ending an employment twice is EMPLOYMENT_ENDED', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1')], when: c('EndEmployment', { employmentId: 'e1', reason: 'quit' }), then: 'EMPLOYMENT_ENDED' },
  { name: 'ending an unknown employment is UNKNOWN_EMPLOYMENT', given: identifiedHousehold, when: c('EndEmployment', { employmentId: 'e9', reason: 'quit' }), then: 'UNKNOWN_EMPLOYMENT' },

  // --- clearance and relapse -----------------------------------------------------------------
  { name: 'clearing records the active employments', given: [...identifiedHousehold, employed('e1')], when: c('ClearHousehold', {}), then: [ev('HouseholdCleared', { activeEmploymentIds: ['e1'] })] },
  { name: 'clearing without active employment is NO_ACTIVE_EMPLOYMENT', given: identifiedHousehold, when: c('ClearHousehold', {}), then: 'NO_ACTIVE_EMPLOYMENT' },
  { name: 'an employment ending on the day does not count that day', given: [...identifiedHousehold, employed('e1'), employmentEnded('e1', 'm1', '2016-12-01')], when: c('ClearHousehold', {}), then: 'NO_ACTIVE_EMPLOYMENT' },
  { name: 'a declined referral changes nothing: still no active employment', given: [...identifiedHousehold, referred('r1'), referralDeclined('r1')], when: c('ClearHousehold', {}), then: 'NO_ACTIVE_EMPLOYMENT' },
  { name: 'clearing a household not identified is NOT_IDENTIFIED', given: [registered(), surveyed(), employed('e1', 'm1', '2016-03-01')], when: c('ClearHousehold', {}), then: 'NOT_IDENTIFIED' },
  { name: 'clearing twice is NOT_IDENTIFIED', given: clearedHousehold, when: c('ClearHousehold', {}), then: 'NOT_IDENTIFIED' },
  { name: 'a relapse after the employment ended', given: [...clearedHousehold, employmentEnded('e1')], when: c('RecordRelapse', { reason: 'seasonal job ended' }), then: [ev('HouseholdRelapsed', { reason: 'seasonal job ended' })] },
  { name: 'a relapse while still employed is MEMBER_EMPLOYED', given: clearedHousehold, when: c('RecordRelapse', { reason: 'x' }), then: 'MEMBER_EMPLOYED' },
  { name: 'a relapse of a household not cleared is NOT_CLEARED', given: identifiedHousehold, when: c('RecordRelapse', { reason: 'x' }), then: 'NOT_CLEARED' },

  // --- follow-up and labour concerns ---------------------------------------------------------
  { name: 'a follow-up visit with nothing found', given: clearedHousehold, when: c('RecordFollowUp', { visitId: 'v1', findings: 'fine', stillEmployed: true, laborConcerns: [] }), then: [ev('FollowUpVisited', { visitId: 'v1', findings: 'fine', stillEmployed: true, laborConcerns: [] })] },
  { name: 'a follow-up visit that finds an indicator raises a labour concern', given: clearedHousehold, when: c('RecordFollowUp', { visitId: 'v1', findings: 'papers kept', stillEmployed: true, laborConcerns: ['documents-retained', 'debt'] }), then: [ev('FollowUpVisited', { visitId: 'v1', findings: 'papers kept', stillEmployed: true, laborConcerns: ['documents-retained', 'debt'] }), ev('LaborConcernRaised', { visitId: 'v1', indicators: ['documents-retained', 'debt'] })] },
  { name: 'a follow-up of a household not cleared is NOT_CLEARED', given: identifiedHousehold, when: c('RecordFollowUp', { visitId: 'v1', findings: 'x', stillEmployed: false, laborConcerns: [] }), then: 'NOT_CLEARED' },
  { name: 'resolving a labour concern', given: [...clearedHousehold, visited('v1', ['wages-withheld']), concernRaised('v1')], when: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'remedied', reason: 'wages paid' }), then: [ev('LaborConcernResolved', { visitId: 'v1', outcome: 'remedied', reason: 'wages paid' })] },
  { name: 'resolving a visit without a concern is NO_OPEN_CONCERN', given: [...clearedHousehold, visited('v1')], when: c('ResolveLaborConcern', { visitId: 'v1', outcome: 'unfounded', reason: 'x' }), then: 'NO_OPEN_CONCERN' },

  // --- leaving the programme -----------------------------------------------------------------
  { name: 'exempting an identified household', given: identifiedHousehold, when: c('ExemptHousehold', { programme: 'Old-age pension' }), then: [ev('HouseholdExempted', { programme: 'Old-age pension' })] },
  { name: 'exempting a cleared household is CANNOT_EXEMPT', given: clearedHousehold, when: c('ExemptHousehold', { programme: 'x' }), then: 'CANNOT_EXEMPT' },
  { name: 'withdrawing from the programme, from any status, with no condition', given: clearedHousehold, when: c('WithdrawFromProgramme', { reason: 'moving to the city' }), then: [ev('HouseholdWithdrew', { reason: 'moving to the city' })] },
  { name: 'withdrawing twice is ALREADY_WITHDRAWN', given: [registered(), withdrew('2016-02-01')], when: c('WithdrawFromProgramme', {}), then: 'ALREADY_WITHDRAWN' },
  { name: 'deregistering', given: identifiedHousehold, when: c('DeregisterHousehold', { reason: 'deceased' }), then: [ev('HouseholdDeregistered', { reason: 'deceased' })] },

  // --- division reorganisations (docs/decisions/0015) ---------------------------------------
  { name: 'a household whose village the tree in force dropped moves to the successor it names', ctx: reorganisedContext, given: identifiedHousehold, when: c('TransferHousehold', { to: 'V3' }), then: [ev('HouseholdTransferred', { from: 'V1', to: 'V3' })] },
  { name: 'a withdrawn household still moves with its village', ctx: reorganisedContext, given: [registered(), withdrew()], when: c('TransferHousehold', { to: 'V3' }), then: [ev('HouseholdTransferred', { from: 'V1', to: 'V3' })] },
  { name: 'a household whose village is still in force does not move: NOT_A_SUCCESSOR', given: identifiedHousehold, when: c('TransferHousehold', { to: 'V2' }), then: 'NOT_A_SUCCESSOR' },
  { name: 'a household moves only to the successor the tree names: NOT_A_SUCCESSOR', ctx: reorganisedContext, given: identifiedHousehold, when: c('TransferHousehold', { to: 'T1' }), then: 'NOT_A_SUCCESSOR' },
  { name: 'a village dropped without a successor moves nobody: NOT_A_SUCCESSOR', ctx: reorganisedContext, given: [registered([{ memberId: 'm1', birthYear: 1980 }]), transferred('V1', 'V2', '2016-01-11')], when: c('TransferHousehold', { to: 'V3' }), then: 'NOT_A_SUCCESSOR' },
  { name: 'a move dated before the household\'s latest event is BACKDATED', ctx: reorganisedContext, given: identifiedHousehold, when: c('TransferHousehold', { on: '2016-03-31', to: 'V3' }), then: 'BACKDATED' },
  { name: 'a deregistered household does not move', ctx: reorganisedContext, given: [registered(), deregistered()], when: c('TransferHousehold', { to: 'V3' }), then: 'DEREGISTERED' },
  { name: 'registering in a village the tree in force dropped is UNKNOWN_DIVISION', ctx: reorganisedContext, given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }), then: 'UNKNOWN_DIVISION' },
  { name: 'an actor working in another village acts on the household: OUTSIDE_AREA (decision 216)', ctx: { ...testContext, actingWithin: 'V2' }, given: identifiedHousehold, when: c('OfferTraining', { trainingId: 't1', memberId: 'm1', kind: 'vocational', title: 'Welding', provider: 'School' }), then: 'OUTSIDE_AREA' },
  { name: 'an actor working in the household\'s township decides as anyone would', ctx: { ...testContext, actingWithin: 'T1' }, given: [registered()], when: c('AddMember', { memberId: 'm2', birthYear: 1990 }), then: [ev('MemberAdded', { memberId: 'm2', birthYear: 1990 })] },
  { name: 'an actor working in another village registers a household in this one: OUTSIDE_AREA', ctx: { ...testContext, actingWithin: 'V2' }, given: [], when: c('RegisterHousehold', { divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }), then: 'OUTSIDE_AREA' },
  { name: 'a transfer cannot be corrected: it is what a tree did', ctx: reorganisedContext, given: [registered(), transferred('V1', 'V3')], when: c('CorrectEvent', { eventId: 'e1', correction: { to: 'V1' }, reason: 'x' }), then: 'INVALID_CORRECTION' },
  { name: 'a correction into a village the tree in force dropped is INVALID_CORRECTION', ctx: reorganisedContext, given: [registered(), surveyed()], when: c('CorrectEvent', { eventId: 'e0', correction: { divisionCode: 'V2' }, reason: 'wrong village' }), then: 'INVALID_CORRECTION' },

  // --- corrections ---------------------------------------------------------------------------
  { name: 'correcting an income in an employment', given: [...identifiedHousehold, employed('e1')], when: c('CorrectEvent', { eventId: 'e4', correction: { monthlyIncome: 3100 }, reason: 'payslip' }), then: [ev('EventCorrected', { eventId: 'e4', correctedType: 'MemberEmployed', correction: { monthlyIncome: 3100 }, reason: 'payslip' })] },
  { name: 'a correction may be recorded on an earlier business date than the latest', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2000, '2016-08-01')], when: c('CorrectEvent', { on: '2016-06-01', eventId: 'e4', correction: { monthlyIncome: 3100 }, reason: 'payslip' }), then: [ev('EventCorrected', { eventId: 'e4', correctedType: 'MemberEmployed', correction: { monthlyIncome: 3100 }, reason: 'payslip' })] },
  { name: 'a correction dated before the event it corrects is BACKDATED (decision 207)', given: [...identifiedHousehold, employed('e1')], when: c('CorrectEvent', { on: '2016-05-31', eventId: 'e4', correction: { monthlyIncome: 3100 }, reason: 'payslip' }), then: 'BACKDATED' },
  { name: 'a correction moving an income into a month not begun on its date is INVALID_CORRECTION (decision 131)', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2000, '2016-08-01')], when: c('CorrectEvent', { eventId: 'e5', correction: { month: '2016-09' }, reason: 'wrong month' }), then: 'INVALID_CORRECTION' },
  { name: 'a correction moving an income into the month it was recorded in is accepted', given: [...identifiedHousehold, employed('e1'), income('e1', '2016-07', 2000, '2016-08-01')], when: c('CorrectEvent', { eventId: 'e5', correction: { month: '2016-08' }, reason: 'wrong month' }), then: [ev('EventCorrected', { eventId: 'e5', correctedType: 'IncomeRecorded', correction: { month: '2016-08' }, reason: 'wrong month' })] },
  { name: 'correcting an unknown event is UNKNOWN_EVENT', given: identifiedHousehold, when: c('CorrectEvent', { eventId: 'nope', correction: { x: 1 }, reason: 'x' }), then: 'UNKNOWN_EVENT' },
  { name: 'a correction that would break an invariant is INVALID_CORRECTION', given: [...identifiedHousehold], when: c('CorrectEvent', { eventId: 'e0', correction: { members: [{ memberId: 'm1', birthYear: 1930 }] }, reason: 'typo' }), then: 'INVALID_CORRECTION' },
  { name: 'a correction cannot add a member to a registration (ADR 51: AddMember does)', given: [registered()], when: c('CorrectEvent', { eventId: 'e0', correction: { members: [{ memberId: 'm1', birthYear: 1980 }, { memberId: 'm2', birthYear: 1990 }] }, reason: 'x' }), then: 'INVALID_CORRECTION' },
  { name: 'a correction of a survey keeps its members', given: [...twoMembers, surveyed([surveyMember('m1')])], when: c('CorrectEvent', { eventId: 'e1', correction: { members: [surveyMember('m2')] }, reason: 'x' }), then: 'INVALID_CORRECTION' },
  { name: 'an identifier cannot be corrected', given: [...identifiedHousehold, employed('e1')], when: c('CorrectEvent', { eventId: 'e4', correction: { memberId: 'm2' }, reason: 'x' }), then: 'INVALID_CORRECTION' },
  { name: 'a corrected value must still be valid', given: [...identifiedHousehold, employed('e1')], when: c('CorrectEvent', { eventId: 'e4', correction: { monthlyIncome: -5 }, reason: 'x' }), then: 'INVALID_CORRECTION' },
];

describe('decide: given / when / then', () => {
  it.each(cases.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const outcome = outcomeOf(k.given, k.when, k.ctx);
    if (typeof k.then === 'string') expect(outcome).toEqual({ error: k.then });
    else expect(outcome).toEqual({ events: k.then });
  });

  it('names every error code of the domain at least once', () => {
    const used = new Set(cases.map((k) => k.then).filter((t): t is ErrorCode => typeof t === 'string'));
    const missing = ERROR_CODES.filter((code) => !used.has(code));
    expect(missing).toEqual([]); // INVALID_COMMAND is mostly the codec's (parse-command.spec.ts); here, a birth year or a date after the command's (ADR 133, 135)
  });

  it('every rejection names at least one field, by a path the command holds (ADR 148)', () => {
    const unnamed = cases
      .filter((k) => typeof k.then === 'string')
      .filter((k) => {
        const fields = rejectionOf(k.given, k.when, k.ctx)?.fields ?? [];
        return fields.length === 0 || !fields.every((f) => isPathOf(k.when, f.path));
      });
    expect(unnamed.map((k) => k.name)).toEqual([]);
  });

  it('exercises every command type', () => {
    const { COMMAND_TYPES } = jest.requireActual('../commands') as typeof import('../commands');
    expect(COMMAND_TYPES.filter((t) => !cases.some((k) => k.when.type === t))).toEqual([]);
  });
});
