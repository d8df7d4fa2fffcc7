import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { DEFAULT_MAX_APPEND_SIZE } from '../append-size';
import { serveAppend } from './stand-in/append';
import { serveBatchAppend } from './stand-in/batch-append';
import { FaultPlan, type StandInFaults } from './stand-in/faults';
import { StandInLog, type StoredEvent } from './stand-in/log';
import { serveRead } from './stand-in/read';
import { serveSupportedMethods } from './stand-in/server-features';
import { StandInSubscriptions } from './stand-in/subscriptions';

export type { FaultedCall, FaultKind, StandInFaults, SubscriptionDrop } from './stand-in/faults';


/**
 * A wire-level EventStoreDB / KurrentDB stand-in for CI: an in-process gRPC server
 * (insecure, 127.0.0.1) serving the service definitions generated inside
 * `@kurrent/kurrentdb-client` itself, so the real client speaks its real protocol to it —
 * including the native (Rust) reader the client uses for `readStream` / `readAll`.
 *
 * As a 23.10+ server: `ServerFeatures` advertises `BatchAppend` (so the client appends
 * through its shared batch stream), `Read` serves stream and `$all` reads with filters and
 * catch-up subscriptions that send caught-up, `Append` serves clients that do not use
 * `BatchAppend`. Faults on demand through `faults`. See the package README for what it
 * does not reproduce (memory only, one node, no TLS or auth, …).
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
   * around client appends, `$statsCollected` events (JSON) and `$>` link events in
   * `$ce-<category>` (not JSON).
   */
  systemEvents?: boolean;
  /** Seed of the pseudo-random record sizes and system events (default 1): runs are reproducible. */
  seed?: number;
  /**
   * `current` (default): `ServerFeatures` answers as a 24.10 server (BatchAppend advertised).
   * `none`: it answers UNIMPLEMENTED, as servers before 21.10 did; the client then appends with `Append`.
   */
  features?: 'current' | 'none';
  /** The server's `MaxAppendSize` in bytes (default 1 MiB, 24.10's): a larger append is refused as a server refuses it. */
  maxAppendSize?: number;
  /**
   * The server's `MaxAppendEventSize` in bytes (default: none, as 24.10; current servers have
   * 16 MiB): a batch append carrying a larger event is answered `MaximumAppendEventSizeExceeded`.
   */
  maxAppendEventSize?: number;
  /** Port to listen on (default 0: an ephemeral one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
}

/** How many calls of each kind the stand-in has served (attempts included, faults too). */
export interface StandInCalls {
  readonly serverFeatures: number;
  /** Reads (not subscriptions). */
  readonly read: number;
  /** Events sent by those reads (subscriptions' not counted). */
  readonly eventsRead: number;
  readonly subscribe: number;
  /** Appends through the legacy `Append` call. */
  readonly append: number;
  /** Appends through `BatchAppend` (one per correlation id, however many requests it took). */
  readonly batchAppend: number;
}

export interface EsdbStandIn {
  /** `kurrentdb://127.0.0.1:PORT?tls=false` */
  readonly url: string;
  readonly port: number;
  /** Number of events stored by clients (the stand-in's own system events and injected foreign events not counted). */
  readonly size: number;
  readonly calls: StandInCalls;
  /** Subscriptions open right now. */
  readonly openSubscriptions: number;
  readonly faults: StandInFaults;
  /**
   * Stores an event as another application would (any stream name, any content type,
   * e.g. `application/octet-stream`): it goes into `$all` and to subscriptions whose
   * filter it passes, and does not count in `size`.
   */
  appendForeign(streamName: string, event: { type: string; contentType: string; data: Uint8Array; customMetadata?: Uint8Array; id?: string }): StoredEvent;
  /** Ends live subscriptions and stops the server. Idempotent. */
  close(): Promise<void>;
}

/** Starts a stand-in on 127.0.0.1 and an ephemeral port (or the ones given). */
export const startEsdbStandIn = async (options: EsdbStandInOptions = {}): Promise<EsdbStandIn> => {
  const log = new StandInLog(options);
  const host = options.host ?? '127.0.0.1';
  let port = 0;
  const faults = new FaultPlan(() => ({ host, port }));
  const subscriptions = new StandInSubscriptions(log, faults);
  const calls = { serverFeatures: 0, read: 0, eventsRead: 0, subscribe: 0, append: 0, batchAppend: 0 };
  const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  const server = new grpc.Server();
  // Methods without an implementation (delete, tombstone) answer UNIMPLEMENTED, as do
  // services that are not registered at all (Gossip, persistent subscriptions, …).
  server.addService(StreamsService as unknown as grpc.ServiceDefinition, {
    read: (call: Parameters<typeof serveRead>[0]) => serveRead(call, { log, faults, subscriptions, calls }),
    append: (call: Parameters<typeof serveAppend>[0], callback: Parameters<typeof serveAppend>[1]) =>
      serveAppend(call, callback, { log, faults, maxAppendSize, calls }),
    batchAppend: (call: Parameters<typeof serveBatchAppend>[0]) =>
      serveBatchAppend(call, { log, faults, maxAppendSize, maxAppendEventSize: options.maxAppendEventSize, calls }),
  });
  if ((options.features ?? 'current') === 'current') {
    server.addService(ServerFeaturesService as unknown as grpc.ServiceDefinition, {
      getSupportedMethods: (call: Parameters<typeof serveSupportedMethods>[0], callback: Parameters<typeof serveSupportedMethods>[1]) =>
        serveSupportedMethods(call, callback, calls),
    });
  }
  port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  let closing: Promise<void> | undefined;
  return {
    url: `kurrentdb://${host}:${port}?tls=false`,
    port,
    get size() {
      return log.appended;
    },
    calls,
    get openSubscriptions() {
      return subscriptions.count;
    },
    faults,
    appendForeign: (streamName, event) => log.appendForeign(streamName, { customMetadata: new Uint8Array(), ...event }),
    close() {
      closing ??= new Promise<void>((resolve) => {
        subscriptions.endAll();
        server.tryShutdown(() => resolve());
        // Calls still open after a grace period (a client that never hung up, a batch stream) are cut.
        setTimeout(() => server.forceShutdown(), 500).unref();
      });
      return closing;
    },
  };
};
