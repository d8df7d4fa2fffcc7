import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { Decision } from '../household/decision';
import { DomainError, ErrorCode } from '../household/errors';
import { HouseholdEvent } from '../household/events';
import { evolve } from '../household/evolve';
import { householdDecider } from '../household/household.decider';
import { Fact, HouseholdState, initialState } from '../household/state';
import { GivenFact, testContext } from './fixtures';

/** The given facts as a stream stores them, with synthetic event ids `e0`, `e1`, … */
export const storedFacts = (facts: readonly GivenFact[]): Fact[] =>
  facts.map((f, i) => ({ event: f.event, meta: { eventId: `e${i}`, occurredOn: f.on, ...(f.commandId ? { commandId: f.commandId } : {}) } }));

/** The state after a list of given facts. */
export const stateAfter = (facts: readonly GivenFact[]): HouseholdState =>
  storedFacts(facts).reduce((s, f) => evolve(s, f.event, f.meta), initialState);

export interface Outcome {
  readonly events?: readonly HouseholdEvent[];
  readonly error?: ErrorCode;
}

/** As a command handler decides: the stream's history in the context for the commands that read it (needsHistory). */
export const decisionOf = (facts: readonly GivenFact[], cmd: HouseholdCommand, ctx: DecisionContext = testContext): Decision => {
  const state = stateAfter(facts);
  return householdDecider.decide(cmd, state, householdDecider.needsHistory(cmd, state) ? householdDecider.withHistory(ctx, storedFacts(facts)) : ctx);
};

export const outcomeOf = (facts: readonly GivenFact[], cmd: HouseholdCommand, ctx: DecisionContext = testContext): Outcome => {
  const d = decisionOf(facts, cmd, ctx);
  return E.isRight(d) ? { events: d.right } : { error: d.left.code };
};

/** The whole rejection, fields included; undefined when the command is accepted. */
export const rejectionOf = (facts: readonly GivenFact[], cmd: HouseholdCommand, ctx: DecisionContext = testContext): DomainError | undefined => {
  const d = decisionOf(facts, cmd, ctx);
  return E.isLeft(d) ? d.left : undefined;
};

/**
 * Whether a dotted path (`members.2.memberId`) names a value the command holds: every
 * rejection names one (docs/decisions/0148).
 */
export const isPathOf = (cmd: HouseholdCommand, path: string): boolean => {
  let value: unknown = cmd;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined;
};

/** given(facts).when(command).then…: the house style for decider tests. */
export const given = (facts: readonly GivenFact[], ctx: DecisionContext = testContext) => ({
  when: (cmd: HouseholdCommand) => {
    const outcome = outcomeOf(facts, cmd, ctx);
    return {
      outcome,
      thenEvents: (...expected: readonly HouseholdEvent[]) => expect(outcome).toEqual({ events: expected }),
      thenNothing: () => expect(outcome).toEqual({ events: [] }),
      thenRejects: (code: ErrorCode) => expect(outcome).toEqual({ error: code }),
      /** The code, and the field it names first: its path in the command. */
      thenRejectsAt: (code: ErrorCode, path: string) => {
        const rejection = rejectionOf(facts, cmd, ctx);
        expect({ code: rejection?.code, path: rejection?.fields?.[0]?.path }).toEqual({ code, path });
      },
    };
  },
});
