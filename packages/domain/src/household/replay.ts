import * as E from 'fp-ts/Either';
import { canonicallyEqual } from '../canonical-equal';
import { toCanonicalJson, type NonCanonicalValue } from '../canonical-json';
import { commandBehind } from './command-behind';
import { HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { correctedEvent, correctionsIn } from './correction';
import { HouseholdEvent } from './events';
import { evolve } from './evolve';
import { surveyMayRepeat } from './guards';
import { maxDate } from '../dates';
import { NO_DIVISIONS } from '../divisions';
import { Fact, HouseholdState, initialState } from './state';

export { commandBehind } from './command-behind';
export { correctionsIn } from './correction';

export interface ReplayAnomaly {
  /** Index of the first stored event of the offending decision, in the stream. */
  readonly index: number;
  readonly eventId: string;
  readonly kind: 'not-decidable' | 'rejected' | 'different-events' | 'orphan-event';
  readonly detail: string;
}

/** The events a replayed decision would have recorded, as canonical JSON (a decision's events always have one). */
const recordedText = (events: readonly HouseholdEvent[]): string =>
  E.getOrElse((refused: NonCanonicalValue) => `events without canonical JSON (${refused.reason} at ${refused.path})`)(toCanonicalJson(events));

/** The context a stored event was decided in: the division tree in force when it was recorded. */
const inForceWhenRecorded = (ctx: DecisionContext, fact: Fact): DecisionContext => {
  if (fact.meta.position === undefined || ctx.divisionsAt === undefined) return ctx;
  const divisions = ctx.divisionsAt(fact.meta.position);
  return divisions ? { ...ctx, divisions } : { ...ctx, divisions: NO_DIVISIONS };
};

type Decide = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext) => E.Either<{ code: string; message: string }, readonly HouseholdEvent[]>;


/**
 * The context with the history before index `i`, as corrected, for a survey whose print
 * matches one the replayed state holds: the one decision a replay makes that reads the
 * past, to confirm the repeat exactly (guards.ts, `surveyRecorded`). The corrections are
 * already in the events, as they are in the replayed state.
 */
const withSurveysBefore = (ctx: DecisionContext, command: HouseholdCommand, state: HouseholdState, facts: readonly Fact[], i: number, corrections: ReadonlyMap<string, Readonly<Record<string, unknown>>>): DecisionContext => {
  if (!surveyMayRepeat(command, state)) return ctx;
  const history = facts.slice(0, i).filter((f) => f.event.type !== 'EventCorrected').map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta }));
  return { ...ctx, history };
};

export interface ReplayOptions {
  /**
   * Whether each correction is decided again (default true): as `CorrectEvent` against the
   * stream as it stood when it was recorded (docs/decisions/0118). The correction rule's own
   * replay passes false: the corrections before the one it decides were decided in their turn.
   */
  readonly decideCorrections?: boolean;
}

/** The state a live fold had just before fact `i`: every stored event before it, corrections as they came. */
const liveStateBefore = (facts: readonly Fact[], i: number): HouseholdState => {
  let s = initialState;
  for (let k = 0; k < i; k++) s = evolve(s, (facts[k] as Fact).event, (facts[k] as Fact).meta);
  return s;
};

/**
 * Replays a stream decision by decision and reports every place where the domain,
 * given the history before it, would not have produced the stored events. The history
 * is replayed as corrected: every correction in the stream is applied to the event it
 * amends, as if the right facts had been recorded in the first place. A correction itself
 * is decided against the stream as it was when it was recorded, uncorrected by the
 * corrections after it, as it was decided then.
 */
export const replayAnomalies = (facts: readonly Fact[], householdId: string, given: DecisionContext, decide: Decide, opts: ReplayOptions = {}): ReplayAnomaly[] => {
  // Each replayed decision sees the stream only up to itself, through the state: not the whole history a caller may hold.
  // Nor the caller's clock: whether an event is dated after it was recorded is read from its own recordedAt (docs/decisions/0135).
  // Nor who acts now (decision 216): whoever may act today says nothing of what was decided then.
  const { history: _whole, recordedAt: _now, actingWithin: _actor, ...ctx } = given;
  const corrections = correctionsIn(facts);
  const anomalies: ReplayAnomaly[] = [];
  const seen = new Set<string>();
  let state = initialState;
  let i = 0;
  while (i < facts.length) {
    const fact = facts[i] as Fact;
    const event = correctedEvent(fact, corrections);
    let consumed = 1;
    if (event.type === 'EventCorrected') {
      if (!seen.has(event.data.eventId))
        anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'orphan-event', detail: `EventCorrected names unknown event ${event.data.eventId}` });
      else if (opts.decideCorrections !== false) {
        const command = commandBehind(event, householdId, fact.meta.occurredOn) as HouseholdCommand;
        const decided = decide(command, liveStateBefore(facts, i), { ...inForceWhenRecorded(ctx, fact), history: facts.slice(0, i) });
        if (E.isLeft(decided))
          anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'rejected', detail: `EventCorrected: the domain would reject CorrectEvent here with ${decided.left.code}: ${decided.left.message}` });
        else if (!canonicallyEqual([event], decided.right))
          anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'different-events', detail: `EventCorrected: the domain would have recorded ${recordedText(decided.right)}` });
      }
    } else {
      const command = commandBehind(event, householdId, fact.meta.occurredOn);
      if (!command) {
        anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'orphan-event', detail: `${event.type} without the event that causes it` });
      } else {
        const decided = decide(command, state, withSurveysBefore(inForceWhenRecorded(ctx, fact), command, state, facts, i, corrections));
        if (E.isLeft(decided)) {
          anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'rejected', detail: `${event.type}: the domain would reject ${command.type} here with ${decided.left.code}: ${decided.left.message}` });
        } else {
          consumed = Math.max(1, decided.right.length);
          const stored = facts.slice(i, i + consumed).map((f) => correctedEvent(f, corrections));
          if (!canonicallyEqual(stored, decided.right))
            anomalies.push({ index: i, eventId: fact.meta.eventId, kind: 'different-events', detail: `${event.type}: the domain would have recorded ${recordedText(decided.right)}` });
        }
      }
    }
    for (const f of facts.slice(i, i + consumed)) {
      seen.add(f.meta.eventId);
      if (f.event.type !== 'EventCorrected') state = evolve(state, correctedEvent(f, corrections), f.meta);
      // Its data is already in the corrected events, but its date is the stream's latest as the live fold has it, so a later event dated before it was BACKDATED there (docs/decisions/0177).
      else state = { ...state, latestOn: maxDate(state.latestOn, f.meta.occurredOn) };
    }
    i += consumed;
  }
  return anomalies;
};
