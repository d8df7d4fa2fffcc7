import type Database from 'better-sqlite3';

/** Every row of `table`, blobs as hex, in one order whatever the table's key (sorted by the row's JSON). */
export const tableRows = (db: Database.Database, table: string): unknown[][] =>
  db
    .prepare(`SELECT * FROM ${table}`)
    .raw()
    .all()
    .map((row) => (row as unknown[]).map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
