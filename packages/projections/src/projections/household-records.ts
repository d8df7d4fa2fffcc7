import type Database from 'better-sqlite3';
import { RowInserts } from './row-inserts';

export interface HouseholdRecords<R> {
  /** The household's record as the page's events so far left it: held, else read from the table (parsed once a page), else `empty()`. */
  get(householdId: string): R;
  /** The record after one of the household's events, written at flush. */
  set(householdId: string, record: R): void;
  /**
   * For every household whose record an event of the page changed, in key order: calls
   * `changed` with the record as stored before the page and as it is now, then writes
   * it (once, encoded). Forgets every record held.
   */
  flush(changed: (householdId: string, before: R, after: R) => void): void;
  /** Forgets the records held, unwritten. */
  discard(): void;
}

/** How a record is stored in its column: JSON text unless a projection packs it (decision 82). */
export interface RecordCodec<R> {
  encode(record: R): string | Buffer;
  decode(stored: string | Buffer): R;
}

const asJson = <R>(): RecordCodec<R> => ({
  encode: (record) => JSON.stringify(record),
  decode: (stored) => JSON.parse(typeof stored === 'string' ? stored : stored.toString('utf8')) as R,
});

interface Held<R> {
  readonly stored: R;
  record: R;
  changed: boolean;
}

/**
 * The per-household records of a counter projection (a table of `household_id` → the
 * record as JSON text, or as `codec` stores it), held parsed for the length of a page of events: each is read and parsed at its
 * household's first event of the page and written once at the end, whatever the number
 * of its events in the page. What a household contributes to the counters is a function
 * of its record, so the page's change to the counters is the difference between its
 * contributions before and after the page: the sum of the differences event by event,
 * computed twice instead of twice an event. Nothing is kept from one page to the next:
 * another process may write the table between them.
 */
export const householdRecords = <R>(
  db: Database.Database,
  table: string,
  column: string,
  empty: () => R,
  codec: RecordCodec<R> = asJson<R>(),
): HouseholdRecords<R> => {
  const read = db.prepare<[string], string | Buffer>(`SELECT ${column} FROM ${table} WHERE household_id = ?`).pluck();
  // Written 32 a statement (decision 94); every one before the flush returns.
  const write = new RowInserts<string | Buffer>(db, table, ['household_id', column]);
  const row: (string | Buffer)[] = ['', ''];
  let held = new Map<string, Held<R>>();
  const heldFor = (householdId: string): Held<R> => {
    let h = held.get(householdId);
    if (h === undefined) {
      const stored = read.get(householdId);
      const record = stored === undefined ? empty() : codec.decode(stored);
      h = { stored: record, record, changed: false };
      held.set(householdId, h);
    }
    return h;
  };
  return {
    get: (householdId) => heldFor(householdId).record,
    set: (householdId, record) => {
      const h = heldFor(householdId);
      h.record = record;
      h.changed = true;
    },
    flush: (changed) => {
      const records = held;
      held = new Map();
      for (const householdId of [...records.keys()].sort()) {
        const h = records.get(householdId) as Held<R>;
        if (!h.changed) continue;
        changed(householdId, h.stored, h.record);
        row[0] = householdId;
        row[1] = codec.encode(h.record);
        write.add(row);
      }
      write.finish();
    },
    discard: () => {
      held = new Map();
      write.discard();
    },
  };
};
