import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';

/**
 * A wire-level EventStoreDB stand-in for CI: an in-process gRPC server (insecure, on
 * 127.0.0.1, ephemeral port) serving the `event_store.client.streams.Streams` service
 * with the service definition generated inside `@eventstore/db-client` itself, so the
 * real client speaks its real protocol to it.
 *
 * Served: `Read` (stream and `$all` reads, forwards and backwards, count, stream-name /
 * event-type filters as prefixes or regexes, catch-up subscriptions to a stream or to
 * `$all` that send a confirmation, the stored events, a caught-up message, then live
 * appends) and `Append` (options, then proposed messages; expected-revision checks;
 * EventStoreDB's idempotent re-append of the same event ids; success with current
 * revision and position, or wrong-expected-version). Everything else, `ServerFeatures`
 * included, answers `UNIMPLEMENTED` (the client then falls back to the plain `Append`).
 *
 * Deliberately unlike a real server (see the package README): memory only, one node,
 * no TLS or auth. By default `$all` positions are 1, 2, 3, … (commit = prepare = the
 * event's rank) and there are no system events; with `{ positions: 'log' }` positions are
 * byte-offset-like (large, with gaps, see {@link EsdbStandInOptions}) and `$`-system events
 * are interleaved in `$all`, as on a real server.
 */
export interface EsdbStandInOptions {
  /**
   * `sequential` (default): commit = prepare = 1, 2, 3, … in `$all`.
   * `log`: like offsets in a transaction log: the log starts at 2^33, and each event
   * (system events included) advances it by a pseudo-random record size (its payload
   * plus 100 to 355 bytes), so positions are large, strictly increasing and never
   * contiguous; commit = prepare, as for events appended outside explicit transactions.
   */
  positions?: 'sequential' | 'log';
  /**
   * Write `$`-system events into `$all` as a server does (default: with `positions: 'log'`):
   * an `$epoch` in `$epoch-information` before anything else, then, pseudo-randomly
   * before and after client appends, `$statsCollected` events in `$stats-127.0.0.1:2113`
   * (JSON) and `$>` link events in `$ce-<category>` (not JSON), which readers filtering
   * system events must skip. They are stored in their streams and sent to subscriptions
   * whose filter they pass.
   */
  systemEvents?: boolean;
  /** Seed of the pseudo-random record sizes and system events (default 1): runs are reproducible. */
  seed?: number;
}

export interface EsdbStandIn {
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly url: string;
  readonly port: number;
  /** Number of events stored by clients (the stand-in's own system events not counted). */
  readonly size: number;
  /** Ends live subscriptions and stops the server. Idempotent. */
  close(): Promise<void>;
}

interface StoredEvent {
  streamName: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  contentType: string;
  created: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

interface Matcher {
  (event: StoredEvent): boolean;
}

interface LiveSubscription {
  call: grpc.ServerWritableStream<ReadReq, ReadResp>;
  /** `undefined`: `$all`. */
  streamName: string | undefined;
  matches: Matcher;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
const createdNow = (): string => (BigInt(Date.now()) * 10_000n).toString();

const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifier = (streamName: string): StreamIdentifier => {
  const id = new StreamIdentifier();
  id.setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
  return id;
};

const uuidOf = (uuid: UUID | undefined): string | undefined => (uuid?.hasString() ? uuid.getString() : undefined);

/** uint64 fields travel as decimal strings (jstype = JS_STRING); the client sends 2^64-1 for "no limit". */
const toCount = (value: string): number => {
  const n = BigInt(value);
  return n >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(n);
};

const grpcError = (code: grpc.status, details: string): grpc.ServiceError =>
  Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const json = (value: unknown): Uint8Array => Uint8Array.from(Buffer.from(JSON.stringify(value), 'utf8'));

/** Where the first position of a `log`-mode stand-in is: past 2^32, so positions need more than 32 bits. */
const LOG_START = 2 ** 33;

class StandInState {
  readonly log: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly live = new Set<LiveSubscription>();
  /** Events appended by clients. */
  appended = 0;
  private readonly random: () => number;
  private readonly logPositions: boolean;
  private readonly systemEvents: boolean;
  private nextPosition: number;

  constructor(options: EsdbStandInOptions) {
    this.logPositions = options.positions === 'log';
    this.systemEvents = options.systemEvents ?? this.logPositions;
    this.random = seededRandom(options.seed ?? 1);
    this.nextPosition = this.logPositions ? LOG_START : 1;
    if (this.systemEvents) {
      this.writeSystem('$epoch-information', '$epoch', 'application/json', json({ epochNumber: 0, epochId: randomUUID() }));
    }
  }

  /** The position the next stored event gets. */
  private allocatePosition(event: { data: Uint8Array; customMetadata: Uint8Array; type: string }): number {
    const position = this.nextPosition;
    this.nextPosition += this.logPositions
      ? 100 + Math.floor(this.random() * 256) + event.data.length + event.customMetadata.length + event.type.length
      : 1;
    return position;
  }

  /** Index in the log of the first event at or after `position`. */
  private indexAtOrAfter(position: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.log[mid]?.position ?? Number.POSITIVE_INFINITY) < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Stores events (already numbered) in their stream and the log, and hands them to live subscriptions. */
  private store(streamName: string, events: readonly StoredEvent[]): void {
    const stream = this.streams.get(streamName) ?? [];
    stream.push(...events);
    this.streams.set(streamName, stream);
    this.log.push(...events);
    for (const subscription of this.live) {
      if (subscription.streamName !== undefined && subscription.streamName !== streamName) continue;
      for (const event of events) if (subscription.matches(event)) subscription.call.write(eventResponse(event));
    }
  }

  private writeSystem(streamName: string, type: string, contentType: string, data: Uint8Array): void {
    const customMetadata = new Uint8Array();
    const event: StoredEvent = {
      streamName,
      revision: this.streams.get(streamName)?.length ?? 0,
      position: this.allocatePosition({ data, customMetadata, type }),
      id: randomUUID(),
      type,
      contentType,
      created: createdNow(),
      data,
      customMetadata,
    };
    this.store(streamName, [event]);
  }

  /** Sometimes (pseudo-randomly) the server's own traffic: statistics, and projections' link events. */
  private maybeSystemTraffic(after: readonly StoredEvent[]): void {
    if (!this.systemEvents) return;
    if (this.random() < 0.3) {
      this.writeSystem('$stats-127.0.0.1:2113', '$statsCollected', 'application/json', json({ 'proc-mem': this.log.length }));
    }
    const linked = after[0];
    if (linked && !linked.streamName.startsWith('$') && this.random() < 0.3) {
      const category = linked.streamName.split('-')[0] ?? linked.streamName;
      const data = Uint8Array.from(Buffer.from(`${linked.revision}@${linked.streamName}`, 'utf8'));
      this.writeSystem(`$ce-${category}`, '$>', 'application/octet-stream', data);
    }
  }

  read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      call.destroy(grpcError(grpc.status.INVALID_ARGUMENT, 'read without options'));
      return;
    }
    if (options.hasUuidOption() && options.getUuidOption()?.hasStructured()) {
      call.destroy(grpcError(grpc.status.UNIMPLEMENTED, 'the stand-in sends uuids as strings only'));
      return;
    }
    let matches: Matcher;
    try {
      matches = filterOf(options);
    } catch (error) {
      call.destroy(grpcError(grpc.status.INVALID_ARGUMENT, (error as Error).message));
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;

    if (options.hasSubscription()) return this.subscribe(call, options, matches);

    const count = options.hasCount() ? toCount(options.getCount()) : Number.POSITIVE_INFINITY;
    let selected: StoredEvent[];
    if (options.hasStream()) {
      const streamOptions = options.getStream();
      const streamName = streamNameOf(streamOptions?.getStreamIdentifier());
      const stream = this.streams.get(streamName);
      if (!stream) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(identifier(streamName));
        call.write(new ReadResp().setStreamNotFound(notFound));
        call.end();
        return;
      }
      if (backwards) {
        const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : stream.length - 1;
        selected = stream.slice(0, Math.min(from, stream.length - 1) + 1).reverse();
      } else {
        const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions?.hasEnd() ? stream.length : 0;
        selected = stream.slice(from);
      }
    } else {
      const all = options.getAll();
      const position = all?.hasPosition() ? Number(all.getPosition()?.getCommitPosition()) : undefined;
      if (backwards) {
        // Backwards from a position: the events before it (the position is exclusive).
        const end = position === undefined || all?.hasEnd() ? this.log.length : this.indexAtOrAfter(position);
        selected = this.log.slice(0, end).reverse();
      } else {
        // Forwards from a position: the event at it included.
        const start = position === undefined ? (all?.hasEnd() ? this.log.length : 0) : this.indexAtOrAfter(position);
        selected = this.log.slice(start);
      }
    }
    let sent = 0;
    for (const event of selected) {
      if (sent >= count) break;
      if (!matches(event)) continue;
      call.write(eventResponse(event));
      sent += 1;
    }
    call.end();
  }

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options, matches: Matcher): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    call.write(new ReadResp().setConfirmation(confirmation));

    // Catch-up: a subscription starts *after* the given revision / position.
    let streamName: string | undefined;
    let backlog: StoredEvent[];
    if (options.hasStream()) {
      const streamOptions = options.getStream();
      streamName = streamNameOf(streamOptions?.getStreamIdentifier());
      const stream = this.streams.get(streamName) ?? [];
      const from = streamOptions?.hasRevision() ? Number(streamOptions.getRevision()) + 1 : streamOptions?.hasEnd() ? stream.length : 0;
      backlog = stream.slice(from);
    } else {
      const all = options.getAll();
      // After a position: the event at it excluded.
      const from = all?.hasPosition()
        ? this.indexAtOrAfter(Number(all.getPosition()?.getCommitPosition()) + 1)
        : all?.hasEnd()
          ? this.log.length
          : 0;
      backlog = this.log.slice(from);
    }
    for (const event of backlog) if (matches(event)) call.write(eventResponse(event));
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));

    // Synchronously after the backlog: nothing can be appended in between (one thread).
    const subscription: LiveSubscription = { call, streamName, matches };
    this.live.add(subscription);
    const drop = (): void => {
      this.live.delete(subscription);
    };
    call.on('cancelled', drop);
    call.on('close', drop);
    call.on('error', drop);
  }

  append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: AppendReq.ProposedMessage[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else if (req.hasProposedMessage()) {
        const message = req.getProposedMessage();
        if (message) proposed.push(message);
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback(grpcError(grpc.status.INVALID_ARGUMENT, 'append without options'));
      try {
        callback(null, this.commit(options, proposed));
      } catch (error) {
        callback(error as grpc.ServiceError);
      }
    });
  }

  private commit(options: AppendReq.Options, proposed: readonly AppendReq.ProposedMessage[]): AppendResp {
    const streamName = streamNameOf(options.getStreamIdentifier());
    if (streamName.length === 0) throw grpcError(grpc.status.INVALID_ARGUMENT, 'empty stream name');
    const ids = proposed.map((message) => {
      const id = uuidOf(message.getId());
      if (id === undefined || !UUID_PATTERN.test(id)) throw grpcError(grpc.status.INVALID_ARGUMENT, `invalid event id ${String(id)}`);
      return id.toLowerCase();
    });
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const Case = AppendReq.Options.ExpectedStreamRevisionCase;
    const expectation = options.getExpectedStreamRevisionCase();
    const expectedRevision = expectation === Case.REVISION ? Number(options.getRevision()) : undefined;

    // EventStoreDB's idempotency: the same ids appended again where they already are is a success.
    const idempotentFrom = (start: number): AppendResp | undefined => {
      if (ids.length === 0 || start < 0 || start + ids.length > stream.length) return undefined;
      if (!ids.every((id, i) => stream[start + i]?.id === id)) return undefined;
      const last = stream[start + ids.length - 1];
      return last ? success(last.revision, last.position) : undefined;
    };

    let ok: boolean;
    switch (expectation) {
      case Case.ANY:
      case Case.STREAM_EXISTS: {
        // As the server's commit check: only the first id is looked up, in this stream only
        // (the same id in another stream is not a duplicate to EventStoreDB); a partial
        // match is "corrupted idempotency", reported as a wrong expected version.
        const first = stream.findIndex((event) => event.id === ids[0]);
        if (first >= 0) return idempotentFrom(first) ?? wrongExpectedVersion(options, current);
        ok = expectation === Case.ANY || current >= 0;
        break;
      }
      case Case.NO_STREAM:
        ok = current === -1;
        if (!ok) {
          const again = idempotentFrom(0);
          if (again) return again;
        }
        break;
      case Case.REVISION: {
        ok = current === expectedRevision;
        if (!ok && expectedRevision !== undefined) {
          const again = idempotentFrom(expectedRevision + 1);
          if (again) return again;
        }
        break;
      }
      default:
        throw grpcError(grpc.status.INVALID_ARGUMENT, 'append without an expected revision');
    }
    if (!ok) return wrongExpectedVersion(options, current);
    if (proposed.length === 0) {
      const last = stream.at(-1);
      return last ? success(last.revision, last.position) : success(undefined, undefined);
    }

    this.maybeSystemTraffic([]);
    const created = createdNow();
    const appended = proposed.map((message, i): StoredEvent => {
      const metadata = message.getMetadataMap();
      const type = metadata.get('type') ?? '';
      const data = message.getData_asU8();
      const customMetadata = message.getCustomMetadata_asU8();
      return {
        streamName,
        revision: stream.length + i,
        position: 0, // numbered below, in log order
        id: ids[i] ?? '',
        type,
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        created,
        data,
        customMetadata,
      };
    });
    for (const event of appended) event.position = this.allocatePosition(event);
    this.store(streamName, appended);
    this.appended += appended.length;
    this.maybeSystemTraffic(appended);
    const last = appended[appended.length - 1];
    return success(last?.revision, last?.position);
  }

  endLive(): void {
    for (const subscription of this.live) subscription.call.end();
    this.live.clear();
  }
}

const success = (revision: number | undefined, position: number | undefined): AppendResp => {
  const result = new AppendResp.Success();
  if (revision === undefined) result.setNoStream(new Empty());
  else result.setCurrentRevision(String(revision));
  if (position === undefined) result.setNoPosition(new Empty());
  else result.setPosition(new AppendResp.Position().setCommitPosition(String(position)).setPreparePosition(String(position)));
  return new AppendResp().setSuccess(result);
};

const wrongExpectedVersion = (options: AppendReq.Options, current: number): AppendResp => {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current < 0) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(String(current));
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      wrong.setExpectedRevision(options.getRevision());
      break;
    case Case.NO_STREAM:
      wrong.setExpectedNoStream(new Empty());
      break;
    case Case.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty());
      break;
    default:
      wrong.setExpectedAny(new Empty());
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
};

const eventResponse = (event: StoredEvent): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new UUID().setString(event.id));
  recorded.setStreamIdentifier(identifier(event.streamName));
  recorded.setStreamRevision(String(event.revision));
  recorded.setPreparePosition(String(event.position));
  recorded.setCommitPosition(String(event.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created);
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(String(event.position));
  return new ReadResp().setEvent(read);
};

/** The server-side filter of a read or subscription, as the client encodes it (prefixes or a regex). */
const filterOf = (options: ReadReq.Options): Matcher => {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter();
  const onStream = filter?.hasStreamIdentifier() ?? false;
  const expression = onStream ? filter?.getStreamIdentifier() : filter?.getEventType();
  if (!expression) return () => true;
  const prefixes = expression.getPrefixList();
  const source = expression.getRegex();
  // EventStoreDB compiles the regex with .NET; the patterns the adapter sends mean the same in JS.
  const regex = source.length > 0 ? new RegExp(source) : undefined;
  const test = (value: string): boolean =>
    (prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix))) && (regex === undefined || regex.test(value));
  return (event) => test(onStream ? event.streamName : event.type);
};

/** Starts a stand-in on 127.0.0.1 and an ephemeral port. */
export const startEsdbStandIn = async (options: EsdbStandInOptions = {}): Promise<EsdbStandIn> => {
  const state = new StandInState(options);
  const server = new grpc.Server();
  const implementation: grpc.UntypedServiceImplementation = {
    read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => state.read(call),
    append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) =>
      state.append(call, callback),
  };
  // Methods without an implementation (delete, tombstone, batchAppend) answer UNIMPLEMENTED,
  // as do services that are not registered at all (ServerFeatures, Gossip, …).
  server.addService(StreamsService as unknown as grpc.ServiceDefinition, implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  let closing: Promise<void> | undefined;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    get size() {
      return state.appended;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.endLive();
        server.tryShutdown(() => resolve());
        // Calls still open after a grace period (a client that never hung up) are cut.
        setTimeout(() => server.forceShutdown(), 500).unref();
      });
      return closing;
    },
  };
};
