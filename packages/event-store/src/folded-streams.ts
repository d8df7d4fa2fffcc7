import type { Decider, StoredFact } from './decider';
import type { EventCodec } from './event-codec';
import type { EventStore } from './event-store';
import { LruCache } from './lru-cache';
import { foldRecorded, initialFold, storedFacts, type StreamFold } from './stream-fold';

/** At its maximum, a growing cache lets in one in this many of the folds offered to it that it does not hold (FoldedStreams.admits). */
const ADMIT_AT_MAX = 16;

/** Where a stream is read from: the store, or a write session of it (EventStore.writeSession). */
export type StreamReader = Pick<EventStore, 'readStream'>;

/**
 * The command handlers' bounded cache of folded streams (least recently used leaves
 * first): per stream the state, the version and the chain tip — what deciding and
 * appending need, never the log. Every entry is a prefix of what the store holds (filled
 * from reads, and from appends once they are stored), so it can be behind the store,
 * never ahead of it. What a decision needs from the past (Decider.needsHistory, e.g. to
 * confirm a retried commandId) is read from the store when asked, never cached.
 *
 * With `maxCapacity` above `capacity`, the cache grows by one stream each time it is
 * asked for a stream it evicted earlier (up to `maxCapacity`): a log that comes back to
 * households after many others (business-date order) grows it until they all fit, one in
 * household order never comes back and keeps it at `capacity`
 * (docs/decisions/0107-the-import-cache-grows-when-households-come-back.md). The streams
 * evicted are remembered by id only, at most `maxCapacity` of them. At its maximum it lets
 * few new streams in (`admits`), so a log cycling through more streams than it holds still
 * finds most of it.
 */
export class FoldedStreams<Evt extends { type: string; data: unknown }, State> {
  private readonly cache: LruCache<string, StreamFold<State>>;
  /** Ids of streams evicted and not asked for since, oldest first: a miss on one of them is what growing would have saved. */
  private readonly evicted = new Set<string>();
  private readonly maxCapacity: number;
  private readonly initialCapacity: number;
  /** Streams refused since the last one admitted at the maximum. */
  private refused = 0;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Pick<Decider<unknown, Evt, State, unknown, unknown>, 'initialState' | 'evolve'>,
    private readonly codec: EventCodec<Evt>,
    capacity: number,
    maxCapacity: number = capacity,
  ) {
    if (!Number.isInteger(maxCapacity) || maxCapacity < capacity) throw new RangeError(`maxCapacity must be an integer of at least capacity (${capacity}), got ${maxCapacity}`);
    this.maxCapacity = maxCapacity;
    this.initialCapacity = capacity;
    this.cache = maxCapacity > capacity ? new LruCache(capacity, (streamId) => this.noteEvicted(streamId)) : new LruCache(capacity);
  }

  get size(): number {
    return this.cache.size;
  }

  /** How many streams the cache keeps at most now: `capacity`, grown towards `maxCapacity`. */
  get capacity(): number {
    return this.cache.capacity;
  }

  /**
   * The cached fold as it is, if any: may be behind the store (a later append, or a version
   * check, then conflicts). A miss on a stream evicted earlier grows the cache by one, up to its maximum.
   */
  cached(streamId: string): StreamFold<State> | undefined {
    const fold = this.cache.get(streamId);
    if (fold === undefined && this.evicted.delete(streamId) && this.cache.capacity < this.maxCapacity) this.cache.grow();
    return fold;
  }

  private noteEvicted(streamId: string): void {
    this.evicted.add(streamId);
    if (this.evicted.size > this.maxCapacity) this.evicted.delete(this.evicted.values().next().value as string);
  }

  /**
   * `from` (default: the cached fold, else the empty stream) continued with the events
   * stored after it — when nothing changed, one indexed read that finds nothing — and
   * remembered. What another handler or process appended is seen here. `reader` (default
   * the store) is a write session's reader when the read happens inside one: the caller
   * then reads a stream before the session appends to it, so what is remembered is stored.
   */
  async catchUp(streamId: string, from?: StreamFold<State>, reader: StreamReader = this.store): Promise<StreamFold<State>> {
    const cached = this.cached(streamId);
    const start = from ?? cached ?? initialFold(this.decider.initialState);
    const newer = await reader.readStream(streamId, { fromVersion: start.version + 1 });
    if (newer.length === 0 && start === cached) return start;
    const fold = newer.length === 0 ? start : foldRecorded(this.decider, this.codec, start, newer);
    this.remember(streamId, fold);
    return fold;
  }

  /**
   * Keeps `fold`, which must be in the store, unless a later one of the same stream is
   * cached already, or the cache is at its maximum and does not let it in (`admits`). A stream with no event is not kept: reading it again costs the same
   * one lookup, and commands on households that do not exist must not evict those that do.
   */
  remember(streamId: string, fold: StreamFold<State>): void {
    if (fold.version < 0) return;
    // Peeked, then used once: `set` makes it the most recent, as a `get` before it did (every accepted command comes here).
    const cached = this.cache.peek(streamId);
    if (cached !== undefined) {
      if (cached.version < fold.version) this.cache.set(streamId, fold);
      else this.cache.get(streamId);
    } else if (this.admits()) this.cache.set(streamId, fold);
  }

  /**
   * Whether a stream not cached may come in. Always, but in a cache that has grown to its
   * maximum and is full: then one offer in ADMIT_AT_MAX (a stream read, then appended to,
   * is offered twice: about one miss in eight). A log that cycles through more streams
   * than the cache holds (date order, more households than the maximum) would otherwise
   * evict every stream before it comes back, and hit nothing; admitting few keeps most of
   * the cache long enough to be hit (docs/decisions/0107).
   */
  private admits(): boolean {
    if (this.maxCapacity === this.initialCapacity || this.cache.size < this.maxCapacity) return true;
    this.refused = (this.refused + 1) % ADMIT_AT_MAX;
    return this.refused === 0;
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  /**
   * The stream's stored events up to `version`, decoded: the past a decision reads
   * (Decider.withHistory). Events written after `version` are not included; a writer that
   * appended them loses nothing, as the decision's append then conflicts.
   */
  async history(streamId: string, version: number, reader: StreamReader = this.store): Promise<StoredFact<Evt>[]> {
    if (version < 0) return [];
    return storedFacts(this.codec, await reader.readStream(streamId, { maxCount: version + 1 }));
  }
}
