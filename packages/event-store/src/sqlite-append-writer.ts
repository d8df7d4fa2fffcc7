import type Database from 'better-sqlite3';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import type { RecordedEvent } from './envelope';
import type { AppendResult, StreamAppend } from './event-store';
import { assertExpectedVersion, matchesExpectedVersion } from './expected-version';
import { storedDataJson, storedMetadataJson } from './sealed-text';
import type { SqliteSessionRows } from './sqlite-session-rows';

/** Per stream appended to, or read to its end, in one transaction: its version and last position. */
export type WrittenInTransaction = Map<string, { version: number; position: number }>;

/**
 * A stream read to its end inside the write transaction (which holds the write lock, so
 * nobody else can append meanwhile) is where the read found it: its first append needs no
 * `SELECT max(version)`. An import reads each household it has not cached, then appends
 * to it (docs/decisions/0098). A read that found nothing says the stream is empty only
 * if it read from version 0.
 */
export const knowFromRead = (known: WrittenInTransaction, streamId: string, fromVersion: number, events: readonly RecordedEvent[]): void => {
  const last = events[events.length - 1];
  if (last !== undefined) known.set(streamId, { version: last.streamVersion, position: last.position });
  else if (fromVersion === 0) known.set(streamId, { version: -1, position: 0 });
};

/**
 * How SqliteEventStore writes one append inside a transaction it has opened: the expected
 * version checked against the stream's version (known in the transaction, or read), then
 * the events inserted one statement each, or held for a write session's multi-row inserts.
 */
export class SqliteAppendWriter {
  constructor(
    private readonly insertEvent: Database.Statement,
    private readonly streamVersion: Database.Statement<[string], number | null>,
    private readonly positionOfVersion: Database.Statement<[string, number], number>,
  ) {}

  /**
   * Runs inside the write transaction. `written` holds the streams this transaction has
   * already appended to (or, in a write session, read to their end): their version and
   * last position are known without a read, as the transaction holds the write lock (an
   * import's batch appends each household's commands one after another, so most appends
   * of a batch follow another of the same stream, or a read of it).
   */
  write({ streamId, expectedVersion, events }: StreamAppend, written?: WrittenInTransaction, rows?: SqliteSessionRows): AppendResult {
    const known = written?.get(streamId);
    const actual = known === undefined ? this.versionOf(streamId) : known.version;
    if (!matchesExpectedVersion(expectedVersion, actual)) {
      // The rows held back are inserted first, so that a failure among them is reported
      // before this one, as it would have been had they been inserted when appended.
      rows?.insert();
      assertExpectedVersion(streamId, expectedVersion, actual);
    }
    if (events.length === 0) {
      const head = known !== undefined ? known.position : actual < 0 ? 0 : (this.positionOfVersion.get(streamId, actual) ?? 0);
      return { nextExpectedVersion: actual, lastPosition: head };
    }
    let version = actual;
    let lastPosition = 0;
    for (const event of events) {
      version += 1;
      if (rows !== undefined) {
        lastPosition = rows.hold(streamId, version, event);
        continue;
      }
      try {
        const info = this.insertEvent.run(streamId, version, event.eventId, event.type, storedDataJson(event), storedMetadataJson(event));
        lastPosition = Number(info.lastInsertRowid);
      } catch (error) {
        if (isEventIdConflict(error)) throw new DuplicateEventIdError(event.eventId);
        throw error;
      }
    }
    if (written !== undefined) {
      if (known === undefined) written.set(streamId, { version, position: lastPosition });
      else {
        known.version = version;
        known.position = lastPosition;
      }
    }
    return { nextExpectedVersion: version, lastPosition };
  }

  versionOf(streamId: string): number {
    return this.streamVersion.get(streamId) ?? -1;
  }
}

/**
 * By shape, not `instanceof`: the native addon keeps the error class of the first copy of
 * better-sqlite3 loaded in the process, so errors can come from another module registry
 * or realm (jest runs each test file in its own; a duplicated dependency does the same),
 * where neither `SqliteError` nor `Error` is the class this module sees.
 */
export const isEventIdConflict = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
};
