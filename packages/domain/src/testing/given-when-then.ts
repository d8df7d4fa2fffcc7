import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { decide } from '../household/decide';
import { ErrorCode } from '../household/errors';
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
export const outcomeOf = (facts: readonly GivenFact[], cmd: HouseholdCommand, ctx: DecisionContext = testContext): Outcome => {
  const state = stateAfter(facts);
  const d = decide(cmd, state, householdDecider.needsHistory(cmd, state) ? householdDecider.withHistory(ctx, storedFacts(facts)) : ctx);
  return E.isRight(d) ? { events: d.right } : { error: d.left.code };
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
    };
  },
});
