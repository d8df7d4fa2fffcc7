import type Database from 'better-sqlite3';
import type { Projection } from '../projection';

/** Every row of every projection table, each as its JSON, in the table's own column order and sorted: equal maps mean equal read models. */
export type ReadModelRows = ReadonlyMap<string, readonly string[]>;

export const readModelRows = (db: Database.Database, projections: readonly Projection[]): ReadModelRows =>
  new Map(
    projections
      .flatMap((p) => p.tables)
      .sort()
      .map((table) => [table, db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort()]),
  );
