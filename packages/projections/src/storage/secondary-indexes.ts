import type Database from 'better-sqlite3';
import type { Projection, SecondaryIndex } from '../projection';

const ddlOf = (ix: SecondaryIndex): string =>
  `CREATE INDEX IF NOT EXISTS ${ix.name} ON ${ix.table} (${ix.on})${ix.where === undefined ? '' : ` WHERE ${ix.where}`}`;

/** Creates the projection's secondary indexes that are missing (each sorts its table once). */
export const createIndexes = (db: Database.Database, p: Projection): void => {
  for (const ix of p.indexes ?? []) db.exec(ddlOf(ix));
};

/** Drops the projection's secondary indexes (its tables and their primary keys stay). */
export const dropIndexes = (db: Database.Database, p: Projection): void => {
  for (const ix of p.indexes ?? []) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
};

/** Reads the names of the indexes the database holds at the time of the call (in the caller's transaction). */
export const indexesPresent = (db: Database.Database): (() => ReadonlySet<string>) => {
  const names = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index'").pluck();
  return () => new Set(names.all());
};

/** True when some secondary index the projection declares is not in `present`. */
export const lacksIndexes = (p: Projection, present: ReadonlySet<string>): boolean => (p.indexes ?? []).some((ix) => !present.has(ix.name));
