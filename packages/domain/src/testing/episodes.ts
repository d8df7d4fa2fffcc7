import fc from 'fast-check';
import * as V from '../household/vocabulary';
import {
  CommandDraft, commandDraft, compact, EMPLOYMENT_POOL, employmentId, k, money, optional, referralId, surveyDraft, text, trainingId, visitId,
} from './command-drafts';

/**
 * Episodes: short stories of commands that share ids (a referral offered, answered and
 * perhaps taken up; a training; an employment with its incomes; a clearance with a
 * follow-up visit; a relapse; an exit), so that the life cycle actually moves.
 */

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
