import type Database from 'better-sqlite3';
import { expandedRow, fieldsToStore } from '../reports/implied-households';
import { RowInserts } from './row-inserts';

/** Field names that need no escaping are written as `"name":` without `JSON.stringify`; this many are kept made. */
const QUOTED_KEPT = 65_536;
const quoted = new Map<string, string>();

/** `JSON.stringify(field)` followed by `:`, kept for the next row (a page's rows name the same few dozen fields). */
const quotedField = (field: string): string => {
  let q = quoted.get(field);
  if (q === undefined) {
    if (quoted.size >= QUOTED_KEPT) quoted.clear();
    quoted.set(field, (q = `${JSON.stringify(field)}:`));
  }
  return q;
};

/**
 * A row's counts as stored: the JSON of an object with its keys sorted, zeroes and the
 * households fields equal to their counts left out (fieldsToStore, decision 189), so
 * equal counts are equal rows. Written key by key (the same text as `JSON.stringify` of
 * that object: no field is an integer-like key, which an object would put first, and
 * counts are integers).
 */
const canonical = (counts: ReadonlyMap<string, number>): string => {
  let text = '';
  for (const [field, n] of fieldsToStore(counts)) text += `${text === '' ? '' : ','}${quotedField(field)}${n}`;
  return `{${text}}`;
};

/** The counts of a row as stored, with the households fields it left out put back (expandedRow) and `deltas` added. */
const withDeltas = (stored: string, deltas: ReadonlyMap<string, number>): Map<string, number> => {
  const counts = expandedRow(JSON.parse(stored) as Record<string, number>);
  for (const [field, n] of deltas) counts.set(field, (counts.get(field) ?? 0) + n);
  return counts;
};

export interface VillageProgressRows {
  /**
   * The deltas held for the row (month index, village) until `flush`: field → amount to
   * add. The caller adds to it in place (one map operation a field, rather than finding
   * the row again for each).
   */
  row(month: number, village: string): Map<string, number>;
  /** Writes every (village, month) row touched since the last flush once, in key order, and forgets them. */
  flush(): void;
  /** Forgets the deltas held back, unwritten. */
  discard(): void;
}

/**
 * The rows of `agg_village_progress` (per month and village, the counts of the month's
 * activity as canonical JSON), with the field deltas of a page of events summed per row
 * and each row read and written once at the page's end; a row whose counts are all zero
 * is deleted, a row whose deltas all cancel out is left as it is stored. The row is the
 * one adding the deltas one at a time would leave. A village's stored rows between the
 * first and last month the page touched are read with one `SELECT`.
 */
export const villageProgressRows = (db: Database.Database): VillageProgressRows => {
  const read = db
    .prepare<[string, number, number], [number, string]>('SELECT month, counts FROM agg_village_progress WHERE village = ? AND month BETWEEN ? AND ?')
    .raw();
  // Written 32 a statement (decision 94), every one before the flush returns; each (village, month) row once a flush.
  const write = new RowInserts<string | number>(db, 'agg_village_progress', ['month', 'village', 'counts']);
  const row: (string | number)[] = [0, '', ''];
  const drop = db.prepare('DELETE FROM agg_village_progress WHERE month = ? AND village = ?');
  /** village → month index → field → delta. */
  let pending = new Map<string, Map<number, Map<string, number>>>();

  const writeVillage = (village: string, months: Map<number, Map<string, number>>): void => {
    const order = [...months.keys()].sort((a, b) => a - b);
    const stored = new Map<number, string>();
    for (const [month, counts] of read.all(village, order[0] as number, order[order.length - 1] as number)) stored.set(month, counts);
    for (const month of order) {
      const deltas = months.get(month) as Map<string, number>;
      if (allZero(deltas)) continue;
      const was = stored.get(month);
      const text = canonical(was === undefined ? deltas : withDeltas(was, deltas));
      if (text === '{}') drop.run(month, village);
      else {
        row[0] = month;
        row[1] = village;
        row[2] = text;
        write.add(row);
      }
    }
  };

  return {
    row: (month, village) => {
      let months = pending.get(village);
      if (months === undefined) pending.set(village, (months = new Map()));
      let deltas = months.get(month);
      if (deltas === undefined) months.set(month, (deltas = new Map()));
      return deltas;
    },
    flush: () => {
      const page = pending;
      pending = new Map();
      for (const village of [...page.keys()].sort()) writeVillage(village, page.get(village) as Map<number, Map<string, number>>);
      write.finish();
    },
    discard: () => {
      pending = new Map();
      write.discard();
    },
  };
};

const allZero = (deltas: ReadonlyMap<string, number>): boolean => {
  for (const n of deltas.values()) if (n !== 0) return false;
  return true;
};
