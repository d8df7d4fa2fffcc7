import type Database from 'better-sqlite3';
import { PageDeltas } from './page-rows';
import { RowInserts } from './row-inserts';

/**
 * A row's counts as stored: the JSON of an object with its keys sorted and zeroes left
 * out, so equal counts are equal rows. Written key by key (the same text as
 * `JSON.stringify` of that object: no field is an integer-like key, which an object would
 * put first, and counts are integers).
 */
const canonical = (counts: Record<string, number>): string => {
  let text = '';
  for (const field of Object.keys(counts).sort()) {
    const n = counts[field] as number;
    if (n !== 0) text += `${text === '' ? '' : ','}${JSON.stringify(field)}:${n}`;
  }
  return `{${text}}`;
};

export interface VillageProgressRows {
  /** Adds `n` to `field` of the row (month index, village), held back until `flush`. */
  add(month: number, village: string, field: string, n: number): void;
  /** Writes every (village, month) row touched since the last flush once, in key order, and forgets them. */
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
  // Written 32 a statement (decision 94), every one before the flush returns; each (village, month) row once a flush.
  const write = new RowInserts<string | number>(db, 'agg_village_progress', ['month', 'village', 'counts']);
  const row: (string | number)[] = [0, '', ''];
  const drop = db.prepare('DELETE FROM agg_village_progress WHERE month = ? AND village = ?');
  /** (village, month) → field → delta: flushed in the table's key order. */
  const pending = new PageDeltas<string>();

  const writeRow = (month: number, village: string, fields: ReadonlyMap<string, number>): void => {
    const stored = read.get(month, village);
    const counts = stored === undefined ? {} : (JSON.parse(stored) as Record<string, number>);
    for (const [field, n] of fields) counts[field] = (counts[field] ?? 0) + n;
    const text = canonical(counts);
    if (text === '{}') drop.run(month, village);
    else {
      row[0] = month;
      row[1] = village;
      row[2] = text;
      write.add(row);
    }
  };

  return {
    add: (month, village, field, n) => pending.add(village, String(month), field, n),
    flush: () => {
      pending.flush((village, month, fields) => writeRow(Number(month), village, fields));
      write.finish();
    },
    discard: () => {
      pending.discard();
      write.discard();
    },
  };
};
