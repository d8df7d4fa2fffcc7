import type Database from 'better-sqlite3';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import type { EventToAppend } from './envelope';
import { storedDataJson, storedMetadataJson } from './sealed-text';

/**
 * Rows a write session inserts with one statement (`INSERT OR FAIL … VALUES (…), (…)`).
 * An import's rows, SQLite alone (apps/bench/src/writes/multi-row.ts): 7.10 µs a row one a
 * statement, 6.27 at 8 and 6.19 at 32 (docs/decisions/0091). `OR FAIL`, not the default
 * `ABORT`: an aborting statement of several rows must be able to undo its own earlier
 * rows, so SQLite keeps a statement journal for it (spilled to a temporary file), which
 * made it twice as slow as one row a statement (14.75 µs at 8). A failing statement's
 * rows are undone with the session's transaction, which a failure always ends.
 */
export const SESSION_ROWS_A_STATEMENT = 32;

/** `count` rows in one statement; OR FAIL: SQLite then keeps no statement journal. */
const insertEventsSql = (count: number): string =>
  `INSERT OR FAIL INTO events (stream_id, version, event_id, type, data, metadata) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`;

/**
 * The `events` rows a write session has appended and not yet inserted (at most
 * SESSION_ROWS_A_STATEMENT), inserted with one statement when that many are held and
 * whenever the session asks (`insert`: before it reads a stream `holds`, before it reports
 * a version conflict, before it commits). The session holds the write lock, so positions
 * are handed out as AUTOINCREMENT hands them out: one more than the highest ever issued
 * (`sqlite_sequence`) or present, one after another; every statement checks that its last
 * row got the position foretold, or fails (and the session with it).
 */
export class SqliteSessionRows {
  /**
   * Six values a row, in column order, written in place: an array emptied and filled
   * again by `push` reallocated its storage four times a statement (~4 KB of garbage).
   */
  private readonly values: unknown[] = new Array<unknown>(6 * SESSION_ROWS_A_STATEMENT).fill(undefined);
  private readonly eventIds: string[] = new Array<string>(SESSION_ROWS_A_STATEMENT).fill('');
  /** Rows held. */
  private held = 0;
  private readonly streams = new Set<string>();
  /** The position the next row will get; 0 until the session's first row. */
  private nextPosition = 0;

  constructor(
    private readonly statements: SqliteSessionStatements,
    private readonly isEventIdConflict: (error: unknown) => boolean,
  ) {}

  /** Holds one row and returns the position it will be stored at. */
  hold(streamId: string, version: number, event: EventToAppend): number {
    if (this.nextPosition === 0) this.nextPosition = Math.max(this.statements.highestIssued.get() ?? 0, this.statements.headPosition.get() ?? 0) + 1;
    const values = this.values;
    let at = this.held * 6;
    values[at++] = streamId;
    values[at++] = version;
    values[at++] = event.eventId;
    values[at++] = event.type;
    values[at++] = storedDataJson(event);
    values[at] = storedMetadataJson(event);
    this.eventIds[this.held] = event.eventId;
    this.held += 1;
    this.streams.add(streamId);
    const position = this.nextPosition;
    this.nextPosition += 1;
    if (this.held === SESSION_ROWS_A_STATEMENT) this.insert();
    return position;
  }

  /** Whether a row of `streamId` is held (a read of the stream must insert it first). */
  holds(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  /** Inserts the rows held, with one statement. */
  insert(): void {
    const count = this.held;
    if (count === 0) return;
    const first = this.nextPosition - count;
    let inserted: number;
    try {
      // The values as arguments, not as one array: better-sqlite3 reads an array's elements
      // through the engine's generic property lookup, an argument directly (32 rows: 40 → 34
      // µs a statement, SQLite's work included; docs/decisions/0098). A shorter statement (a
      // session's last rows) gets the start of the array.
      const values = count === SESSION_ROWS_A_STATEMENT ? this.values : this.values.slice(0, 6 * count);
      inserted = Number(this.statements.insertRows(count).run(...values).lastInsertRowid);
    } catch (error) {
      // OR FAIL keeps the rows before the failing one (the session's transaction is then
      // rolled back): the failing row is the first one not stored.
      if (this.isEventIdConflict(error)) {
        const stored = Math.max(0, (this.statements.headPosition.get() ?? 0) - first + 1);
        throw new DuplicateEventIdError(this.eventIds[stored] ?? '');
      }
      throw error;
    }
    if (inserted !== this.nextPosition - 1)
      throw new Error(`the session's rows were stored at positions up to ${inserted}, not ${this.nextPosition - 1} as foretold: nothing of the session is kept`);
    // The rows' texts are let go; the arrays keep their length (emptied, they would grow anew a statement).
    this.values.fill(undefined);
    this.eventIds.fill('');
    this.held = 0;
    this.streams.clear();
  }
}

/** The statements the session's rows need, on the store's connection. */
export interface SqliteSessionStatements {
  readonly highestIssued: Database.Statement<[], number>;
  readonly headPosition: Database.Statement<[], number | null>;
  insertRows(count: number): Database.Statement;
}

/** `insertRows(count)` for `database`: each statement prepared when first needed, then kept. */
export const sessionInsertStatements = (database: Database.Database): ((count: number) => Database.Statement) => {
  const byCount: Database.Statement[] = [];
  return (count) => {
    let statement = byCount[count];
    if (statement === undefined) {
      statement = database.prepare(insertEventsSql(count));
      byCount[count] = statement;
    }
    return statement;
  };
};
