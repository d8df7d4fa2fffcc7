import { isLeft } from 'fp-ts/Either';
import type { AcceptedEvent, CommandResult } from './command-result';
import type { CommandEnvelope, Decider, StoredFact } from './decider';
import type { EventToAppend } from './envelope';
import { passThroughCodec, type EventCodec } from './event-codec';
import { prepareEvents, type EventPreparation } from './event-preparation';
import type { EventStore } from './event-store';
import { sealEvents } from './hash-chain';
import { foldRecorded, initialFold, type StreamFold } from './stream-fold';
import { uuidV7 } from './uuid-v7';
import { isWrongExpectedVersionError } from './wrong-expected-version-error';

export interface CommandHandlerOptions<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> {
  store: EventStore;
  decider: Decider<Cmd, Evt, State, Ctx, Err>;
  /** Stream, business date, actor and correlation of a command. */
  describe(cmd: Cmd): CommandEnvelope;
  /** Default: time-ordered UUIDv7 (uuid-v7.ts: why not random ids). */
  newEventId?: () => string;
  /** System time as ISO 8601, stored as metadata.recordedAt. Default: the wall clock. */
  now?: () => string;
  /** Attempts after the first one lost a version conflict. Default 5. */
  maxRetries?: number;
  schemaVersion: number;
  codec?: EventCodec<Evt>;
}

/** The defaults of the options, resolved once; shared with BatchCommandHandler. */
export const resolvePreparation = <Evt extends { type: string; data: unknown }>(
  opts: Pick<CommandHandlerOptions<unknown, Evt, unknown, unknown, unknown>, 'newEventId' | 'now' | 'schemaVersion' | 'codec'>,
): EventPreparation<Evt> => ({
  codec: opts.codec ?? passThroughCodec<Evt>(),
  newEventId: opts.newEventId ?? uuidV7,
  now: opts.now ?? (() => new Date().toISOString()),
  schemaVersion: opts.schemaVersion,
});

export const resolveMaxRetries = (maxRetries: number | undefined): number => {
  const value = maxRetries ?? 5;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`maxRetries must be a non-negative integer, got ${value}`);
  return value;
};

export const acceptedEvents = (sealed: readonly EventToAppend[], firstVersion: number): AcceptedEvent[] =>
  sealed.map((e, i) => ({ eventId: e.eventId, type: e.type, streamVersion: firstVersion + i, hash: e.metadata.hash }));

/** The context `decide` gets: with the stream's events when its decision reads them (Decider.needsHistory). */
export const contextFor = <Cmd, Evt extends { type: string; data: unknown }, State, Ctx>(
  decider: Pick<Decider<Cmd, Evt, State, Ctx, unknown>, 'needsHistory' | 'withHistory'>,
  cmd: Cmd,
  state: State,
  ctx: Ctx,
  history: () => readonly StoredFact<Evt>[],
): Ctx => (decider.withHistory !== undefined && decider.needsHistory?.(cmd, state) === true ? decider.withHistory(ctx, history()) : ctx);

/**
 * load → fold → decide → seal → append with the version that was read, retrying on a
 * version conflict from where the previous attempt's fold stopped (only the events
 * written meanwhile are read again). The events read (decoded once) are handed to
 * `decide` when the command reads the stream's past (Decider.needsHistory).
 */
export class CommandHandler<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> {
  private readonly store: EventStore;
  private readonly decider: Decider<Cmd, Evt, State, Ctx, Err>;
  private readonly describe: (cmd: Cmd) => CommandEnvelope;
  private readonly preparation: EventPreparation<Evt>;
  private readonly maxRetries: number;

  constructor(opts: CommandHandlerOptions<Cmd, Evt, State, Ctx, Err>) {
    this.store = opts.store;
    this.decider = opts.decider;
    this.describe = opts.describe;
    this.preparation = resolvePreparation(opts);
    this.maxRetries = resolveMaxRetries(opts.maxRetries);
  }

  async handle(cmd: Cmd, ctx: Ctx): Promise<CommandResult<Err>> {
    const envelope = this.describe(cmd);
    const { streamId } = envelope;
    let fold: StreamFold<State> = initialFold(this.decider.initialState);
    const history: StoredFact<Evt>[] = [];
    const attempts = this.maxRetries + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const newer = await this.store.readStream(streamId, { fromVersion: fold.version + 1 });
      fold = foldRecorded(this.decider, this.preparation.codec, fold, newer, history);
      const decision = this.decider.decide(cmd, fold.state, contextFor(this.decider, cmd, fold.state, ctx, () => history));
      if (isLeft(decision)) return { status: 'rejected', streamId, error: decision.left };
      if (decision.right.length === 0) return { status: 'unchanged', streamId, version: fold.version };
      const sealed = sealEvents(fold.lastHash, prepareEvents(decision.right, envelope, this.preparation));
      try {
        const result = await this.store.appendToStream(streamId, sealed, fold.version);
        return {
          status: 'accepted',
          streamId,
          events: acceptedEvents(sealed, fold.version + 1),
          nextExpectedVersion: result.nextExpectedVersion,
          lastPosition: result.lastPosition,
        };
      } catch (error) {
        if (!isWrongExpectedVersionError(error)) throw error;
      }
    }
    return { status: 'conflict', streamId, attempts };
  }
}
