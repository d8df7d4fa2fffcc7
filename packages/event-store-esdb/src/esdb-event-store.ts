import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  DamagedEventError,
  DuplicateEventIdError,
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
import { parseEsdbUrl } from './esdb-url';

export interface EsdbEventStoreOptions {
  /**
   * A namespace on a shared server: every stream id is stored as `streamPrefix + id`,
   * and `readAll` / `subscribeToAll` only see streams with that prefix (given back
   * without it). Default: none (the whole `$all`, system events excepted).
   */
  streamPrefix?: string;
  /** Events per `$all` page read by `readAll` (default 1000, at least 2). */
  readPageSize?: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CAUGHT_UP = Symbol('caught-up');

/**
 * The port's positions are numbers; EventStoreDB's are unsigned 64-bit byte offsets in
 * its transaction log. Above 2^53 - 1 (about 9 PB of log) a number cannot hold one
 * exactly, so the adapter refuses rather than return a rounded, possibly repeated value.
 */
export const toPortPosition = (commit: bigint): number => {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB position ${commit} does not fit the port's numeric positions (limit 2^53 - 1)`);
  }
  return Number(commit);
};

const toEsdbPosition = (after: number): Position | typeof START =>
  after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START;

const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
};

const isSystem = (streamId: string, type: string): boolean => streamId.startsWith('$') || type.startsWith('$');

/** Escapes a literal for the server's (.NET) regex engine; the subset used here means the same in JS. */
const escapeRegex = (literal: string): string => literal.replace(/[\\^$.|?*+()[\]{}#\s-]/g, (c) => `\\${c}`);

const validateAppend = (streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): void => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= -1)) {
    throw new RangeError(`expected version must be an integer >= -1, got ${expected}`);
  }
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`event type must be a non-empty string (event ${String(event.eventId)})`);
    }
    // JSON has no undefined: it would be stored as nothing and read back differently.
    if (event.data === undefined) throw new TypeError(`event data must not be undefined (event ${String(event.eventId)})`);
  }
};

/** Reused ids inside what is about to be written are caught before anything is sent. */
const assertDistinctEventIds = (events: Iterable<EventToAppend>): void => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId.toLowerCase())) throw new DuplicateEventIdError(eventId);
    seen.add(eventId.toLowerCase());
  }
};

/** EventStoreDB event ids are uuids; the port's default ids (crypto.randomUUID) are. */
const assertUuids = (events: readonly EventToAppend[]): void => {
  for (const { eventId } of events) {
    if (typeof eventId !== 'string' || !UUID_PATTERN.test(eventId)) {
      throw new TypeError(`EventStoreDB event ids must be uuids, got "${String(eventId)}"`);
    }
  }
};

/**
 * The `EventStore` port on EventStoreDB (gRPC, `@eventstore/db-client` 6).
 *
 * - An event is stored as JSON: ESDB data = the port's `data`, ESDB metadata = the port's
 *   `metadata`, ESDB event id = `eventId` (a uuid; ESDB lower-cases it).
 * - Versions are ESDB stream revisions; the port's `position` is the ESDB commit position
 *   (a log byte offset: strictly increasing, not contiguous; see {@link toPortPosition}).
 * - `readAll` / `subscribeToAll` skip system events (`$`-prefixed types and streams).
 * - `appendBatch` has no multi-stream transaction to rely on (see its comment).
 * - A repeated eventId: caught inside one append or batch (`DuplicateEventIdError`); an id
 *   already stored is NOT detected — EventStoreDB has no index by event id; re-appending
 *   the same ids at the same place in the same stream is an idempotent success there, and
 *   the same id in another stream is simply stored twice.
 */
export class EsdbEventStore implements EventStore {
  private readonly prefix: string;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.prefix = options.streamPrefix ?? '';
    this.pageSize = Math.max(2, options.readPageSize ?? 1000);
  }

  /** A store on the server the connection string names (the connection is made lazily). */
  static connect(url: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    const { connectionString } = parseEsdbUrl(url);
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    assertDistinctEventIds(events);
    assertUuids(events);
    return this.append(streamId, events, expected);
  }

  /**
   * Applies the appends one after the other, each an atomic ESDB append with its own
   * expected-version check. EventStoreDB has no transaction across streams, so this is
   * not all-or-nothing: before writing anything the whole batch is checked against the
   * streams' current versions (and for reused ids), which turns the common failures —
   * a stale expected version, a repeated id — into "nothing written"; but a writer that
   * gets in between that check and the appends makes one append fail after the earlier
   * ones were stored. It stops at the first failure and throws it; what was appended
   * before stays appended.
   */
  async appendBatch(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    for (const { streamId, events, expectedVersion } of appends) validateAppend(streamId, events, expectedVersion);
    assertDistinctEventIds(appends.flatMap((a) => a.events));
    for (const { events } of appends) assertUuids(events);

    const checked = [...new Set(appends.filter((a) => a.expectedVersion !== 'any').map((a) => a.streamId))];
    const versions = new Map(
      await Promise.all(checked.map(async (streamId) => [streamId, await this.streamVersion(streamId)] as const)),
    );
    for (const { streamId, events, expectedVersion } of appends) {
      const actual = versions.get(streamId);
      if (actual === undefined) continue;
      if (!matchesExpectedVersion(expectedVersion, actual)) throw new WrongExpectedVersionError(streamId, expectedVersion, actual);
      versions.set(streamId, actual + events.length);
    }

    const results: AppendResult[] = [];
    for (const { streamId, events, expectedVersion } of appends) {
      results.push(await this.append(streamId, events, expectedVersion));
    }
    return results;
  }

  async readStream(streamId: string, { fromVersion = 0, maxCount }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (!Number.isInteger(fromVersion) || fromVersion < 0) throw new RangeError(`fromVersion must be an integer >= 0, got ${fromVersion}`);
    if (maxCount !== undefined && !(Number.isInteger(maxCount) && maxCount >= 0)) {
      throw new RangeError(`maxCount must be an integer >= 0, got ${maxCount}`);
    }
    if (maxCount === 0) return [];
    const read = this.client.readStream(this.prefix + streamId, {
      fromRevision: BigInt(fromVersion),
      direction: FORWARDS,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        const event = this.toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return (await this.lastEvent(streamId))?.streamVersion ?? -1;
  }

  /**
   * Pages forwards through `$all` from `after` (exclusive), skipping system events and,
   * with `types`, other types. The v6 client has no server-side filter for reads, so the
   * filtering is done here, page by page.
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
    const out: RecordedEvent[] = [];
    let from: Position | typeof START = toEsdbPosition(after);
    let cursor = BigInt(after);
    for (;;) {
      // A page is read to its end (never abandoned half-way, which would leave the call open).
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: this.pageSize, direction: FORWARDS })) {
        page.push(resolved);
      }
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

  /** Reads `$all` backwards from its end, past system events and other namespaces, to the last event this store shows. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: Position | typeof END = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: this.pageSize, direction: BACKWARDS })) page.push(resolved);
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
    const subscription = new EsdbSubscription(options, {
      subscribe: () => this.client.subscribeToAll({ fromPosition: toEsdbPosition(after), filter: this.serverFilter(options.types) }),
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

  /** The filter the server applies to a subscription; the adapter filters again on arrival. */
  private serverFilter(types: readonly string[] | undefined): Filter {
    // ESDB takes one filter, on stream names or on event types: a namespace wins.
    if (this.prefix.length > 0) return streamNameFilter({ prefixes: [this.prefix] });
    if (types !== undefined && types.length > 0) {
      return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
    }
    return excludeSystemEvents();
  }

  private async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) {
      // Nothing to write: check the expectation against the stream as it is now.
      const last = await this.lastEvent(streamId);
      const actual = last?.streamVersion ?? -1;
      if (!matchesExpectedVersion(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
      return { nextExpectedVersion: actual, lastPosition: last?.position ?? 0 };
    }
    try {
      const result = await this.client.appendToStream(
        this.prefix + streamId,
        events.map((event) =>
          jsonEvent({
            id: event.eventId,
            type: event.type,
            data: event.data as JSONType,
            metadata: event.metadata as unknown as JSONType,
          }),
        ),
        { expectedRevision: toExpectedRevision(expected) },
      );
      if (!result.position) throw new Error(`EventStoreDB returned no position for an append to ${streamId}`);
      return { nextExpectedVersion: Number(result.nextExpectedRevision), lastPosition: toPortPosition(result.position.commit) };
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const current = error.actualVersion;
        throw new WrongExpectedVersionError(streamId, expected, typeof current === 'bigint' ? Number(current) : -1);
      }
      throw error;
    }
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    let last: RecordedEvent | undefined;
    try {
      // Read to the end of the (one-event) read: leaving the loop early would leave the call open.
      for await (const resolved of this.client.readStream(this.prefix + streamId, {
        fromRevision: END,
        direction: BACKWARDS,
        maxCount: 1,
      })) {
        last ??= this.toRecorded(resolved);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return last;
  }

  /** `undefined` for what the port does not show: system events, other namespaces, link-only entries. */
  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event) return undefined;
    if (isSystem(event.streamId, event.type) || !event.streamId.startsWith(this.prefix)) return undefined;
    if (!event.position) throw new Error(`EventStoreDB sent event ${event.id} without a position`);
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
    if (this.closing) throw new Error('the EventStoreDB store is closed');
  }
}

interface SubscriptionWiring {
  subscribe(): AllStreamSubscription;
  toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  onClosed(): void;
}

/**
 * A catch-up subscription on `$all`. Events are taken one at a time from the client's
 * stream (async iteration, so the client's buffer applies backpressure) and `onEvent` is
 * awaited before the next. The server's caught-up message (EventStoreDB 23.10 and later)
 * is turned into a marker pushed into the same stream, so `onCaughtUp` runs exactly after
 * the events that preceded it on the wire.
 */
class EsdbSubscription implements Subscription {
  private stream: AllStreamSubscription | undefined;
  private closed = false;
  private caughtUp = false;
  private inFlight: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly options: SubscribeToAllOptions,
    private readonly wiring: SubscriptionWiring,
  ) {}

  start(): void {
    const stream = this.wiring.subscribe();
    this.stream = stream;
    stream.on('caughtUp', () => {
      if (!stream.destroyed) stream.push(CAUGHT_UP);
    });
    void this.run(stream);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      const stream = this.stream;
      if (stream) {
        await stream.unsubscribe();
        stream.destroy();
      }
      await this.inFlight?.catch(() => undefined);
      this.wiring.onClosed();
    })();
    return this.closing;
  }

  private async run(stream: AllStreamSubscription): Promise<void> {
    const after = this.options.after ?? 0;
    const wanted = this.options.types === undefined ? undefined : new Set(this.options.types);
    try {
      for await (const item of stream as AsyncIterable<AllStreamResolvedEvent | typeof CAUGHT_UP>) {
        if (this.closed) return;
        if (item === CAUGHT_UP) {
          if (!this.caughtUp) {
            this.caughtUp = true;
            this.options.onCaughtUp?.();
          }
          continue;
        }
        const event = this.wiring.toRecorded(item);
        if (!event || event.position <= after || (wanted !== undefined && !wanted.has(event.type))) continue;
        this.inFlight = Promise.resolve(this.options.onEvent(event));
        await this.inFlight;
      }
    } catch (error) {
      if (this.closed) return;
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    void this.close();
    if (this.options.onError) this.options.onError(error);
    else
      setImmediate(() => {
        throw error;
      });
  }
}

/** Opens a store on `esdb://host:port?tls=false` (or any connection string the client accepts) and checks that the server answers. */
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
