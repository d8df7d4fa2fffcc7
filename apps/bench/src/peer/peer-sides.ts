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

let busyRetries = 0;
/** Appends Emmett had to retry (see below), over every Emmett side in this process. */
export const emmettBusyRetries = (): number => busyRetries;

/**
 * Emmett 0.38.5 runs its statements on node-sqlite3 in parallel mode and does not wait for
 * some of them to be finalised (its `PRAGMA journal_mode` at each open, the statement
 * behind a `get`), so on a busy machine a COMMIT can meet one still in progress and fail
 * with SQLITE_BUSY "cannot commit transaction - SQL statements in progress"; Emmett rolls
 * the transaction back. What a user would do: the same append again, with the same
 * expected version. The retries are counted and reported, and their time is Emmett's.
 */
const withBusyRetry = async (append: () => Promise<unknown>): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await append();
      return;
    } catch (error) {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      const inProgress = code === 'SQLITE_BUSY' && typeof message === 'string' && message.includes('statements in progress');
      if (!inProgress || attempt === 3) throw error;
      busyRetries++;
    }
  }
};

const emmettEvent = ({ type, data, metadata }: EventToAppend) => ({ type, data: data as Record<string, unknown>, metadata: { ...metadata } });

/** Emmett's store as its users get it (`getSQLiteEventStore`): on a file it opens and closes a connection per call. */
export const emmettStoreSide: StoreSide = async (path) => {
  const store = emmett.getSQLiteEventStore({ fileName: path });
  return {
    append: async (streamId, event, k) => {
      await withBusyRetry(() => store.appendToStream(streamId, [emmettEvent(event)], { expectedStreamVersion: BigInt(k) }));
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
      await withBusyRetry(async () => {
        const r = await emmett.appendToStream(connection, streamId, 'household', [emmettEvent(event)], { expectedStreamVersion: BigInt(k) });
        if (!r.success) throw new Error(`peer: Emmett refused event ${k} of ${streamId}`);
      });
    },
    read: async (streamId) => (await emmett.readStream(connection, streamId)).events.length,
    close: async () => connection.close(),
  };
};
