import type Database from 'better-sqlite3';
import { KeptRecords } from './kept-records';
import { RowInserts } from './row-inserts';

export interface HouseholdRecords<R> {
  /** A page begins, the projection's checkpoint at `from` (the records kept from the last page are trusted only if they are of it). */
  begin(from: number): void;
  /**
   * The household's record as the page's events so far left it: held, else kept from the
   * writer's last committed page, else read from the table (parsed once), else `empty()`.
   */
  get(householdId: string): R;
  /** The record after one of the household's events, written at flush. */
  set(householdId: string, record: R): void;
  /**
   * For every household whose record an event of the page changed, in key order: calls
   * `changed` with the record as stored before the page and as it is now, then writes
   * it (once, encoded). Forgets every record held.
   */
  flush(changed: (householdId: string, before: R, after: R) => void): void;
  /** The page's transaction committed, the checkpoint at `position`: the records it wrote may serve the next page. */
  committed(position: number): void;
  /** Forgets the records held, unwritten, and those kept. */
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
  /** Whether an earlier page wrote the household's record (kept, or read from the table): only then is it kept for the next. */
  readonly known: boolean;
}

/**
 * Households whose records are kept parsed from one page to the next (decision 106). A
 * parsed record costs ~10–20 KB of heap (the two counter projections' records of 20,000
 * households took ~450 MB of peak RSS), so the bound is what keeps a region's catch-up in
 * memory; beyond it the least lately used are read from the table again.
 */
export const KEPT_RECORDS = 16_384;

/**
 * The per-household records of a counter projection (a table of `household_id` → the
 * record as JSON text, or as `codec` stores it), held parsed for the length of a page of events: each is read and parsed at its
 * household's first event of the page and written once at the end, whatever the number
 * of its events in the page. What a household contributes to the counters is a function
 * of its record, so the page's change to the counters is the difference between its
 * contributions before and after the page: the sum of the differences event by event,
 * computed twice instead of twice an event. Records are also kept parsed from one page to
 * the next (`KeptRecords`, at most `kept` households), but trusted only while the table is
 * as this writer's last committed page left it: another process may write it between pages.
 */
export const householdRecords = <R>(
  db: Database.Database,
  table: string,
  column: string,
  empty: () => R,
  codec: RecordCodec<R> = asJson<R>(),
  kept = KEPT_RECORDS,
): HouseholdRecords<R> => {
  const read = db.prepare<[string], string | Buffer>(`SELECT ${column} FROM ${table} WHERE household_id = ?`).pluck();
  // Written 32 a statement (decision 94); every one before the flush returns.
  const write = new RowInserts<string | Buffer>(db, table, ['household_id', column]);
  const row: (string | Buffer)[] = ['', ''];
  let held = new Map<string, Held<R>>();
  const lately = new KeptRecords<R>(kept);
  const heldFor = (householdId: string): Held<R> => {
    let h = held.get(householdId);
    if (h === undefined) {
      let record = lately.take(householdId);
      let known = true;
      if (record === undefined) {
        const row = read.get(householdId);
        known = row !== undefined;
        record = row === undefined ? empty() : codec.decode(row);
      }
      h = { stored: record, record, changed: false, known };
      held.set(householdId, h);
    }
    return h;
  };
  return {
    begin: (from) => lately.begin(from),
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
        // Kept as the table holds it once the page commits (a record is never changed in place, so the object itself), for
        // a household whose events span pages: one new in this page (as nearly all are in a log imported household by
        // household) is read from the table if a later page has it, and kept from then on.
        if (h.known) lately.keep(householdId, h.record);
        if (!h.changed) continue;
        changed(householdId, h.stored, h.record);
        row[0] = householdId;
        row[1] = codec.encode(h.record);
        write.add(row);
      }
      write.finish();
    },
    committed: (position) => lately.committed(position),
    discard: () => {
      held = new Map();
      lately.forget();
      write.discard();
    },
  };
};
