import type Database from 'better-sqlite3';
import type { DivisionTree, Policy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import type { Projection } from './projection';
import { ALL_PROJECTIONS } from './projections/all-projections';
import { Reports } from './reports/reports';
import { ProjectionRunner, RunnerOptions, RunnerProgress } from './runner/projection-runner';
import { Checkpoints } from './storage/checkpoints';
import { projectionDatabase } from './storage/projection-database';
import { ensureProjections } from './storage/projection-schema';

export interface ProjectionsOptions {
  readonly policy: Policy;
  readonly divisions: DivisionTree;
  /** Where the read models live. Default: the SQLite store's own connection, else a private in-memory database. */
  readonly db?: Database.Database;
  /** Default: every projection the reports need. */
  readonly projections?: readonly Projection[];
  readonly runner?: RunnerOptions;
}

export interface Projections {
  readonly runner: ProjectionRunner;
  readonly reports: Reports;
  /** Projections reset at open because their version changed (or they never ran): the next catch-up rebuilds them. */
  readonly reset: readonly string[];
  /** Drops and rebuilds the named projections (default: all) from the log. */
  rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void): Promise<number>;
  /** Stops the runner; closes the database if this package opened it (never the store). */
  close(): Promise<void>;
}

const headOf = (db: Database.Database): (() => number | undefined) => {
  const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
  if (!hasEvents) return () => undefined;
  const max = db.prepare<[], number | null>('SELECT max(position) FROM events').pluck();
  return () => max.get() ?? 0;
};

/**
 * The read side in one call: makes the projections' tables exist at their current
 * versions (resetting any whose version changed), and returns the runner that keeps them
 * up to date and the reports that read them. Call `runner.catchUp()` (or `start()` to
 * follow live) before reading reports.
 */
export const openProjections = (store: EventStore, opts: ProjectionsOptions): Projections => {
  const { db, owned } = projectionDatabase(store, opts.db);
  const projections = opts.projections ?? ALL_PROJECTIONS;
  const checkpoints = new Checkpoints(db);
  const reset = ensureProjections(db, checkpoints, projections);
  const runner = new ProjectionRunner(store, db, checkpoints, projections, { head: headOf(db), ...opts.runner });
  const reports = new Reports(db, opts.policy, opts.divisions);
  return {
    runner,
    reports,
    reset,
    rebuild: (names, onProgress) => runner.rebuild(names, onProgress),
    close: async () => {
      await runner.stop();
      if (owned) db.close();
    },
  };
};
