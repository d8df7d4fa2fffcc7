import type Database from 'better-sqlite3';

/** One household's record during a page: as read at its first event, then as the page's events left it. */
export interface HeldRecord<R, D> {
  record: R;
  /** What the projection derived from `record` (its contribution), kept so that the next event need not derive it again. */
  derived: D | undefined;
  /** Set when an event changed the record: it is written at flush. */
  changed: boolean;
}

export interface HouseholdRecords<R, D> {
  /** The household's record: held, else read from the table (parsed once a page), else `empty()`. */
  get(householdId: string): HeldRecord<R, D>;
  /** Writes every changed record once, as JSON, in key order, and forgets them all. */
  flush(): void;
  /** Forgets the records held, unwritten. */
  discard(): void;
}

/**
 * The per-household records of a counter projection (a table of `household_id` → JSON
 * text), held parsed for the length of a page of events: each is read and parsed at its
 * household's first event of the page and written once at the end, whatever the number
 * of its events in the page. Nothing is kept from one page to the next: another process
 * may write the table between them.
 */
export const householdRecords = <R, D>(db: Database.Database, table: string, column: string, empty: () => R): HouseholdRecords<R, D> => {
  const read = db.prepare<[string], string>(`SELECT ${column} FROM ${table} WHERE household_id = ?`).pluck();
  const write = db.prepare(`INSERT OR REPLACE INTO ${table} (household_id, ${column}) VALUES (?, ?)`);
  let held = new Map<string, HeldRecord<R, D>>();
  return {
    get: (householdId) => {
      let h = held.get(householdId);
      if (h === undefined) {
        const stored = read.get(householdId);
        h = { record: stored === undefined ? empty() : (JSON.parse(stored) as R), derived: undefined, changed: false };
        held.set(householdId, h);
      }
      return h;
    },
    flush: () => {
      const records = held;
      held = new Map();
      for (const householdId of [...records.keys()].sort()) {
        const h = records.get(householdId) as HeldRecord<R, D>;
        if (h.changed) write.run(householdId, JSON.stringify(h.record));
      }
    },
    discard: () => {
      held = new Map();
    },
  };
};
