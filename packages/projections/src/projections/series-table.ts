import type Database from 'better-sqlite3';
import { addFrom, fromBlob, isZero, Series, toBlob } from './village-series';

/**
 * The month index meaning "from the start, before any month": a delta added there is
 * held in the row's `initial` (a baseline household counts in its first village in every
 * year before its first event, domain.md §5.1), so that no series has to reach back to
 * the first year a report could be asked for.
 */
export const FROM_THE_START = -1;

/** DDL of a table of per-village cumulative monthly series: value at month i = initial + the series at i. */
export const seriesTableSchema = (table: string): string => `
    CREATE TABLE IF NOT EXISTS ${table} (
      key TEXT NOT NULL,
      village TEXT NOT NULL,
      initial INTEGER NOT NULL,
      base INTEGER NOT NULL,
      series BLOB NOT NULL,
      PRIMARY KEY (key, village)
    ) WITHOUT ROWID;`;

/** Adds `delta` to a village's counter from month `month` on (FROM_THE_START: from the start); a row back to zero everywhere is deleted, so equal counters are equal rows. */
export const seriesWriter = (db: Database.Database, table: string): ((village: string, key: string, month: number, delta: number) => void) => {
  const read = db.prepare<[string, string], { initial: number; base: number; series: Buffer }>(`SELECT initial, base, series FROM ${table} WHERE key = ? AND village = ?`);
  const write = db.prepare(`INSERT OR REPLACE INTO ${table} (key, village, initial, base, series) VALUES (?, ?, ?, ?, ?)`);
  const drop = db.prepare(`DELETE FROM ${table} WHERE key = ? AND village = ?`);
  return (village, key, month, delta) => {
    const row = read.get(key, village);
    const before: Series | undefined = row && row.series.byteLength > 0 ? fromBlob(row.base, row.series) : undefined;
    const initial = (row?.initial ?? 0) + (month === FROM_THE_START ? delta : 0);
    const after = month === FROM_THE_START ? before : addFrom(before, month, delta);
    if (initial === 0 && (after === undefined || isZero(after))) drop.run(key, village);
    else write.run(key, village, initial, after === undefined || isZero(after) ? 0 : after.base, after === undefined ? Buffer.alloc(0) : toBlob(after));
  };
};
