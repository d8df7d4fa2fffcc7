import type { Either } from 'fp-ts/Either';

/**
 * The shape of an aggregate as the command handlers see it. The domain package
 * satisfies these structurally; nothing here depends on it.
 */
export interface EventMeta {
  eventId: string;
  occurredOn: string;
  commandId?: string;
  /**
   * Absent for events a handler evolved from its own decision rather than read back from
   * the store: BatchCommandHandler's before the batch commits, and the events either
   * handler keeps in its cache of folded states after appending them.
   */
  position?: number;
}

/** A stored event, decoded, with what the fold is told of it. */
export interface StoredFact<Evt> {
  event: Evt;
  meta: EventMeta;
}

/**
 * `evolve` and `decide` must be pure and must not mutate the state they receive:
 * the handlers keep earlier states (cached, or to retry from) and rely on that.
 *
 * The state holds what decisions need, not the log. A command whose decision reads the
 * stream's past (a correction replays it) says so with `needsHistory`; the handlers then
 * read the stream's events and give them to `decide` through `withHistory`. Other
 * commands never pay for that read.
 */
export interface Decider<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> {
  initialState: State;
  evolve(state: State, event: Evt, meta: EventMeta): State;
  /**
   * Optional: `facts` folded in order from `state`, the same state as reducing them with
   * `evolve`, but free to build it once for the whole run (the household's copies each
   * entity map once a stream, not once an event). The handlers use it for every run of
   * events they fold.
   */
  fold?(facts: readonly StoredFact<Evt>[], state: State): State;
  decide(command: Cmd, state: State, ctx: Ctx): Either<Err, readonly Evt[]>;
  /** Whether deciding `command` on `state` reads the stream's past. */
  needsHistory?(command: Cmd, state: State): boolean;
  /** The context with the stream's events (in version order, as stored) for `decide`. */
  withHistory?(ctx: Ctx, history: readonly StoredFact<Evt>[]): Ctx;
}

/** What the store needs to know about a command that the command itself does not say in a fixed place. */
export interface CommandEnvelope {
  streamId: string;
  /** Business date of the command, copied to every event it produces. */
  occurredOn: string;
  actor: string;
  note?: string;
  commandId?: string;
  causationId?: string;
  correlationId?: string;
}
