import type Database from 'better-sqlite3';
import type { Projection } from '../projection';

/** Every row of every projection table, each as its JSON, in the table's own column order and sorted: equal maps mean equal read models. */
export type ReadModelRows = ReadonlyMap<string, readonly string[]>;

export const readModelRows = (db: Database.Database, projections: readonly Projection[]): ReadModelRows =>
  new Map(
    readModelTables(projections).map((table) => [table, db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort()]),
  );

/** The projections' tables, sorted by name. */
export const readModelTables = (projections: readonly Projection[]): string[] => projections.flatMap((p) => p.tables).sort();

/**
 * One table's rows one at a time, ordered by every column in turn with the BINARY
 * collation whatever the columns declare (compareRowValues is that order in JavaScript),
 * so that two databases' copies of a table can be compared by merging, holding no rows.
 */
export const orderedTableRows = (db: Database.Database, table: string): IterableIterator<Record<string, unknown>> => {
  const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name);
  const order = columns.map((c) => `"${c.replaceAll('"', '""')}" COLLATE BINARY`).join(', ');
  return db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}${order === '' ? '' : ` ORDER BY ${order}`}`).iterate();
};

/** SQLite's storage classes in its sort order: NULL, numbers (integer and real alike), text, blob. */
const classOf = (v: unknown): number => (v === null || v === undefined ? 0 : typeof v === 'number' || typeof v === 'bigint' ? 1 : typeof v === 'string' ? 2 : 3);

/** UTF-16 code units reordered so that comparing them orders strings by code point, as BINARY compares UTF-8 bytes. */
const codePointOrder = (c: number): number => (c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c);

const compareText = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) - codePointOrder(y);
  }
  return a.length - b.length;
};

const compareValue = (a: unknown, b: unknown): number => {
  const ca = classOf(a);
  const cb = classOf(b);
  if (ca !== cb) return ca - cb;
  if (ca === 1) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ca === 2) return a === b ? 0 : compareText(a as string, b as string);
  if (ca === 3) return Buffer.compare(a as Buffer, b as Buffer);
  return 0;
};

/** The order of orderedTableRows: column by column, as SQLite's ORDER BY with the BINARY collation sorts them. */
export const compareRowValues = (a: readonly unknown[], b: readonly unknown[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareValue(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
};
