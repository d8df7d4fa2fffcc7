import type { Decider, CommandEnvelope } from './decider';
import { passThroughCodec, type EventCodec } from './event-codec';
import type { EventPreparation } from './event-preparation';
import type { EventStore } from './event-store';
import { FoldedStreams } from './folded-streams';
import { isoNow } from './iso-clock';
import { uuidV7 } from './uuid-v7';

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
  /**
   * Streams whose folded state (state, version, chain tip) is kept between commands, least
   * recently used leaving first. Default 1 000 for CommandHandler, 10 000 for BatchCommandHandler.
   */
  cacheSize?: number;
  /**
   * Let the cache grow past `cacheSize`, one stream each time a stream it evicted is asked
   * for again, up to this many (folded-streams.ts). Default `cacheSize`: it never grows.
   */
  maxCacheSize?: number;
}

/** The defaults of the options, resolved once. */
const resolvePreparation = <Evt extends { type: string; data: unknown }>(
  opts: Pick<CommandHandlerOptions<unknown, Evt, unknown, unknown, unknown>, 'newEventId' | 'now' | 'schemaVersion' | 'codec'>,
): EventPreparation<Evt> => ({
  codec: opts.codec ?? passThroughCodec<Evt>(),
  newEventId: opts.newEventId ?? uuidV7,
  now: opts.now ?? isoNow,
  schemaVersion: opts.schemaVersion,
});

const resolveMaxRetries = (maxRetries: number | undefined): number => {
  const value = maxRetries ?? 5;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`maxRetries must be a non-negative integer, got ${value}`);
  return value;
};

/**
 * What CommandHandler and BatchCommandHandler are both made of: the store, the Decider, the
 * options resolved once, and the cache of folded streams (its size the one default in which
 * they differ).
 */
export abstract class FoldingCommandHandler<Cmd, Evt extends { type: string; data: unknown }, State, Ctx, Err> {
  protected readonly store: EventStore;
  protected readonly decider: Decider<Cmd, Evt, State, Ctx, Err>;
  protected readonly describe: (cmd: Cmd) => CommandEnvelope;
  protected readonly preparation: EventPreparation<Evt>;
  protected readonly maxRetries: number;
  protected readonly streams: FoldedStreams<Evt, State>;

  protected constructor(opts: CommandHandlerOptions<Cmd, Evt, State, Ctx, Err>, defaultCacheSize: number) {
    this.store = opts.store;
    this.decider = opts.decider;
    this.describe = opts.describe;
    this.preparation = resolvePreparation(opts);
    this.maxRetries = resolveMaxRetries(opts.maxRetries);
    this.streams = new FoldedStreams(opts.store, opts.decider, this.preparation.codec, opts.cacheSize ?? defaultCacheSize, opts.maxCacheSize ?? opts.cacheSize ?? defaultCacheSize);
  }

  /** Number of streams currently cached (for tests and metrics). */
  get cachedStreams(): number {
    return this.streams.size;
  }

  /** How many streams the cache keeps at most now (grown from cacheSize towards maxCacheSize). */
  get cacheCapacity(): number {
    return this.streams.capacity;
  }
}
