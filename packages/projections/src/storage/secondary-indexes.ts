import type Database from 'better-sqlite3';
import type { Projection, SecondaryIndex } from '../projection';
import { withWriteLock } from './write-lock';

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

/**
 * Reads the names of the indexes the database holds at the time of the call (in the
 * caller's transaction). SQLite's schema cookie changes with every change to the schema,
 * from any connection: while it stands still the names read last are still the names, so
 * a live event pays one pragma, not a read of the schema.
 */
export const indexesPresent = (db: Database.Database): (() => ReadonlySet<string>) => {
  const cookie = db.prepare<[], number>('PRAGMA schema_version').pluck();
  const names = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index'").pluck();
  let seen: number | undefined;
  let present: ReadonlySet<string> = new Set();
  return () => {
    const now = cookie.get() as number;
    if (now !== seen) {
      present = new Set(names.all());
      seen = now;
    }
    return present;
  };
};

/** True when some secondary index the projection declares is not in `present`. */
export const lacksIndexes = (p: Projection, present: ReadonlySet<string>): boolean => (p.indexes ?? []).some((ix) => !present.has(ix.name));

/**
 * Creates, in one write transaction, the secondary indexes any of `projections` lacks
 * (`present`: `indexesPresent`'s reader); when none lacks any, it costs one read of them.
 * A catch-up ends with it: the page that reached the head created those a bulk catch-up
 * left out, and this also covers a log that ended exactly at a full page, or was empty.
 */
export const completeIndexes = (db: Database.Database, projections: readonly Projection[], present: () => ReadonlySet<string>): void => {
  const now = present();
  if (!projections.some((p) => lacksIndexes(p, now))) return;
  withWriteLock(db, () => {
    const locked = present();
    for (const p of projections) if (lacksIndexes(p, locked)) createIndexes(db, p);
  });
};
