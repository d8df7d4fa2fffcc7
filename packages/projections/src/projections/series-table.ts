import type Database from 'better-sqlite3';
import { PageDeltas } from './page-rows';
import { RowInserts } from './row-inserts';
import { addDeltas, fromBlob, isZero, Series, toBlob } from './village-series';

/**
 * The month index meaning "from the start, before any month": a delta added there is
 * held in the row's `initial` (a baseline household counts in its first village in every
 * year before its first event, domain.md §5.1), so that no series has to reach back to
 * the first year a report could be asked for.
 */
export const FROM_THE_START = -1;

/** The village column of a table of series summed over every village (`agg_region_series`). */
export const REGION = '';

/**
 * DDL of a table of per-village cumulative monthly series: value at month i = initial +
 * the series at i. A table of per-division sums (`agg_division_series`) names its column
 * `division`. Both are keyed by village (division) first: a page of households touches a
 * few villages' counters, neighbouring rows, and a report reads a few divisions' rows.
 */
export const seriesTableSchema = (table: string, column: 'village' | 'division' = 'village'): string => `
    CREATE TABLE IF NOT EXISTS ${table} (
      key TEXT NOT NULL,
      ${column} TEXT NOT NULL,
      initial INTEGER NOT NULL,
      base INTEGER NOT NULL,
      series BLOB NOT NULL,
      PRIMARY KEY (${column}, key)
    ) WITHOUT ROWID;`;

export interface SeriesWriter {
  /** Adds `delta` to a village's counter from month `month` on (FROM_THE_START: from the start), held back until `flush`. */
  add(village: string, key: string, month: number, delta: number): void;
  /**
   * Writes every row touched since the last flush once (read, add its deltas, write), in
   * key order, and forgets them; `written` is told each row's summed deltas (month → delta).
   */
  flush(written?: (key: string, village: string, deltas: ReadonlyMap<number, number>) => void): void;
  /** Forgets the deltas held back, unwritten. */
  discard(): void;
}

/**
 * Deltas to a table of series, gathered over a page of events and written once a row. A
 * row back to zero everywhere is deleted, so equal counters are equal rows; the row is
 * the one adding the deltas one at a time would leave, whatever their order.
 */
export const seriesWriter = (db: Database.Database, table: string, column: 'village' | 'division' = 'village'): SeriesWriter => {
  const read = db.prepare<[string, string], [number, number, Buffer]>(`SELECT initial, base, series FROM ${table} WHERE key = ? AND ${column} = ?`).raw();
  // A village's rows whole, when a page writes more than one of them: one statement stepping through neighbouring rows
  // (the key is by village first) instead of a lookup a row.
  const readVillage = db.prepare<[string], [string, number, number, Buffer]>(`SELECT key, initial, base, series FROM ${table} WHERE ${column} = ?`).raw();
  /** The stored rows of the village being written, by key, when read at once (`undefined`: each row is read by itself). */
  let villageRows: Map<string, [number, number, Buffer]> | undefined;
  const storedRow = (key: string, at: string): [number, number, Buffer] | undefined => (villageRows === undefined ? read.get(key, at) : villageRows.get(key));
  // Written 32 a statement (decision 94), every one before the flush returns (the division sums read the village rows next).
  const write = new RowInserts<string | number | Buffer>(db, table, ['key', column, 'initial', 'base', 'series']);
  const drop = db.prepare(`DELETE FROM ${table} WHERE key = ? AND ${column} = ?`);
  /** (village, key), sorted as the primary key → month → delta. */
  const pending = new PageDeltas<number>();

  const writeRow = (key: string, village: string, deltas: ReadonlyMap<number, number>): void => {
    const row = storedRow(key, village);
    const before: Series | undefined = row && row[2].byteLength > 0 ? fromBlob(row[1], row[2]) : undefined;
    let initial = row?.[0] ?? 0;
    const moves: [number, number][] = [];
    for (const [month, delta] of deltas) {
      if (month === FROM_THE_START) initial += delta;
      else moves.push([month, delta]);
    }
    const after = addDeltas(before, moves);
    if (initial === 0 && (after === undefined || isZero(after))) drop.run(key, village);
    else write.add([key, village, initial, after === undefined || isZero(after) ? 0 : after.base, after === undefined ? Buffer.alloc(0) : toBlob(after)]);
  };

  return {
    add: (village, key, month, delta) => pending.add(village, key, month, delta),
    flush: (written) => {
      pending.flush(
        (at, key, deltas) => {
          writeRow(key, at, deltas);
          written?.(key, at, deltas);
        },
        (at, rows) => {
          villageRows = undefined;
          if (rows === 1) return;
          villageRows = new Map();
          for (const [key, initial, base, series] of readVillage.iterate(at)) villageRows.set(key, [initial, base, series]);
        },
      );
      villageRows = undefined;
      write.finish();
    },
    discard: () => {
      pending.discard();
      write.discard();
    },
  };
};
