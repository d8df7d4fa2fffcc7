import * as E from 'fp-ts/Either';
import { buildDivisionTree, DivisionTree } from '../divisions';
import { referencePolicy } from '../policy';
import { CommandOf, CommandType, HouseholdCommand, SurveyedMember } from '../household/commands';
import { DecisionContext } from '../household/context';
import { ev, EventData, EventOf, EventType, HouseholdEvent } from '../household/events';

/**
 * Small builders for tests that read like the specification. Exported so that
 * developers who embed the domain can write their own given/when/then tests.
 */
export const HOUSEHOLD = 'h1';
export const VILLAGE = 'V1';

const tree = buildDivisionTree([
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'C1', name: 'County', parentCode: 'P1', level: 'county' },
  { code: 'T1', name: 'Township', parentCode: 'C1', level: 'township' },
  { code: VILLAGE, name: 'Village one', parentCode: 'T1', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'T1', level: 'village' },
]);
export const testDivisions: DivisionTree = E.isRight(tree) ? tree.right : (undefined as never);
export const testContext: DecisionContext = { policy: referencePolicy, divisions: testDivisions };

/** A stored fact for `given`: the event and the business date it happened on. */
export interface GivenFact {
  readonly event: HouseholdEvent;
  readonly on: string;
  readonly commandId?: string;
}
const fact = <K extends EventType>(type: K, data: EventData<K>, on: string): GivenFact => ({ event: ev(type, data) as EventOf<K>, on });

// ---- events -------------------------------------------------------------------------------
export const registered = (members: { memberId: string; birthYear: number }[] = [{ memberId: 'm1', birthYear: 1980 }], on = '2016-01-10') =>
  fact('HouseholdRegistered', { householdId: HOUSEHOLD, divisionCode: VILLAGE, members }, on);

export const surveyMember = (memberId: string, over: Partial<SurveyedMember> = {}): SurveyedMember => ({
  memberId,
  health: 'healthy',
  laborCapacity: 'full',
  education: 'junior-secondary',
  skills: [],
  languages: [],
  wantsWork: true,
  preferredForms: [],
  preferredPlaces: [],
  wantsSelfEmployment: false,
  trainingNeeds: [],
  ...over,
});
export const willing = (memberId: string) => surveyMember(memberId, { wantsWork: true });
export const unwilling = (memberId: string) => surveyMember(memberId, { wantsWork: false });
export const unable = (memberId: string) => surveyMember(memberId, { laborCapacity: 'none' });

export const surveyed = (members: SurveyedMember[] = [willing('m1')], on = '2016-02-01') =>
  fact('HouseholdSurveyed', { householdSize: members.length, povertyCauses: ['lack-of-skills'], members }, on);
export const applied = (on = '2016-03-01') => fact('IdentificationApplied', {}, on);
export const identified = (eligibleMemberIds = ['m1'], on = '2016-04-01') => fact('HouseholdIdentified', { eligibleMemberIds }, on);
export const referred = (referralId: string, memberId = 'm1', on = '2016-05-01') =>
  fact('MemberReferred', { referralId, memberId, employer: 'Factory', position: 'Assembler', place: 'in-region', form: 'enterprise', offeredMonthlyWage: 2800 }, on);
export const referralAccepted = (referralId: string, memberId = 'm1', on = '2016-05-02') => fact('ReferralAccepted', { referralId, memberId }, on);
export const referralDeclined = (referralId: string, memberId = 'm1', on = '2016-05-02') => fact('ReferralDeclined', { referralId, memberId }, on);
export const trainingOffered = (trainingId: string, memberId = 'm1', on = '2016-04-10') =>
  fact('TrainingOffered', { trainingId, memberId, kind: 'vocational', title: 'Welding', provider: 'County school' }, on);
export const trainingAccepted = (trainingId: string, memberId = 'm1', on = '2016-04-11') => fact('TrainingAccepted', { trainingId, memberId, kind: 'vocational' }, on);
export const employed = (employmentId: string, memberId = 'm1', on = '2016-06-01', referralId?: string) =>
  fact('MemberEmployed', { employmentId, memberId, form: 'enterprise', place: 'in-region', monthlyIncome: 2800, contractSigned: true, ...(referralId ? { referralId } : {}) }, on);
export const income = (employmentId: string, month: string, amount: number, on = '2016-08-01', memberId = 'm1') =>
  fact('IncomeRecorded', { employmentId, memberId, month, amount }, on);
export const employmentEnded = (employmentId: string, memberId = 'm1', on = '2016-09-30') =>
  fact('EmploymentEnded', { employmentId, memberId, reason: 'seasonal-end' }, on);
export const cleared = (activeEmploymentIds = ['e1'], on = '2016-06-15') => fact('HouseholdCleared', { activeEmploymentIds }, on);
export const visited = (visitId: string, laborConcerns: EventData<'FollowUpVisited'>['laborConcerns'] = [], on = '2016-09-01') =>
  fact('FollowUpVisited', { visitId, findings: 'Visited at work', stillEmployed: true, laborConcerns }, on);
export const concernRaised = (visitId: string, on = '2016-09-01') => fact('LaborConcernRaised', { visitId, indicators: ['wages-withheld'] }, on);
export const withdrew = (on = '2016-10-01') => fact('HouseholdWithdrew', {}, on);
export const exempted = (on = '2016-10-01') => fact('HouseholdExempted', { programme: 'Disability support' }, on);
export const deregistered = (on = '2016-10-01') => fact('HouseholdDeregistered', { reason: 'moved' }, on);

/** Registered, surveyed with one willing able member m1, applied and identified. */
export const identifiedHousehold: readonly GivenFact[] = [registered(), surveyed(), applied(), identified()];
/** An identified household whose member m1 took referral r1 into employment e1, then cleared. */
export const clearedHousehold: readonly GivenFact[] = [
  ...identifiedHousehold,
  referred('r1'),
  referralAccepted('r1'),
  employed('e1', 'm1', '2016-06-01', 'r1'),
  cleared(['e1']),
];

// ---- commands -----------------------------------------------------------------------------
type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'householdId' | 'on'> & { on?: string };
/** Any command, on household h1, with a default business date after every fixture. */
export const command = <K extends CommandType>(type: K, fields: Fields<K>): HouseholdCommand =>
  ({ type, householdId: HOUSEHOLD, on: '2016-12-01', ...fields }) as unknown as HouseholdCommand;
