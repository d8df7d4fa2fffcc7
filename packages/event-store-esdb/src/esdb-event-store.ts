import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  type JSONType,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  maskStoreUrl,
  matchesExpectedVersion,
  WrongExpectedVersionError,
  type AppendLimit,
  type AppendResult,
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
import { appendLimitOf, assertWithinAppendLimit, DEFAULT_MAX_APPEND_SIZE } from './append-size';
import { toEsdbPosition, toPortPosition, toStreamState } from './esdb-mapping';
import type { EsdbEventStoreOptions } from './esdb-event-store-options';
import { EsdbSubscription } from './esdb-subscription';
import { StoreNamespace } from './store-namespace';
import { parseEsdbUrl } from './esdb-url';
import { readHeadPosition } from './head-position';
import { answerWithin, DEFAULT_DEADLINE_MS } from './no-answer';
import { readWithinDeadline } from './read-within-deadline';
import { serverSizeRefusal } from './server-size-refusal';
import { withTransientRetry } from './transient-retry';

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
 *   reads that meet an unavailable node or a follower are retried (see withTransientRetry),
 *   and a node that sends nothing for `deadline` ms ends them (decision 0155).
 * - `appendBatch` has no multi-stream transaction to rely on (see its comment).
 * - A repeated eventId: caught inside one append or batch (`DuplicateEventIdError`); an id
 *   already stored is NOT detected — the server has no index by event id.
 */
export class EsdbEventStore implements EventStore {
  private readonly namespace: StoreNamespace;
  private readonly pageSize: number;
  /** How long a call waits on a silent node (ms): see EsdbEventStoreOptions.deadline. */
  private readonly deadline: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closing: Promise<void> | undefined;
  /** No transaction across streams: see appendBatch. */
  readonly atomicBatches = false;
  /** The limit the adapter refuses appends over before sending them (`maxAppendSize`), measured by the same rule. */
  readonly appendLimit: AppendLimit;

  constructor(
    private readonly client: KurrentDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.namespace = new StoreNamespace(options.streamPrefix ?? '', options.ownStreamPrefixes);
    this.pageSize = Math.max(2, options.readPageSize ?? 1000);
    this.deadline = options.deadline ?? DEFAULT_DEADLINE_MS;
    if (!Number.isSafeInteger(this.deadline) || this.deadline <= 0) throw new RangeError('deadline must be a positive number of milliseconds');
    const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    if (!Number.isSafeInteger(maxAppendSize) || maxAppendSize <= 0) throw new RangeError('maxAppendSize must be a positive number of bytes');
    this.appendLimit = appendLimitOf(maxAppendSize);
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
    return new EsdbEventStore(client, {
      ...options,
      maxAppendSize: options.maxAppendSize ?? parsed.maxAppendSize,
      deadline: options.deadline ?? parsed.defaultDeadline,
    });
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    assertDistinctEventIds(events);
    assertUuids(events);
    assertWithinAppendLimit(streamId, events, this.appendLimit.bytes);
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
      assertWithinAppendLimit(streamId, events, this.appendLimit.bytes);
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
    const open = () =>
      this.client.readStream(this.namespace.serverName(streamId), {
        fromRevision: BigInt(fromVersion),
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
      });
    return this.readStreamEvents(streamId, open);
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
    const filter = this.namespace.serverFilter(types);
    const out: RecordedEvent[] = [];
    let from: Position | typeof START = toEsdbPosition(after);
    let cursor = BigInt(after);
    for (;;) {
      const pageFrom = from;
      const page = await readWithinDeadline(
        () => this.client.readAll({ fromPosition: pageFrom, maxCount: this.pageSize, direction: FORWARDS, filter }),
        this.deadline,
        'a read of $all',
      );
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || position.commit <= cursor) continue; // `from` is inclusive: the page starts at the last one seen
        cursor = position.commit;
        from = position;
        if (out.length >= limit) continue;
        const event = this.namespace.toRecorded(resolved);
        if (event && (wanted === undefined || wanted.has(event.type))) out.push(event);
      }
      if (out.length >= limit || page.length < this.pageSize) return out;
    }
  }

  /** The last event this store shows in `$all` (system events and streams it does not own passed over): {@link readHeadPosition}. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    return readHeadPosition(this.client, this.namespace, this.pageSize, this.deadline);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    if (!Number.isInteger(after) || after < 0) throw new RangeError(`after must be an integer >= 0, got ${after}`);
    const filter = this.namespace.serverFilter(options.types);
    const subscription = new EsdbSubscription(options, {
      subscribe: () => this.client.subscribeToAll({ fromPosition: toEsdbPosition(after), filter }),
      toRecorded: (resolved) => this.namespace.toRecorded(resolved),
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
      // The client puts no deadline on an append (nor on the server-features call before it):
      // only this timer ends one a hung node holds.
      const result = await withTransientRetry(
        () => answerWithin(this.client.appendToStream(this.namespace.serverName(streamId), proposed, { streamState: toStreamState(expected) }), this.deadline, `an append to ${streamId}`),
        this.deadline,
      );
      if (!result.position) throw new Error(`the server returned no position for an append to ${streamId}`);
      return { nextExpectedVersion: Number(result.nextExpectedRevision), lastPosition: toPortPosition(result.position.commit) };
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersionError) {
        const current = error.actualState;
        throw new WrongExpectedVersionError(streamId, expected, typeof current === 'bigint' ? Number(current) : -1);
      }
      throw serverSizeRefusal(error, streamId, events) ?? error;
    }
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    const open = () => this.client.readStream(this.namespace.serverName(streamId), { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    return (await this.readStreamEvents(streamId, open))[0];
  }

  /**
   * The events a read of `streamId` made with `open` sends that the store shows; none for a
   * stream that does not exist (the client throws StreamNotFoundError, which is not retried).
   */
  private async readStreamEvents(streamId: string, open: () => AsyncIterable<ResolvedEvent>): Promise<RecordedEvent[]> {
    try {
      return await readWithinDeadline(open, this.deadline, `a read of ${streamId}`, (resolved) => this.namespace.toRecorded(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the KurrentDB store is closed');
  }
}
