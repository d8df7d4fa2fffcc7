import type Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';

/** A stream as the rows handed to the stage-A database left it: its version and last position. */
interface StreamHead {
  version: number;
  position: number;
}

/** What the SQLite adapter calls on one of its prepared statements. */
interface StatementLike {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw(on?: boolean): StatementLike;
  pluck(on?: boolean): StatementLike;
}

const notMeasured = (sql: string) => (): never => {
  throw new Error(`the stage-A database does not run "${sql}": the import was not expected to`);
};

/**
 * A statement that reads: answered by `answer`, or by the same SQL on a real database
 * (`on(database)`, prepared once per database, in the mode the adapter asked for).
 */
const readStatement = (sql: string, answer: (on: (db: Database.Database) => Database.Statement, params: unknown[]) => unknown, mode: 'get' | 'all'): StatementLike => {
  const prepared = new Map<Database.Database, Database.Statement>();
  let raw = false;
  let pluck = false;
  const on = (db: Database.Database): Database.Statement => {
    let s = prepared.get(db);
    if (s === undefined) {
      s = db.prepare(sql);
      if (raw) s.raw(true);
      if (pluck) s.pluck(true);
      prepared.set(db, s);
    }
    return s;
  };
  const statement: StatementLike = {
    run: notMeasured(sql),
    get: mode === 'get' ? (...params) => answer(on, params) : notMeasured(sql),
    all: mode === 'all' ? (...params) => answer(on, params) as unknown[] : notMeasured(sql),
    raw: (value = true) => ((raw = value), statement),
    pluck: (value = true) => ((pluck = value), statement),
  };
  return statement;
};

const runStatement = (run: (params: unknown[]) => { changes: number; lastInsertRowid: number }): StatementLike => {
  const statement: StatementLike = { run: (...params) => run(params), get: notMeasured('a write'), all: notMeasured('a write'), raw: () => statement, pluck: () => statement };
  return statement;
};

/**
 * A stand-in for the better-sqlite3 connection SqliteEventStore writes through, for
 * import-stages.ts: the adapter's own code runs whole (the write session, its version
 * checks, its rows' six values each built with the sealed texts and passed to `run` as
 * arguments, the position check after each statement), and only the execution of its SQL
 * is left out. Inserts, BEGIN, COMMIT and ROLLBACK do nothing but answer as SQLite would
 * (the row ids AUTOINCREMENT would hand out); what a write would have changed is kept here
 * (each stream's version and last position), so that the adapter's reads of versions and
 * positions get what the real store would have said.
 *
 * Reads of streams are executed, on real files: a stream nothing was handed for yet is read
 * in `before` (the store as the import found it), and one written to is read in `after`, a
 * store the same import filled (`import-stages.ts` keeps its first real run's), cut to the
 * version this run has reached. The import is deterministic in its decisions and versions,
 * not in event ids and times, which only the hash chain and metadata carry, and nothing here
 * checks them against the log. So the reads (those of households the cache let go) stay in
 * the measured stage: a pipeline's deciding thread would need their answers before deciding.
 */
const stageADatabase = (before: Database.Database, after: Database.Database, issuedBefore: number) => {
  let issued = issuedBefore;
  let inTransaction = false;
  let streamsReadAfter = 0;
  const streams = new Map<string, StreamHead>();

  /** A statement's rows (six values each, in column order) as SQLite would have stored them. */
  const insert = (values: unknown[]): { changes: number; lastInsertRowid: number } => {
    for (let at = 0; at < values.length; at += 6) {
      issued += 1;
      const streamId = values[at] as string;
      const version = values[at + 1] as number;
      const head = streams.get(streamId);
      if (head === undefined) streams.set(streamId, { version, position: issued });
      else {
        head.version = version;
        head.position = issued;
      }
    }
    return { changes: values.length / 6, lastInsertRowid: issued };
  };

  const prepare = (sql: string): StatementLike => {
    if (sql.startsWith('INSERT')) return runStatement(insert);
    if (sql === 'BEGIN IMMEDIATE') return runStatement(() => ((inTransaction = true), { changes: 0, lastInsertRowid: issued }));
    if (sql === 'COMMIT' || sql === 'ROLLBACK') return runStatement(() => ((inTransaction = false), { changes: 0, lastInsertRowid: issued }));
    if (sql.includes('sqlite_sequence') || sql.startsWith('SELECT max(position) FROM events')) return readStatement(sql, () => issued, 'get');
    if (sql.startsWith('SELECT max(version) FROM events WHERE stream_id = ?'))
      return readStatement(sql, (on, params) => streams.get(params[0] as string)?.version ?? on(before).get(...params), 'get');
    if (sql.startsWith('SELECT position FROM events WHERE stream_id = ? AND version = ?'))
      return readStatement(sql, (on, params) => {
        const head = streams.get(params[0] as string);
        return head !== undefined && head.version === params[1] ? head.position : on(head === undefined ? before : after).get(...params);
      }, 'get');
    if (sql.includes('WHERE stream_id = ? AND version >= ? ORDER BY version'))
      return readStatement(sql, (on, params) => {
        const head = streams.get(params[0] as string);
        if (head === undefined) return on(before).all(...params);
        streamsReadAfter += 1;
        // Ordered by version from `fromVersion`: the first rows are those up to the version reached.
        return on(after).all(...params).slice(0, Math.max(0, head.version - (params[1] as number) + 1));
      }, 'all');
    return readStatement(sql, notMeasured(sql), 'get');
  };

  return {
    prepare,
    pragma: (): undefined => undefined,
    // Made when the store is built; the import writes in a write session, never through it.
    transaction: () => Object.assign(notMeasured('an appendBatch transaction'), { immediate: notMeasured('an appendBatch transaction') }),
    get inTransaction() {
      return inTransaction;
    },
    open: true,
    memory: false,
    name: 'stage-a',
    close: (): void => undefined,
    /** Rows handed to `run` (the positions issued past `issuedBefore`). */
    rowsHandedOver: (): number => issued - issuedBefore,
    /** Reads of streams already written to (households the cache had let go), answered from `after`. */
    streamsReadAfter: (): number => streamsReadAfter,
  };
};

/** The adapter's private constructor, to hand it this connection: SqliteEventStore.open only opens real files. */
const SqliteOver = SqliteEventStore as unknown as new (database: unknown, opts: object, isMemory: boolean, walAutocheckpoint: number) => SqliteEventStore;

/**
 * A SqliteEventStore over stageADatabase (see there): `before` the store as the writes find
 * it, whose highest position issued is `issuedBefore`; `after` one the same writes filled.
 */
export const stageAStore = (before: Database.Database, after: Database.Database, issuedBefore: number) => {
  const database = stageADatabase(before, after, issuedBefore);
  return { store: new SqliteOver(database, {}, false, 1000), rowsHandedOver: database.rowsHandedOver, streamsReadAfter: database.streamsReadAfter };
};
