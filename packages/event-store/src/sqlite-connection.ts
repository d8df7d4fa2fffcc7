import Database from 'better-sqlite3';
import { migrate } from './sqlite-schema';

/** An event store's SQLite connection, its settings made and its schema migrated. */
export interface SqliteConnection {
  readonly database: Database.Database;
  /** Pages of WAL after which SQLite checkpoints (a write session raises it for its transaction). */
  readonly walAutocheckpoint: number;
}

/**
 * Opens (creating and migrating if needed) the database at `path`, or a private in-memory
 * database for `':memory:'`, with the locking and durability the event store is written
 * for. Opening a file left by a killed process is safe: SQLite replays or discards the WAL,
 * so only committed transactions remain. Closed again if any of it fails.
 */
export const openSqliteConnection = (path: string, busyTimeoutMs: number): SqliteConnection => {
  const database = new Database(path);
  try {
    // Before anything that may need a lock, so that opening waits for other writers.
    database.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // WAL: readers never block the writer and vice versa; subscriptions and
    // projections read while commands append.
    database.pragma('journal_mode = WAL');
    // NORMAL in WAL mode fsyncs at checkpoints, not at every commit: a commit stays
    // atomic and the file cannot be corrupted, and a process crash loses nothing. Only
    // an OS crash or power cut can lose the commits since the last checkpoint (at most
    // ~1,000 pages of WAL; ~10,000 inside a write session, sqlite-write-session.ts),
    // an accepted trade for a large gain in write throughput (bulk imports).
    database.pragma('synchronous = NORMAL');
    migrate(database);
    return { database, walAutocheckpoint: database.pragma('wal_autocheckpoint', { simple: true }) as number };
  } catch (error) {
    database.close();
    throw error;
  }
};
