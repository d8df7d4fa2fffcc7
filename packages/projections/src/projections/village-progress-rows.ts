import type Database from 'better-sqlite3';
import { PageRows } from './page-rows';

/** A row's counts as stored: keys sorted, zeroes left out, so equal counts are equal rows. */
const canonical = (counts: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

export interface VillageProgressRows {
  /** Adds a household's flow difference (keys village \0 month index \0 field), held back until `flush`. */
  add(diff: ReadonlyMap<string, number>): void;
  /** Writes every (month, village) row touched since the last flush once, in key order, and forgets them. */
  flush(): void;
  /** Forgets the deltas held back, unwritten. */
  discard(): void;
}

/**
 * The rows of `agg_village_progress` (per month and village, the counts of the month's
 * activity as canonical JSON), with the field deltas of a page of events summed per row
 * and each row read and written once at the page's end; a row whose counts are all zero
 * is deleted. The row is the one adding the deltas one at a time would leave.
 */
export const villageProgressRows = (db: Database.Database): VillageProgressRows => {
  const read = db.prepare<[number, string], string>('SELECT counts FROM agg_village_progress WHERE month = ? AND village = ?').pluck();
  const write = db.prepare('INSERT OR REPLACE INTO agg_village_progress (month, village, counts) VALUES (?, ?, ?)');
  const drop = db.prepare('DELETE FROM agg_village_progress WHERE month = ? AND village = ?');
  /** month \0 village → field → delta. */
  const pending = new PageRows(() => new Map<string, number>());

  const writeRow = (month: number, village: string, fields: ReadonlyMap<string, number>): void => {
    const stored = read.get(month, village);
    const counts = stored === undefined ? {} : (JSON.parse(stored) as Record<string, number>);
    for (const [field, n] of fields) counts[field] = (counts[field] ?? 0) + n;
    const text = canonical(counts);
    if (text === '{}') drop.run(month, village);
    else write.run(month, village, text);
  };

  return {
    add: (diff) => {
      for (const [k, n] of diff) {
        const first = k.indexOf('\u0000');
        const second = k.indexOf('\u0000', first + 1);
        const row = `${k.slice(first + 1, second)}\u0000${k.slice(0, first)}`;
        const field = k.slice(second + 1);
        pending.change(row, (fields) => fields.set(field, (fields.get(field) ?? 0) + n));
      }
    },
    flush: () =>
      pending.flush((row, fields) => {
        // Deltas that cancel out leave the stored (canonical) row as it is.
        if ([...fields.values()].every((n) => n === 0)) return;
        const cut = row.indexOf('\u0000');
        writeRow(Number(row.slice(0, cut)), row.slice(cut + 1), fields);
      }),
    discard: () => pending.discard(),
  };
};
