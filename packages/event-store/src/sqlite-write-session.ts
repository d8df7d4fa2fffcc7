import type Database from 'better-sqlite3';
import { assertDistinctEventIds, validateAppend } from './append-validation';
import type { RecordedEvent } from './envelope';
import type { ReadStreamOptions, WriteSession } from './event-store';
import { isEventIdConflict, knowFromRead, type SqliteAppendWriter, type WrittenInTransaction } from './sqlite-append-writer';
import { SqliteSessionRows, type SqliteSessionStatements } from './sqlite-session-rows';

/**
 * WAL pages after which a commit inside a write session checkpoints (SQLite's default, and
 * the store's outside sessions, is 1,000 pages, ~4 MB). A write session is a bulk write
 * (an import's batch, ~1,000 rows a commit); with the default its commits checkpoint every
 * ~6 batches, each checkpoint copying the WAL into the file and syncing both, and the pages
 * every batch rewrites (the tail of the table and of each index) copied again each time.
 * At 10,000 pages (~40 MB of WAL) they are copied a tenth as often. What a power cut can
 * lose under `synchronous = NORMAL` (the commits since the last checkpoint) grows to
 * that many pages, for sessions only: an import's checkpoint is in the same transactions
 * as its rows, so a rerun redoes exactly the lost batches (docs/decisions/0086).
 */
export const SESSION_WAL_AUTOCHECKPOINT = 10_000;

/** What a write session's transaction needs of the store's connection. */
export interface SqliteSessionConnection {
  readonly database: Database.Database;
  readonly statements: SqliteSessionStatements & {
    readonly begin: Database.Statement;
    readonly commit: Database.Statement;
    readonly rollback: Database.Statement;
  };
  readonly appends: SqliteAppendWriter;
  /** The connection's own `wal_autocheckpoint`, restored when the session ends. */
  readonly walAutocheckpoint: number;
  /** Throws once the store is closed. */
  assertOpen(): void;
  /** A stream's events as the transaction sees them. */
  readStream(streamId: string, opts?: ReadStreamOptions): RecordedEvent[];
}

/**
 * Runs `work` in one write transaction (EventStore.writeSession) and tells whether it
 * appended any event, for the store to wake its subscriptions. `BEGIN IMMEDIATE` takes the
 * write lock first, so each append's version check meets the state it writes on, as in
 * appendBatch; the streams the session appended to are remembered for the length of the
 * transaction, as in appendBatch (docs/decisions/0078). The WAL is checkpointed every
 * SESSION_WAL_AUTOCHECKPOINT pages while the session is open, and at the connection's own
 * interval again once it ends (docs/decisions/0086). The session's rows are inserted
 * SESSION_ROWS_A_STATEMENT at a time (SqliteSessionRows), the rest before the session reads
 * a stream they belong to, before a version conflict is reported, and before the commit
 * (docs/decisions/0091). Any failure rolls the whole transaction back.
 *
 * The store keeps every other call on the connection waiting until the session ends: on
 * one connection anything run meanwhile would read the uncommitted rows or become part of
 * the transaction.
 */
export const runWriteSession = async <T>(connection: SqliteSessionConnection, work: (session: WriteSession) => Promise<T>): Promise<{ result: T; appendedEvents: boolean }> => {
  const { database, statements, appends, assertOpen } = connection;
  const written: WrittenInTransaction = new Map();
  const rows = new SqliteSessionRows(statements, isEventIdConflict);
  let appendedEvents = false;
  try {
    statements.begin.run();
    // Restored in `finally`, after the commit: the commit's checkpoint, if any, is at the
    // session's interval. Not a prepared statement: SQLite applies this pragma when the
    // statement is prepared, not each time it runs.
    database.pragma(`wal_autocheckpoint = ${SESSION_WAL_AUTOCHECKPOINT}`);
    const session: WriteSession = {
      append: (append) => {
        assertOpen();
        validateAppend(append.streamId, append.events, append.expectedVersion);
        if (append.events.length > 1) assertDistinctEventIds(append.events);
        const result = appends.write(append, written, rows);
        if (append.events.length > 0) appendedEvents = true;
        return result;
      },
      readStream: async (streamId, opts) => {
        assertOpen();
        if (rows.holds(streamId)) rows.insert();
        const events = connection.readStream(streamId, opts);
        if (opts?.maxCount === undefined && !written.has(streamId)) knowFromRead(written, streamId, opts?.fromVersion ?? 0, events);
        return events;
      },
    };
    const result = await work(session);
    rows.insert();
    statements.commit.run();
    return { result, appendedEvents };
  } catch (error) {
    if (database.inTransaction) statements.rollback.run();
    throw error;
  } finally {
    if (database.open) database.pragma(`wal_autocheckpoint = ${connection.walAutocheckpoint}`);
  }
};
