/**
 * The stores the peer comparison drives, behind one small shape: append one event with
 * the stream's expected version, read a stream whole. Only the peer's child process
 * loads this module (it loads node-sqlite3 through Emmett).
 */
import { SqliteEventStore, type EventToAppend } from '@hearth/event-store';
import { setDriverSynchronousNormal } from './emmett-durability';

// Before Emmett opens anything: every connection the driver opens gets synchronous = NORMAL.
export const driverProbe = setDriverSynchronousNormal();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the driver setting above, on purpose
const emmett = require('@event-driven-io/emmett-sqlite') as typeof import('@event-driven-io/emmett-sqlite');

export interface OpenedStore {
  /** Appends `event` as the stream's event number `k` (0-based), checking that the stream has exactly `k` events. */
  append(streamId: string, event: EventToAppend, k: number): Promise<void>;
  /** Reads the stream whole; returns how many events came back. */
  read(streamId: string): Promise<number>;
  close(): Promise<void>;
}

export type StoreSide = (path: string) => Promise<OpenedStore>;

/** Hearth's SqliteEventStore: one connection for the store's life. */
export const hearthSide: StoreSide = async (path) => {
  const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
  return {
    append: async (streamId, event, k) => {
      await store.appendToStream(streamId, [event], k === 0 ? 'no_stream' : k - 1);
    },
    read: async (streamId) => (await store.readStream(streamId)).length,
    close: () => store.close(),
  };
};

const emmettEvent = ({ type, data, metadata }: EventToAppend) => ({ type, data: data as Record<string, unknown>, metadata: { ...metadata } });

/** Emmett's store as its users get it (`getSQLiteEventStore`): on a file it opens and closes a connection per call. */
export const emmettStoreSide: StoreSide = async (path) => {
  const store = emmett.getSQLiteEventStore({ fileName: path });
  return {
    append: async (streamId, event, k) => {
      await store.appendToStream(streamId, [emmettEvent(event)], { expectedStreamVersion: BigInt(k) });
    },
    read: async (streamId) => (await store.readStream(streamId)).events.length,
    close: async () => undefined,
  };
};

/**
 * Emmett's own exported schema functions (`createEventStoreSchema`, `appendToStream`,
 * `readStream` — what its store calls inside each call) on ONE connection kept open, as
 * Hearth's store keeps its own: the same SQL and transactions without the per-call
 * connection. Not how Emmett's store runs on a file; reported apart, to show what the
 * connection handling accounts for.
 */
export const emmettOneConnectionSide: StoreSide = async (path) => {
  const connection = emmett.sqliteConnection({ fileName: path });
  await emmett.createEventStoreSchema(connection);
  return {
    append: async (streamId, event, k) => {
      // Every workload stream is a household's; the store derives the type from the name's prefix the same way.
      const r = await emmett.appendToStream(connection, streamId, 'household', [emmettEvent(event)], { expectedStreamVersion: BigInt(k) });
      if (!r.success) throw new Error(`peer: Emmett refused event ${k} of ${streamId}`);
    },
    read: async (streamId) => (await emmett.readStream(connection, streamId)).events.length,
    close: async () => connection.close(),
  };
};
