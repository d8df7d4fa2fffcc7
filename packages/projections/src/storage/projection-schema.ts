import type Database from 'better-sqlite3';
import type { Projection } from '../projection';
import type { Checkpoints } from './checkpoints';

/** Drops a projection's tables, creates them empty and sets its checkpoint to the start of the log. */
export const resetProjection = (db: Database.Database, checkpoints: Checkpoints, p: Projection): void => {
  for (const table of p.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(p.schema);
  checkpoints.set({ name: p.name, version: p.version, position: 0 });
};

/**
 * Makes every projection's tables exist at its current version. A projection whose
 * stored version differs (or that has never run) is reset, so the next catch-up
 * rebuilds it from the log by itself. Returns the names that were reset.
 */
export const ensureProjections = (db: Database.Database, checkpoints: Checkpoints, projections: readonly Projection[]): string[] => {
  const reset: string[] = [];
  db.transaction(() => {
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
  }).immediate();
  return reset;
};
