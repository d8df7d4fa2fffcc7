import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { decide } from '../household/decide';
import { ErrorCode } from '../household/errors';
import { HouseholdEvent } from '../household/events';
import { evolve } from '../household/evolve';
import { HouseholdState, initialState } from '../household/state';
import { GivenFact, testContext } from './fixtures';

/** The state after a list of given facts, with synthetic event ids `e0`, `e1`, … */
export const stateAfter = (facts: readonly GivenFact[]): HouseholdState =>
  facts.reduce(
    (s, f, i) => evolve(s, f.event, { eventId: `e${i}`, occurredOn: f.on, ...(f.commandId ? { commandId: f.commandId } : {}) }),
    initialState,
  );

export interface Outcome {
  readonly events?: readonly HouseholdEvent[];
  readonly error?: ErrorCode;
}

export const outcomeOf = (facts: readonly GivenFact[], cmd: HouseholdCommand, ctx: DecisionContext = testContext): Outcome => {
  const d = decide(cmd, stateAfter(facts), ctx);
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
