import type Database from 'better-sqlite3';
import type { Projection } from '../projection';
import { RETIRED_PROJECTIONS } from '../projections/retired-projections';
import type { Checkpoints } from './checkpoints';
import { createIndexes } from './secondary-indexes';
import { withWriteLock } from './write-lock';

/** Drops a projection's tables, creates them empty with their indexes and sets its checkpoint to the start of the log. */
export const resetProjection = (db: Database.Database, checkpoints: Checkpoints, p: Projection): void => {
  for (const table of p.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(p.schema);
  createIndexes(db, p);
  checkpoints.set({ name: p.name, version: p.version, position: 0 });
};

/**
 * Makes every projection's tables exist at its current version. A projection whose
 * stored version differs (or that has never run) is reset, so the next catch-up
 * rebuilds it from the log by itself. Returns the names that were reset.
 *
 * When every checkpoint is at the code's version, every table exists and no projection
 * needs settling (the usual case) nothing is written, so opening the read models to read
 * them takes no write lock. A projection that keeps its tables differently from how they
 * are stored, in a way it can mend without the log (`settle`: the division counters' sums
 * under a tree that extends the stored one), mends them here under the write lock.
 * Secondary indexes missing from a projection at its version are left to the runner: a
 * catch-up far behind the log that was interrupted left them out on purpose, and the next
 * catch-up creates them when it reaches the head (docs/decisions/0075). The tables and
 * checkpoint of a retired projection (one another now keeps, decision 110) are dropped.
 */
export const ensureProjections = (db: Database.Database, checkpoints: Checkpoints, projections: readonly Projection[]): string[] => {
  const current = (): boolean => {
    const stored = checkpoints.all();
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    const retiredLeft = RETIRED_PROJECTIONS.some((r) => stored.has(r.name) || r.tables.some((t) => tables.has(t)));
    return !retiredLeft && projections.every((p) => stored.get(p.name)?.version === p.version && p.tables.every((t) => tables.has(t)));
  };
  const unsettled = (p: Projection): boolean => p.settle?.needed(db) === true;
  // Asked again under the lock: another process may have settled them meanwhile.
  const settle = (): void => projections.filter(unsettled).forEach((p) => p.settle?.run(db));
  if (current()) {
    if (projections.some(unsettled)) withWriteLock(db, settle);
    return [];
  }
  const reset: string[] = [];
  withWriteLock(db, () => {
    for (const r of RETIRED_PROJECTIONS) {
      for (const table of r.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
      checkpoints.delete(r.name);
    }
    const stored = checkpoints.all();
    for (const p of projections) {
      const c = stored.get(p.name);
      if (c?.version === p.version) {
        db.exec(p.schema);
      } else {
        resetProjection(db, checkpoints, p);
        reset.push(p.name);
      }
    }
    settle();
  });
  return reset;
};
