import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../household/commands';
import { DecisionContext } from '../household/context';
import { Decision } from '../household/decision';
import { HouseholdEvent } from '../household/events';
import { householdDecider } from '../household/household.decider';
import { EventMeta, Fact, HouseholdState } from '../household/state';
import { arbContext } from './command-drafts';
import { householdCommands, HouseholdCommandsOptions } from './household-commands';

/** Running a generated sequence through the Decider the way a command handler would. */


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
