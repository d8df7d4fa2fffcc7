import fc from 'fast-check';
import { DivisionTree } from '../divisions';
import { testContext, testDivisions } from './fixtures';
import { CommandOf, HouseholdCommand, SurveyedMember } from '../household/commands';
import { DecisionContext } from '../household/context';
import * as V from '../household/vocabulary';

/**
 * fast-check generators of single household commands, before a sequence gives them their
 * household, business date and commandId (household-commands.ts). They know nothing of the
 * state: they draw from small pools of ids (members m1..m4, trainings t1..t4, referrals
 * r1..r5, employments j1..j4, visits v1..v3) with weights that push a household along its
 * life cycle often enough, so that roughly half of the commands are accepted and every rule
 * gets hit, including the rejections.
 */

// ---- context -------------------------------------------------------------------------------

export const ARB_VILLAGE = 'V1';
export const ARB_OTHER_VILLAGE = 'V2';
/** A township: registering there is rejected (NOT_A_VILLAGE). */
export const ARB_TOWNSHIP = 'T1';
/** Not in the tree: UNKNOWN_DIVISION. */
export const ARB_UNKNOWN_DIVISION = 'X9';

// The same small tree as the given/when/then fixtures: one region down to two villages.
export const arbDivisions: DivisionTree = testDivisions;
export const arbContext: DecisionContext = testContext;

// ---- pools ---------------------------------------------------------------------------------

export const MEMBER_POOL = ['m1', 'm2', 'm3', 'm4'] as const;
export const TRAINING_POOL = ['t1', 't2', 't3', 't4'] as const;
export const REFERRAL_POOL = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
export const EMPLOYMENT_POOL = ['j1', 'j2', 'j3', 'j4'] as const;
export const VISIT_POOL = ['v1', 'v2', 'v3'] as const;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command before the sequence gives it its household, business date and commandId. */
export type CommandDraft = DistributiveOmit<HouseholdCommand, 'householdId' | 'on' | 'commandId'>;
export type Draft<K extends HouseholdCommand['type']> = DistributiveOmit<CommandOf<K>, 'householdId' | 'on' | 'commandId'>;

export const memberId = fc.constantFrom(...MEMBER_POOL);
export const trainingId = fc.constantFrom(...TRAINING_POOL);
export const referralId = fc.constantFrom(...REFERRAL_POOL);
export const employmentId = fc.constantFrom(...EMPLOYMENT_POOL);
export const visitId = fc.constantFrom(...VISIT_POOL);
export const text = fc.constantFrom('a', 'b', 'note');
export const money = fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100);

/** Mostly working age over 2015–2020 (16..59), some too young or too old, some crossing a boundary. */
export const birthYear = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1962, max: 1996 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1997, max: 2006 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1945, max: 1961 }) },
);

export const k = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
export const optional = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });
/** Leaves out undefined fields: an absent optional field, as decoded JSON would have it. */
export const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const registerDraft: fc.Arbitrary<Draft<'RegisterHousehold'>> = fc
  .record({
    ids: fc.shuffledSubarray(['m1', 'm2', 'm3'], { minLength: 1 }),
    years: fc.tuple(birthYear, birthYear, birthYear),
    sexes: fc.tuple(optional(fc.constantFrom(...V.SEXES)), optional(fc.constantFrom(...V.SEXES)), optional(fc.constantFrom(...V.SEXES))),
    divisionCode: fc.oneof(k(20, fc.constant(ARB_VILLAGE)), k(1, fc.constant(ARB_OTHER_VILLAGE))),
  })
  .map(({ ids, years, sexes, divisionCode }) => ({
    type: 'RegisterHousehold' as const,
    divisionCode,
    members: ids.map((id, i) => compact({ memberId: id, birthYear: years[i] as number, sex: sexes[i] })),
  }));

/** A register command that sometimes names a division that is not a village, or no division at all. */
const strayRegisterDraft: fc.Arbitrary<Draft<'RegisterHousehold'>> = fc
  .tuple(registerDraft, fc.constantFrom(ARB_VILLAGE, ARB_TOWNSHIP, ARB_UNKNOWN_DIVISION))
  .map(([d, divisionCode]) => ({ ...d, divisionCode }));

const surveyedMember = (id: string): fc.Arbitrary<SurveyedMember> =>
  fc
    .record({
      health: fc.constantFrom(...V.HEALTH),
      laborCapacity: fc.oneof(
        { weight: 4, arbitrary: fc.constant('full' as const) },
        { weight: 2, arbitrary: fc.constant('partial' as const) },
        { weight: 1, arbitrary: fc.constant('none' as const) },
      ),
      education: fc.constantFrom(...V.EDUCATION_LEVELS),
      skills: fc.array(text, { maxLength: 2 }),
      languages: fc.array(fc.record({ language: fc.constantFrom('zh', 'ug', 'bo'), level: fc.constantFrom(...V.LANGUAGE_LEVELS) }), { maxLength: 2 }),
      wantsWork: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      preferredForms: fc.subarray([...V.EMPLOYMENT_FORMS]),
      preferredPlaces: fc.subarray([...V.PLACES]),
      expectedMonthlyWage: optional(money),
      wantsSelfEmployment: fc.boolean(),
      trainingNeeds: fc.subarray([...V.TRAINING_KINDS]),
    })
    .map((m) => compact({ memberId: id, ...m }));

export const surveyDraft: fc.Arbitrary<Draft<'SurveyHousehold'>> = fc
  .record({
    ids: fc.oneof(k(6, fc.shuffledSubarray<string>(['m1', 'm2', 'm3'], { minLength: 1 })), k(1, fc.shuffledSubarray<string>([...MEMBER_POOL], { minLength: 1 }))),
    all: fc.tuple(...MEMBER_POOL.map(surveyedMember)),
    householdSize: fc.integer({ min: 1, max: 6 }),
    povertyCauses: fc.subarray([...V.POVERTY_CAUSES], { maxLength: 3 }),
  })
  .map(({ ids, all, householdSize, povertyCauses }) => ({
    type: 'SurveyHousehold' as const,
    householdSize,
    povertyCauses,
    members: ids.map((id) => all.find((m) => m.memberId === id) as SurveyedMember),
  }));

const bare = <K extends 'ApplyForIdentification' | 'WithdrawApplication' | 'IdentifyHousehold' | 'ClearHousehold'>(type: K) =>
  fc.constant({ type } as Draft<K>);

export const commandDraft: fc.Arbitrary<CommandDraft> = fc.oneof(
  k(1, strayRegisterDraft),
  k(2, fc.record({ type: fc.constant('AddMember' as const), memberId, birthYear, sex: optional(fc.constantFrom(...V.SEXES)) }).map(compact)),
  k(1, fc.record({ type: fc.constant('RemoveMember' as const), memberId, reason: text })),
  k(6, surveyDraft),
  k(7, bare('ApplyForIdentification')),
  k(2, bare('WithdrawApplication')),
  k(8, bare('IdentifyHousehold')),
  k(2, fc.record({ type: fc.constant('RejectApplication' as const), reason: text })),
  k(3, fc.record({ type: fc.constantFrom('DeclareWillingness' as const, 'WithdrawWillingness' as const), memberId })),
  k(5, fc.record({ type: fc.constant('OfferTraining' as const), trainingId, memberId, kind: fc.constantFrom(...V.TRAINING_KINDS), title: text, provider: text })),
  k(4, fc.record({ type: fc.constant('AcceptTraining' as const), trainingId })),
  k(4, fc.record({ type: fc.constant('DeclineTraining' as const), trainingId, reason: optional(text) }).map(compact)),
  k(2, fc.record({ type: fc.constant('CompleteTraining' as const), trainingId, certified: optional(fc.boolean()) }).map(compact)),
  k(1, fc.record({ type: fc.constant('LeaveTraining' as const), trainingId, reason: text })),
  k(9, fc.record({
    type: fc.constant('ReferToJob' as const), referralId, memberId, employer: text, position: text,
    place: fc.constantFrom(...V.PLACES), form: fc.constantFrom(...V.EMPLOYMENT_FORMS), offeredMonthlyWage: money,
  })),
  k(7, fc.record({ type: fc.constant('AcceptReferral' as const), referralId })),
  k(4, fc.record({ type: fc.constant('DeclineReferral' as const), referralId, reason: optional(text) }).map(compact)),
  k(9, fc.record({
    type: fc.constant('RecordEmployment' as const), employmentId, memberId,
    form: fc.constantFrom(...V.EMPLOYMENT_FORMS), place: fc.constantFrom(...V.PLACES), employer: optional(text),
    monthlyIncome: money, referralId: optional(referralId, 1), contractSigned: fc.boolean(),
  }).map(compact)),
  k(2, fc.record({
    type: fc.constant('RecordIncome' as const), employmentId,
    month: fc.record({ y: fc.integer({ min: 2015, max: 2020 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
    amount: money,
  })),
  k(4, fc.record({ type: fc.constant('EndEmployment' as const), employmentId, reason: fc.constantFrom(...V.EMPLOYMENT_END_REASONS) })),
  k(8, bare('ClearHousehold')),
  k(4, fc.record({
    type: fc.constant('RecordFollowUp' as const), visitId, findings: text, stillEmployed: fc.boolean(),
    laborConcerns: fc.oneof(k(3, fc.constant([])), k(1, fc.subarray([...V.LABOR_CONCERN_INDICATORS], { minLength: 1, maxLength: 3 }))),
  })),
  k(2, fc.record({ type: fc.constant('ResolveLaborConcern' as const), visitId, outcome: fc.constantFrom(...V.CONCERN_OUTCOMES), reason: text })),
  k(3, fc.record({ type: fc.constant('RecordRelapse' as const), reason: text })),
  k(1, fc.record({ type: fc.constant('ExemptHousehold' as const), programme: text })),
  k(1, fc.record({ type: fc.constant('WithdrawFromProgramme' as const), reason: optional(text) }).map(compact)),
  k(1, fc.record({ type: fc.constant('DeregisterHousehold' as const), reason: fc.constantFrom(...V.DEREGISTRATION_REASONS) })),
) as fc.Arbitrary<CommandDraft>;
