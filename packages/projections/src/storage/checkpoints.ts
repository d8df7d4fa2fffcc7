import type Database from 'better-sqlite3';
import { withWriteLock } from './write-lock';

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  /** Global position of the last event the projection has taken into account. */
  readonly position: number;
}

/**
 * `projection_checkpoints(name, version, position)`: written in the same transaction as
 * the read-model rows it covers, so after any crash the two agree.
 */
export class Checkpoints {
  private readonly selectAll;
  private readonly upsert;
  private readonly remove;

  constructor(db: Database.Database) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'").get() !== undefined;
    // Only the first opening writes (under the write lock): readers of an existing file take no lock.
    if (!exists)
      withWriteLock(db, () =>
        db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
          name TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          position INTEGER NOT NULL
        )`),
      );
    this.selectAll = db.prepare<[], Checkpoint>('SELECT name, version, position FROM projection_checkpoints');
    this.upsert = db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM projection_checkpoints WHERE name = ?');
  }

  all(): Map<string, Checkpoint> {
    return new Map(this.selectAll.all().map((c) => [c.name, c]));
  }

  set(c: Checkpoint): void {
    this.upsert.run(c.name, c.version, c.position);
  }

  /** Forgets a projection that no longer exists (projections/retired-projections.ts). */
  delete(name: string): void {
    this.remove.run(name);
  }
}
