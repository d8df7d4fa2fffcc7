import fc from 'fast-check';
import { addDays } from '../dates';
import { HouseholdCommand, SurveyedMember } from '../household/commands';
import { CommandDraft, compact, k, registerDraft, surveyDraft } from './command-drafts';
import { episode } from './episodes';

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
 * offered, answered and perhaps taken up; a training; an employment with its income, dated once its month has begun; a
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
        // fast-check 4 otherwise draws at most about ten more than minLength, whatever maxLength says.
        size: 'max',
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
            // An income is keyed once its month has begun (MONTH_NOT_BEGUN otherwise): a later month's moves the date on.
            if (month > on.slice(0, 7)) on = `${month}-05`;
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
