import {
  BACKWARDS,
  END,
  EVENT_TYPE,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  START,
  STREAM_NAME,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Filter,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  DamagedEventError,
  maskStoreUrl,
  matchesExpectedVersion,
  metadataProblem,
  WrongExpectedVersionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeToAllOptions,
  type Subscription,
} from '@hearth/event-store';
import { assertDistinctEventIds, assertUuids, validateAppend } from './append-checks';
import { AppendSizeLimitError, assertWithinAppendLimit, DEFAULT_MAX_APPEND_SIZE, eventSizeOnDisk } from './append-size';
import { escapeRegex, isSystem, toEsdbPosition, toPortPosition, toStreamState } from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';
import { parseEsdbUrl, type StoreCredentials } from './esdb-url';
import { withTransientRetry } from './transient-retry';

export interface EsdbEventStoreOptions {
  /**
   * A namespace on a shared server: every stream id is stored as `streamPrefix + id`,
   * and `readAll` / `subscribeToAll` only see streams with that prefix (given back
   * without it). Default: none.
   */
  streamPrefix?: string;
  /**
   * Prefixes (inside the namespace) of the streams this store owns, e.g. Hearth's
   * `['household-', 'divisions', 'import-']`. `readAll`, `headPosition` and
   * `subscribeToAll` read `$all` with a server-side filter on them, and pass over events
   * of any other stream whatever their content (another application's, not JSON): those
   * are not this store's. Default: every non-system stream of the namespace is owned, and
   * an owned event that is not JSON is a DamagedEventError.
   */
  ownStreamPrefixes?: readonly string[];
  /** Events per `$all` page read by `readAll` (default 1000, at least 2). */
  readPageSize?: number;
  /**
   * The server's `MaxAppendSize` in bytes (default: the URL's `maxAppendSize`, else 1 MiB):
   * an append over it is refused with an AppendSizeLimitError before anything is sent.
   */
  maxAppendSize?: number;
  /** User and password (e.g. from HEARTH_STORE_USERNAME / HEARTH_STORE_PASSWORD[_FILE]); never printed. */
  credentials?: StoreCredentials;
}

/**
 * The `EventStore` port on KurrentDB / EventStoreDB (gRPC, `@kurrent/kurrentdb-client` 1).
 *
 * - An event is stored as JSON: data = the port's `data`, custom metadata = the port's
 *   `metadata`, event id = `eventId` (a uuid; the server lower-cases it).
 * - Versions are stream revisions; the port's `position` is the commit position (a log
 *   byte offset: strictly increasing, not contiguous; see {@link toPortPosition}).
 * - `readAll` / `subscribeToAll` read `$all` with a server-side filter and skip system
 *   events and events of streams the store does not own (see `ownStreamPrefixes`).
 * - Appends over the server's size limit are refused before they are sent; appends and
 *   reads that meet an unavailable node or a follower are retried (see withTransientRetry).
 * - `appendBatch` has no multi-stream transaction to rely on (see its comment).
 * - A repeated eventId: caught inside one append or batch (`DuplicateEventIdError`); an id
 *   already stored is NOT detected — the server has no index by event id.
 */
export class EsdbEventStore implements EventStore {
  private readonly prefix: string;
  private readonly ownPrefixes: readonly string[] | undefined;
  private readonly pageSize: number;
  private readonly maxAppendSize: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closing: Promise<void> | undefined;
  /** No transaction across streams: see appendBatch. */
  readonly atomicBatches = false;

  constructor(
    private readonly client: KurrentDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.prefix = options.streamPrefix ?? '';
    this.ownPrefixes = options.ownStreamPrefixes === undefined ? undefined : [...options.ownStreamPrefixes];
    this.pageSize = Math.max(2, options.readPageSize ?? 1000);
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    if (!Number.isSafeInteger(this.maxAppendSize) || this.maxAppendSize <= 0) throw new RangeError('maxAppendSize must be a positive number of bytes');
  }

  /** A store on the server the connection string names (the connection is made lazily). */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    const parsed = parseEsdbUrl(url, options.credentials);
    let client: KurrentDBClient;
    try {
      client = KurrentDBClient.connectionString(parsed.connectionString);
    } catch (error) {
      // The client's parse errors quote the whole connection string, credentials included.
      throw new Error(`cannot use the KurrentDB url "${maskStoreUrl(url)}": ${maskStoreUrl((error as Error).message.split(parsed.connectionString).join(maskStoreUrl(url)))}`);
    }
    return new EsdbEventStore(client, { ...options, maxAppendSize: options.maxAppendSize ?? parsed.maxAppendSize });
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    assertDistinctEventIds(events);
    assertUuids(events);
    assertWithinAppendLimit(streamId, events, this.maxAppendSize);
    return this.append(streamId, events, expected);
  }

  /**
   * Applies the appends one after the other, each an atomic append with its own
   * expected-version check. The server has no transaction across streams, so this is
   * not all-or-nothing: before writing anything the whole batch is checked against the
   * streams' current versions (and for reused ids and sizes), which turns the common
   * failures into "nothing written"; but a writer that gets in between that check and
   * the appends makes one append fail after the earlier ones were stored. It stops at the
   * first failure and throws it; what was appended before stays appended.
   */
  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    for (const { streamId, events, expectedVersion } of appends) validateAppend(streamId, events, expectedVersion);
    assertDistinctEventIds(appends.flatMap((a) => a.events));
    for (const { streamId, events } of appends) {
      assertUuids(events);
      assertWithinAppendLimit(streamId, events, this.maxAppendSize);
    }

    const checked = [...new Set(appends.filter((a) => a.expectedVersion !== 'any').map((a) => a.streamId))];
    const versions = new Map(await Promise.all(checked.map(async (streamId) => [streamId, await this.streamVersion(streamId)] as const)));
    for (const { streamId, events, expectedVersion } of appends) {
      const actual = versions.get(streamId);
      if (actual === undefined) continue;
      if (!matchesExpectedVersion(expectedVersion, actual)) throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
      versions.set(streamId, actual + events.length);
    }

    const results: AppendResult[] = [];
    for (const { streamId, events, expectedVersion } of appends) results.push(await this.append(streamId, events, expectedVersion));
    return results;
  }

  async readStream(streamId: string, { fromVersion = 0, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!Number.isInteger(fromVersion) || fromVersion < 0) throw new RangeError(`fromVersion must be an integer >= 0, got ${fromVersion}`);
    if (maxCount !== undefined && !(Number.isInteger(maxCount) && maxCount >= 0)) {
      throw new RangeError(`maxCount must be an integer >= 0, got ${maxCount}`);
    }
    if (maxCount === 0) return [];
    return withTransientRetry(async () => {
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(this.prefix + streamId, {
          fromRevision: BigInt(fromVersion),
          direction: FORWARDS,
          ...(maxCount === undefined ? {} : { maxCount }),
        })) {
          const event = this.toRecorded(resolved);
          if (event) events.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    });
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return (await this.lastEvent(streamId))?.streamVersion ?? -1;
  }

  /**
   * Pages forwards through `$all` from `after` (exclusive) with a server-side filter (the
   * event types asked for, else the owned streams), filtering again here: system events,
   * streams not owned, other types.
   */
  async readAll({ after = 0, maxCount, types }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!Number.isInteger(after) || after < 0) throw new RangeError(`after must be an integer >= 0, got ${after}`);
    if (maxCount !== undefined && !(Number.isInteger(maxCount) && maxCount >= 0)) {
      throw new RangeError(`maxCount must be an integer >= 0, got ${maxCount}`);
    }
    const limit = maxCount ?? Number.POSITIVE_INFINITY;
    if (limit === 0 || types?.length === 0) return [];
    const wanted = types === undefined ? undefined : new Set(types);
    const filter = this.serverFilter(types);
    const out: RecordedEvent[] = [];
    let from: Position | typeof START = toEsdbPosition(after);
    let cursor = BigInt(after);
    for (;;) {
      const pageFrom = from;
      // A page is read to its end (never abandoned half-way, which would leave the call open).
      const page = await withTransientRetry(async () => {
        const read: AllStreamResolvedEvent[] = [];
        for await (const resolved of this.client.readAll({ fromPosition: pageFrom, maxCount: this.pageSize, direction: FORWARDS, filter })) read.push(resolved);
        return read;
      });
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || position.commit <= cursor) continue; // `from` is inclusive: the page starts at the last one seen
        cursor = position.commit;
        from = position;
        if (out.length >= limit) continue;
        const event = this.toRecorded(resolved);
        if (event && (wanted === undefined || wanted.has(event.type))) out.push(event);
      }
      if (out.length >= limit || page.length < this.pageSize) return out;
    }
  }

  /** Reads `$all` backwards from its end, past system events and streams it does not own, to the last event this store shows. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    const filter = this.serverFilter(undefined);
    let from: Position | typeof END = END;
    for (;;) {
      const pageFrom = from;
      const page = await withTransientRetry(async () => {
        const read: AllStreamResolvedEvent[] = [];
        for await (const resolved of this.client.readAll({ fromPosition: pageFrom, maxCount: this.pageSize, direction: BACKWARDS, filter })) read.push(resolved);
        return read;
      });
      for (const resolved of page) {
        const event = this.toRecorded(resolved);
        if (event) return event.position;
      }
      // Backwards, `fromPosition` is exclusive: the next page holds the events before this one's oldest.
      const oldest = page.at(-1)?.event?.position;
      if (page.length < this.pageSize || !oldest) return 0;
      from = oldest;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    if (!Number.isInteger(after) || after < 0) throw new RangeError(`after must be an integer >= 0, got ${after}`);
    const filter = this.serverFilter(options.types);
    const subscription = new EsdbSubscription(options, {
      subscribe: () => this.client.subscribeToAll({ fromPosition: toEsdbPosition(after), filter }),
      toRecorded: (resolved) => this.toRecorded(resolved),
      onClosed: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  /**
   * The filter the server applies to `$all` (one per read: on event types or on stream
   * names). Types asked for, without a namespace, are the narrower cut; otherwise the
   * owned streams; otherwise "no system events". Whatever passes is filtered again here.
   */
  private serverFilter(types: readonly string[] | undefined): Filter {
    if (types !== undefined && types.length > 0 && this.prefix.length === 0) {
      return { filterOn: EVENT_TYPE, regex: `^(?:${types.map(escapeRegex).join('|')})$`, checkpointInterval: 1 };
    }
    if (this.ownPrefixes !== undefined) {
      return { filterOn: STREAM_NAME, prefixes: this.ownPrefixes.map((p) => this.prefix + p), checkpointInterval: 1 };
    }
    if (this.prefix.length > 0) return { filterOn: STREAM_NAME, prefixes: [this.prefix], checkpointInterval: 1 };
    return { filterOn: EVENT_TYPE, regex: '^[^$]', checkpointInterval: 1 };
  }

  private async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) {
      // Nothing to write: check the expectation against the stream as it is now.
      const last = await this.lastEvent(streamId);
      const actual = last?.streamVersion ?? -1;
      if (!matchesExpectedVersion(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
      return { nextExpectedVersion: actual, lastPosition: last?.position ?? 0 };
    }
    const proposed = events.map((event) =>
      jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }),
    );
    try {
      // Resent with the same ids after a lost answer: the server takes the repeat as the same append.
      const result = await withTransientRetry(() => this.client.appendToStream(this.prefix + streamId, proposed, { streamState: toStreamState(expected) }));
      if (!result.position) throw new Error(`the server returned no position for an append to ${streamId}`);
      return { nextExpectedVersion: Number(result.nextExpectedRevision), lastPosition: toPortPosition(result.position.commit) };
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        const current = error.actualState;
        throw new WrongExpectedVersionError(streamId, expected, typeof current === 'bigint' ? Number(current) : -1);
      }
      if (error instanceof MaxAppendSizeExceededError) {
        const size = events.reduce((sum, event) => sum + eventSizeOnDisk(event), 0);
        const only = events.length === 1 ? events[0] : undefined;
        throw new AppendSizeLimitError(streamId, size, error.maxAppendSize, only?.eventId, only?.type, true);
      }
      throw error;
    }
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    return withTransientRetry(async () => {
      let last: RecordedEvent | undefined;
      try {
        // Read to the end of the (one-event) read: leaving the loop early would leave the call open.
        for await (const resolved of this.client.readStream(this.prefix + streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
          last ??= this.toRecorded(resolved);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
      return last;
    });
  }

  /** Whether a stream (full server name) is this store's. */
  private owns(streamName: string): boolean {
    if (!streamName.startsWith(this.prefix)) return false;
    const id = streamName.slice(this.prefix.length);
    return this.ownPrefixes === undefined || this.ownPrefixes.some((p) => id.startsWith(p));
  }

  /** `undefined` for what the port does not show: system events, streams it does not own, link-only entries. */
  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event) return undefined;
    if (isSystem(event.streamId, event.type) || !this.owns(event.streamId)) return undefined;
    if (!event.position) throw new Error(`the server sent event ${event.id} without a position`);
    const position = toPortPosition(event.position.commit);
    const streamId = event.streamId.slice(this.prefix.length);
    // Named like a damaged SQLite row (docs/decisions/0013): never a bare error without its position.
    if (!event.isJson) throw new DamagedEventError(position, streamId, `its data is not JSON (${event.type})`);
    const problem = metadataProblem(event.metadata);
    if (problem !== undefined) throw new DamagedEventError(position, streamId, problem);
    return {
      eventId: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata as unknown as EventMetadata,
      streamId,
      streamVersion: Number(event.revision),
      position,
    };
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the KurrentDB store is closed');
  }
}

/** Opens a store on `kurrentdb://host:port?tls=false` (or any connection string the client accepts) and checks that the server answers. */
export const openEsdbEventStore = async (url: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> => {
  const store = EsdbEventStore.connect(url, options);
  try {
    await store.streamVersion('hearth-connection-check');
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
};
