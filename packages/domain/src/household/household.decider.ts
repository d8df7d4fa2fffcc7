import { outsideArea } from './acting-within';
import { DecisionContext } from './context';
import { Decision } from './decision';
import { decide } from './decide';
import { evolve, fold } from './evolve';
import { HouseholdCommand } from './commands';
import { retryToConfirm, surveyMayRepeat } from './guards';
import { Fact, HouseholdState, initialState } from './state';

/**
 * The commands whose decision reads the stream's past (DecisionContext.history), so that a
 * handler reads it for these only: a correction, and a commandId already in the stream with
 * the same fingerprint (a retry, confirmed against the stored event), and a survey whose
 * print matches a recorded one's (a repeat, confirmed against the stored surveys).
 */
export const needsHistory = (c: HouseholdCommand, s: HouseholdState): boolean => c.type === 'CorrectEvent' || retryToConfirm(c, s) || surveyMayRepeat(c, s);

/** The context with the stream's history, for the commands that read it (`needsHistory`). */
const withHistory = (ctx: DecisionContext, history: readonly Fact[]): DecisionContext => ({ ...ctx, history });

/** `fold` with the state it starts from required, as Decider.fold takes it (a default would widen the handlers' State to undefined). */
const foldFrom = (facts: readonly Fact[], state: HouseholdState): HouseholdState => fold(facts, state);

/**
 * A command handler's decision: `decide`, after the actor's area (`ctx.actingWithin`) is
 * checked on the same state (decision 216). Replays call `decide` itself.
 */
const decideActing = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext): Decision => outsideArea(c, s, ctx) ?? decide(c, s, ctx);

/**
 * The whole aggregate in one import: the Decider of domain.md §4. `needsHistory` and
 * `withHistory` tell a command handler which commands read the stream's past and how to
 * hand it over (docs/decisions/0050-lean-fold.md); `fold` folds a run of events with one
 * copy of each entity map (docs/decisions/0074-a-stream-folded-in-one-draft.md).
 */
export const householdDecider = { initialState, evolve, fold: foldFrom, decide: decideActing, needsHistory, withHistory } as const;
