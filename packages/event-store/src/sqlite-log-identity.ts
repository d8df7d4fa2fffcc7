import type Database from 'better-sqlite3';
import { SQLITE_QUERIES } from './sqlite-queries';

/**
 * Which log a SQLite file holds as an event store: the id of its first event, `null` for a
 * store with no event yet, `undefined` for a file that is no store's. Read models kept in
 * a file of their own ask it of that file: a store's own file holds read models of its own
 * log, and folding another log into them would be silently wrong (docs/decisions/0198).
 */
export const logOfSqliteFile = (db: Database.Database): string | null | undefined => {
  const tables = db.prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'event_store_schema')").pluck().get();
  if (tables !== 2) return undefined;
  return db.prepare<[], string>(SQLITE_QUERIES.firstEventId).pluck().get() ?? null;
};
