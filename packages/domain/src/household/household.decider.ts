import { DecisionContext } from './context';
import { decide } from './decide';
import { evolve } from './evolve';
import { needsHistory } from './rules/correction';
import { Fact, initialState } from './state';

/** The context with the stream's history, for the commands that read it (`needsHistory`). */
const withHistory = (ctx: DecisionContext, history: readonly Fact[]): DecisionContext => ({ ...ctx, history });

/**
 * The whole aggregate in one import: the Decider of domain.md §4. `needsHistory` and
 * `withHistory` tell a command handler which commands read the stream's past and how to
 * hand it over (docs/decisions/0050-lean-fold.md).
 */
export const householdDecider = { initialState, evolve, decide, needsHistory, withHistory } as const;
