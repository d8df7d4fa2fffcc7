import fc from 'fast-check';
import { addDays, type HouseholdCommand } from '@hearth/domain';
import { householdCommands } from '@hearth/domain/testing';
import { VILLAGES } from './region';

/** Corrections a generated history may carry, of fields some figure depends on. */
const correction = fc.oneof(
  fc.record({ type: fc.constant('IncomeRecorded'), correction: fc.record({ amount: fc.integer({ min: 0, max: 400_000 }).map((c) => c / 100) }) }),
  fc.record({ type: fc.constant('IncomeRecorded'), correction: fc.record({ month: fc.constantFrom('2016-03', '2016-11', '2017-05') }) }),
  fc.record({ type: fc.constant('MemberEmployed'), correction: fc.record({ form: fc.constantFrom('enterprise', 'flexible', 'self-employed', 'assisted'), place: fc.constantFrom('local', 'in-region', 'out-of-region') }) }),
  fc.record({ type: fc.constant('HouseholdRegistered'), correction: fc.record({ divisionCode: fc.constantFrom(...VILLAGES) }) }),
  fc.record({ type: fc.constant('EmploymentEnded'), correction: fc.record({ reason: fc.constantFrom('quit', 'dismissed', 'other') }) }),
  fc.record({ type: fc.constant('TrainingOffered'), correction: fc.record({ kind: fc.constantFrom('language', 'vocational') }) }),
  fc.record({ type: fc.constantFrom('HouseholdSurveyed', 'HouseholdRegistered'), correction: fc.constant({ '@amendMembers': true }) }),
);

/**
 * One household's commands from the domain's generator, moved to a village of the test
 * region, with a few corrections inserted (CorrectEvent naming its target by placeholder,
 * see feed.ts).
 */
export const householdHistory = (householdId: string, steps = { min: 2, max: 14 }): fc.Arbitrary<HouseholdCommand[]> =>
  fc
    .record({
      commands: householdCommands({ householdId, minSteps: steps.min, maxSteps: steps.max }),
      village: fc.constantFrom(...VILLAGES),
      corrections: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), correction), { maxLength: 3 }),
    })
    .map(({ commands, village, corrections }) => {
      const out = commands.map((c) =>
        c.type === 'RegisterHousehold' && (c.divisionCode === 'V1' || c.divisionCode === 'V2') ? { ...c, divisionCode: village } : c,
      );
      for (const [at, n, { type, correction: fields }] of corrections) {
        const i = 1 + (at % out.length);
        const before = out[i - 1] as HouseholdCommand;
        out.splice(i, 0, { type: 'CorrectEvent', householdId, on: before.on, eventId: `@${type}#${n}`, correction: fields, reason: 'data entry error' });
      }
      return out;
    });

/** A region's histories: 2 to 6 households, each its own list of commands in order. */
export const regionHistories: fc.Arbitrary<HouseholdCommand[][]> = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => householdHistory(`h${i + 1}`))));

/** Merges the households' lists into one, keeping each household's own order; `picks` choose who goes next. */
export const interleave = (lists: readonly (readonly HouseholdCommand[])[], picks: readonly number[]): HouseholdCommand[] => {
  const queues = lists.map((l) => [...l]);
  const out: HouseholdCommand[] = [];
  let i = 0;
  for (;;) {
    const open = queues.filter((q) => q.length > 0);
    if (open.length === 0) return out;
    const q = open[(picks.length === 0 ? 0 : (picks[i % picks.length] as number)) % open.length] as HouseholdCommand[];
    out.push(q.shift() as HouseholdCommand);
    i += 1;
  }
};

/** Household by household, as a bulk import of each file in turn would do. */
export const householdByHousehold = (lists: readonly (readonly HouseholdCommand[])[]): HouseholdCommand[] => lists.flat();

/**
 * The same histories keyed late, as under a back-dating allowance: many a command dated
 * `back[...]` days (0..60 drawn) before the command before it, so that within a household
 * dates run backwards wherever an allowance lets them (a command it refuses is skipped).
 */
export const keyedLate = (histories: readonly (readonly HouseholdCommand[])[], back: readonly number[]): HouseholdCommand[][] =>
  histories.map((h, i) =>
    h.map((c, j) => {
      const days = back[(i * 31 + j) % back.length] as number;
      return j === 0 || days === 0 ? c : { ...c, on: addDays((h[j - 1] as HouseholdCommand).on, -days) };
    }),
  );

/** How many commands of `histories` are dated before the one before them. */
export const backdatedIn = (histories: readonly (readonly HouseholdCommand[])[]): number =>
  histories.reduce((n, h) => n + h.filter((c, j) => j > 0 && c.on < (h[j - 1] as HouseholdCommand).on).length, 0);

/**
 * The histories with, in some households, a survey recorded after a later-dated withdrawal:
 * before the first survey of household `i` (when `late[i]` is 1 to 60) a withdrawal dated
 * that many days after it is recorded, as a back-dating allowance lets the survey then be
 * (decision 117 refuses no survey that leaves the status as it is). The commands after it
 * are kept (those the withdrawal forbids are refused, and skipped).
 */
export const surveyedLate = (histories: readonly (readonly HouseholdCommand[])[], late: readonly number[]): HouseholdCommand[][] =>
  histories.map((h, i) => {
    const days = late.length === 0 ? 0 : (late[i % late.length] as number);
    const j = h.findIndex((c) => c.type === 'SurveyHousehold');
    if (days === 0 || j < 0) return [...h];
    const survey = h[j] as HouseholdCommand;
    const withdrawal = { type: 'WithdrawFromProgramme', householdId: survey.householdId, on: addDays(survey.on, days) } as HouseholdCommand;
    return [...h.slice(0, j), withdrawal, ...h.slice(j)];
  });
