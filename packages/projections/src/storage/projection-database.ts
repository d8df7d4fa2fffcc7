import Database from 'better-sqlite3';
import type { EventStore } from '@hearth/event-store';

export interface ProjectionDatabase {
  readonly db: Database.Database;
  /** True when this package opened the connection and must close it. */
  readonly owned: boolean;
}

/** By shape, not instanceof: the store's copy of better-sqlite3 may be another module instance (jest realms). */
const hasDb = (store: EventStore): store is EventStore & { db: Database.Database } => {
  const db = (store as { db?: Partial<Database.Database> }).db;
  return typeof db?.prepare === 'function' && typeof db.transaction === 'function' && typeof db.exec === 'function';
};

/**
 * Where the read models live. With the SQLite store: the same file and connection, so a
 * batch of read-model rows and its checkpoint commit in one transaction (exactly-once).
 * With any other store: a private in-memory SQLite database (tests, demos), rebuilt from
 * the log at each start.
 */
export const projectionDatabase = (store: EventStore, explicit?: Database.Database): ProjectionDatabase => {
  if (explicit) return { db: explicit, owned: false };
  if (hasDb(store)) return { db: store.db, owned: false };
  return { db: new Database(':memory:'), owned: true };
};
