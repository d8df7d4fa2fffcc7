import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { addDays } from '../dates';
import { DivisionTree } from '../divisions';
import { testContext, testDivisions } from './fixtures';
import { CommandOf, HouseholdCommand, SurveyedMember } from '../household/commands';
import { DecisionContext } from '../household/context';
import { Decision } from '../household/decision';
import { HouseholdEvent } from '../household/events';
import { householdDecider } from '../household/household.decider';
import { EventMeta, Fact, HouseholdState } from '../household/state';
import * as V from '../household/vocabulary';

/**
 * fast-check generators of plausible command sequences for ONE household, and a runner
 * that feeds them through the Decider the way a command handler would. Exported for
 * property tests in this and other packages (event store, projections, simulator).
 *
 * The generator knows nothing of the state: it draws commands from small pools of ids
 * (members m1..m4, trainings t1..t4, referrals r1..r5, employments j1..j4, visits v1..v3)
 * with weights that push a household along its life cycle often enough, so that roughly
 * half of the commands are accepted and every rule gets hit, including the rejections.
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
type Draft<K extends HouseholdCommand['type']> = DistributiveOmit<CommandOf<K>, 'householdId' | 'on' | 'commandId'>;

const memberId = fc.constantFrom(...MEMBER_POOL);
const trainingId = fc.constantFrom(...TRAINING_POOL);
const referralId = fc.constantFrom(...REFERRAL_POOL);
const employmentId = fc.constantFrom(...EMPLOYMENT_POOL);
const visitId = fc.constantFrom(...VISIT_POOL);
const text = fc.constantFrom('a', 'b', 'note');
const money = fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100);

/** Mostly working age over 2015–2020 (16..59), some too young or too old, some crossing a boundary. */
export const birthYear = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1962, max: 1996 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1997, max: 2006 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1945, max: 1961 }) },
);

const k = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const optional = <T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq });
/** Leaves out undefined fields: an absent optional field, as decoded JSON would have it. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const registerDraft: fc.Arbitrary<Draft<'RegisterHousehold'>> = fc
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

const surveyDraft: fc.Arbitrary<Draft<'SurveyHousehold'>> = fc
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

// ---- episodes: short stories that share ids, so that the life cycle actually moves ------------

const likelyMember = fc.oneof(k(5, fc.constant('m1')), k(2, fc.constant('m2')), k(1, fc.constant('m3')), k(1, fc.constant('m4')));
const seq = (...parts: (CommandDraft | undefined | readonly (CommandDraft | undefined)[])[]): CommandDraft[] =>
  parts.flat().filter((d): d is CommandDraft => d !== undefined);

const identificationEpisode = fc
  .record({ apply: fc.oneof(k(6, fc.constant(true)), k(1, fc.constant(false))), outcome: fc.oneof(k(6, fc.constant('identify' as const)), k(1, fc.constant('withdraw' as const)), k(1, fc.constant('reject' as const))) })
  .map(({ apply, outcome }) =>
    seq(
      apply ? { type: 'ApplyForIdentification' } : undefined,
      outcome === 'identify' ? { type: 'IdentifyHousehold' } : outcome === 'withdraw' ? { type: 'WithdrawApplication' } : { type: 'RejectApplication', reason: 'r' },
    ),
  );

const trainingEpisode = fc
  .record({
    trainingId, memberId: likelyMember, kind: fc.constantFrom(...V.TRAINING_KINDS),
    answer: fc.constantFrom('accept' as const, 'decline' as const, 'none' as const),
    finish: fc.constantFrom('complete' as const, 'leave' as const, 'none' as const),
    certified: optional(fc.boolean()),
  })
  .map(({ trainingId, memberId, kind, answer, finish, certified }) =>
    seq(
      { type: 'OfferTraining', trainingId, memberId, kind, title: 'course', provider: 'school' },
      answer === 'accept' ? { type: 'AcceptTraining', trainingId } : answer === 'decline' ? { type: 'DeclineTraining', trainingId } : undefined,
      finish === 'complete' ? compact({ type: 'CompleteTraining' as const, trainingId, certified }) : finish === 'leave' ? { type: 'LeaveTraining', trainingId, reason: 'moved' } : undefined,
    ),
  );

const employmentFields = fc.record({
  form: fc.constantFrom(...V.EMPLOYMENT_FORMS), place: fc.constantFrom(...V.PLACES), employer: optional(text),
  monthlyIncome: money, contractSigned: fc.boolean(),
});

const referralEpisode = fc
  .record({
    referralId, memberId: likelyMember, otherMember: likelyMember, employmentId, employment: employmentFields,
    place: fc.constantFrom(...V.PLACES), form: fc.constantFrom(...V.EMPLOYMENT_FORMS), wage: money,
    answer: fc.oneof(k(5, fc.constant('accept' as const)), k(3, fc.constant('decline' as const)), k(1, fc.constant('none' as const))),
    employ: fc.oneof(k(6, fc.constant('same' as const)), k(1, fc.constant('other' as const)), k(2, fc.constant('none' as const))),
  })
  .map(({ referralId, memberId, otherMember, employmentId, employment, place, form, wage, answer, employ }) =>
    seq(
      { type: 'ReferToJob', referralId, memberId, employer: 'acme', position: 'worker', place, form, offeredMonthlyWage: wage },
      answer === 'accept' ? { type: 'AcceptReferral', referralId } : answer === 'decline' ? { type: 'DeclineReferral', referralId } : undefined,
      employ === 'none' ? undefined : compact({ type: 'RecordEmployment' as const, employmentId, memberId: employ === 'same' ? memberId : otherMember, referralId, ...employment }),
    ),
  );

const ownEmploymentEpisode = fc
  .record({ employmentId, memberId: likelyMember, employment: employmentFields, income: fc.boolean(), months: fc.integer({ min: -1, max: 3 }) })
  .map(({ employmentId, memberId, employment, income, months }) => ({ employmentId, memberId, employment, income, months }));

const clearanceEpisode = fc
  .record({
    visitId,
    concerns: fc.oneof(k(3, fc.constant([] as V.LaborConcernIndicator[])), k(1, fc.subarray([...V.LABOR_CONCERN_INDICATORS], { minLength: 1, maxLength: 3 }))),
    resolve: fc.boolean(),
    outcome: fc.constantFrom(...V.CONCERN_OUTCOMES),
    stillEmployed: fc.boolean(),
    visit: fc.oneof(k(3, fc.constant(true)), k(1, fc.constant(false))),
  })
  .map(({ visitId, concerns, resolve, outcome, stillEmployed, visit }) =>
    seq(
      { type: 'ClearHousehold' },
      visit ? { type: 'RecordFollowUp', visitId, findings: 'ok', stillEmployed, laborConcerns: concerns } : undefined,
      visit && resolve && concerns.length > 0 ? { type: 'ResolveLaborConcern', visitId, outcome, reason: 'checked' } : undefined,
    ),
  );

/** Ends some or all employments (most are unknown ids, rejected), then records a relapse. */
const relapseEpisode = fc
  .record({ ended: fc.oneof(k(3, fc.shuffledSubarray([...EMPLOYMENT_POOL], { minLength: 4 })), k(1, fc.subarray([...EMPLOYMENT_POOL]))), reason: fc.constantFrom(...V.EMPLOYMENT_END_REASONS) })
  .map(({ ended, reason }) => seq(ended.map((employmentId) => ({ type: 'EndEmployment' as const, employmentId, reason })), { type: 'RecordRelapse', reason: 'lost job' }));

const exitEpisode = fc.oneof(
  k(2, fc.record({ type: fc.constant('ExemptHousehold' as const), programme: text })),
  k(2, fc.record({ type: fc.constant('WithdrawFromProgramme' as const), reason: optional(text) }).map(compact)),
  k(1, fc.record({ type: fc.constant('DeregisterHousehold' as const), reason: fc.constantFrom(...V.DEREGISTRATION_REASONS) })),
).map((d) => [d as CommandDraft]);

const plainEmployment = fc
  .record({ employmentId, memberId: likelyMember, employment: employmentFields })
  .map(({ employmentId, memberId, employment }) => [compact({ type: 'RecordEmployment' as const, employmentId, memberId, ...employment }) as CommandDraft]);

/** Apply, identify, find work, clear, visit: the programme's happy path, with its detours. */
const clearanceStory = fc
  .tuple(identificationEpisode, fc.oneof(k(2, referralEpisode), k(1, plainEmployment)), clearanceEpisode, fc.oneof(k(2, fc.constant([])), k(1, relapseEpisode)))
  .map((parts) => parts.flat());

/** One step of a sequence: an episode's commands, a single random command, or a re-send. */
export type EpisodeStep =
  | { kind: 'commands'; drafts: readonly CommandDraft[] }
  | { kind: 'employment'; employmentId: string; memberId: string; employment: object; income: boolean; months: number }
  | { kind: 'repeat'; back: number; sameDate: boolean };

const drafts = (arb: fc.Arbitrary<readonly CommandDraft[]>) => arb.map((ds) => ({ kind: 'commands' as const, drafts: ds }));

export const episode: fc.Arbitrary<EpisodeStep> = fc.oneof(
  k(20, drafts(commandDraft.map((d) => [d]))),
  k(4, drafts(surveyDraft.map((d) => [d as CommandDraft]))),
  k(8, drafts(identificationEpisode)),
  k(8, drafts(trainingEpisode)),
  k(14, drafts(referralEpisode)),
  k(8, ownEmploymentEpisode.map((e) => ({ kind: 'employment' as const, ...e }))),
  k(8, drafts(clearanceEpisode)),
  k(12, drafts(clearanceStory)),
  k(6, drafts(relapseEpisode)),
  k(1, drafts(exitEpisode)),
  k(6, fc.record({ kind: fc.constant('repeat' as const), back: fc.nat({ max: 30 }), sameDate: fc.boolean() })),
);

/** Day offsets: mostly forward (0..40 days), sometimes the same day, occasionally backwards. */
const dayStep = fc.oneof(k(6, fc.integer({ min: 0, max: 30 })), k(3, fc.constant(0)), k(2, fc.integer({ min: 31, max: 200 })), k(1, fc.integer({ min: -20, max: -1 })));
const forwardDayStep = fc.oneof(k(3, fc.integer({ min: 0, max: 20 })), k(1, fc.integer({ min: 21, max: 120 })));

export interface HouseholdCommandsOptions {
  readonly householdId?: string;
  /** Bounds on the number of steps (episodes) after the registration; default 0..20. */
  readonly minSteps?: number;
  readonly maxSteps?: number;
}

/** A first survey where m1 is usually able and willing, so that identification is reachable. */
const firstSurveyDraft = fc.tuple(surveyDraft, fc.boolean()).map(([d, keepM1]) => {
  const members = d.members.filter((m) => m.memberId !== 'm4');
  const m1 = members.find((m) => m.memberId === 'm1');
  const rest = members.filter((m) => m.memberId !== 'm1');
  const first = keepM1 && m1 ? m1 : { ...(m1 ?? (d.members[0] as SurveyedMember)), memberId: 'm1', laborCapacity: 'full' as const, wantsWork: true };
  return { ...d, members: [first, ...rest] };
});

/**
 * A sequence of commands for one household: a registration (m1 always, m2 and m3 often),
 * usually a first survey, then random episodes (short stories that share ids: a referral
 * offered, answered and perhaps taken up; a training; an employment with its incomes; a
 * clearance with a follow-up visit; a relapse; an exit), single random commands and
 * re-sends of earlier commands (the same commandId, and the same or the current business
 * date). Business dates start between 2015 and mid-2017 and mostly move forward; about one
 * step in twelve goes backwards. Most commands carry a fresh commandId `c<n>`.
 */
export const householdCommands = (opts: HouseholdCommandsOptions = {}): fc.Arbitrary<HouseholdCommand[]> => {
  const householdId = opts.householdId ?? 'h1';
  return fc
    .record({
      start: fc.integer({ min: 0, max: 900 }).map((n) => addDays('2015-01-01', n)),
      register: registerDraft.map((d) => (d.members.some((m) => m.memberId === 'm1') ? d : { ...d, members: [{ memberId: 'm1', birthYear: 1980 }, ...d.members] })),
      firstSurvey: fc.option(firstSurveyDraft, { nil: undefined, freq: 6 }),
      steps: fc.array(fc.tuple(episode, dayStep, fc.array(forwardDayStep, { minLength: 3, maxLength: 3 }), fc.oneof(k(4, fc.constant(true)), k(1, fc.constant(false)))), {
        minLength: opts.minSteps ?? 0,
        maxLength: opts.maxSteps ?? 20,
      }),
    })
    .map(({ start, register, firstSurvey: survey, steps }) => {
      const registeredIds = new Set(register.members.map((m) => m.memberId));
      const firstSurvey = survey && { ...survey, members: survey.members.filter((m) => registeredIds.has(m.memberId)) };
      const out: HouseholdCommand[] = [];
      let on = start;
      let n = 0;
      const push = (draft: CommandDraft, withCommandId: boolean) => {
        n += 1;
        out.push({ ...draft, householdId, on, ...(withCommandId ? { commandId: `c${n}` } : {}) } as HouseholdCommand);
      };
      push(register, true);
      if (firstSurvey) push(firstSurvey, true);
      for (const [step, days, within, withCommandId] of steps) {
        on = addDays(on, days);
        if (step.kind === 'commands')
          step.drafts.forEach((d, i) => {
            if (i > 0) on = addDays(on, within[(i - 1) % within.length] as number);
            push(d, withCommandId);
          });
        else if (step.kind === 'employment') {
          push(compact({ type: 'RecordEmployment', employmentId: step.employmentId, memberId: step.memberId, ...step.employment }) as CommandDraft, withCommandId);
          if (step.income) {
            const index = Number(on.slice(0, 4)) * 12 + Number(on.slice(5, 7)) - 1 + step.months;
            const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
            push({ type: 'RecordIncome', employmentId: step.employmentId, month, amount: 1200 }, withCommandId);
          }
        } else {
          const earlier = out[out.length - 1 - (step.back % out.length)] as HouseholdCommand;
          out.push(step.sameDate ? earlier : { ...earlier, on });
        }
      }
      return out;
    });
};

// ---- running a sequence ----------------------------------------------------------------------

export interface DecidedStep {
  readonly index: number;
  readonly command: HouseholdCommand;
  /** The state `decide` saw. */
  readonly before: HouseholdState;
  readonly decision: Decision;
  /** The facts appended (empty when rejected or nothing new). */
  readonly facts: readonly Fact[];
  readonly after: HouseholdState;
}

export interface HouseholdRun {
  readonly steps: readonly DecidedStep[];
  /** Every fact appended, in order: the stored stream. */
  readonly facts: readonly Fact[];
  readonly state: HouseholdState;
}

type AnyDecider = {
  readonly initialState: HouseholdState;
  evolve(s: HouseholdState, e: HouseholdEvent, meta: EventMeta): HouseholdState;
  decide(c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext): Decision;
};

/**
 * Decides each command on the current state and evolves every accepted event, with
 * synthetic event ids `e<n>` (n counts from `firstEventNumber`), occurredOn = the
 * command's business date and the command's commandId: what a command handler does.
 */
export const runHousehold = (
  commands: readonly HouseholdCommand[],
  ctx: DecisionContext = arbContext,
  decider: AnyDecider = householdDecider,
  from: HouseholdState = decider.initialState,
  firstEventNumber = 1,
): HouseholdRun => {
  let state = from;
  let n = firstEventNumber;
  const steps: DecidedStep[] = [];
  const facts: Fact[] = [];
  commands.forEach((command, index) => {
    const before = state;
    const decision = decider.decide(command, before, ctx);
    const appended: Fact[] = [];
    if (E.isRight(decision))
      for (const event of decision.right) {
        const meta: EventMeta = { eventId: `e${n++}`, occurredOn: command.on, ...(command.commandId !== undefined ? { commandId: command.commandId } : {}) };
        state = decider.evolve(state, event, meta);
        appended.push({ event, meta });
      }
    facts.push(...appended);
    steps.push({ index, command, before, decision, facts: appended, after: state });
  });
  return { steps, facts, state };
};

/** Sequences that are already run: the commands and what the Decider made of them. */
export const householdRuns = (opts: HouseholdCommandsOptions = {}, ctx: DecisionContext = arbContext) =>
  householdCommands(opts).map((commands) => ({ commands, run: runHousehold(commands, ctx) }));
