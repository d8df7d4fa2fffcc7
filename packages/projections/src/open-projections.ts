import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { DivisionTree, Policy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { ReportAside } from './aside/report-aside';
import type { Projection } from './projection';
import { projectionsFor } from './projections/all-projections';
import { Reports } from './reports/reports';
import { ProjectionRunner, RebuildOptions, RunnerOptions, RunnerProgress } from './runner/projection-runner';
import { Checkpoints } from './storage/checkpoints';
import { projectionDatabase } from './storage/projection-database';
import { connectReadModels } from './storage/read-model-file';
import { orderedTableRows, readModelRows, ReadModelRows, readModelTables } from './storage/read-model-rows';
import { bindReadModelsToLog } from './storage/read-model-source';
import { ensureProjections } from './storage/projection-schema';
import { standingPosition } from './storage/standing-position';

export interface ProjectionsOptions {
  readonly policy: Policy;
  readonly divisions: DivisionTree;
  /** Where the read models live. Default: `readModels`, else the store's embedded read-model database (SQLite), else a private in-memory database. */
  readonly db?: Database.Database;
  /** `sqlite:PATH`: the read models live in that file of their own, whatever the store (docs/decisions/0058). */
  readonly readModels?: string;
  /** Default: every projection the reports need, the division counters' per-division sums kept under `divisions`. */
  readonly projections?: readonly Projection[];
  readonly runner?: RunnerOptions;
}

/** The read models as one read transaction sees them: every projection at `position`. */
export interface ReadModelView {
  readonly position: number;
  readonly reports: Reports;
  /** Every row of every table (for audits: see ReadModelRows). */
  rows(): ReadModelRows;
  /** The projections' tables, sorted by name. */
  readonly tables: readonly string[];
  /** One table's rows one at a time in the order compareRowValues sorts them: an audit compares two copies holding no rows. */
  orderedRows(table: string): IterableIterator<Record<string, unknown>>;
}

export interface Projections {
  readonly runner: ProjectionRunner;
  readonly reports: Reports;
  /** Projections reset at open because their version changed (or they never ran): the next catch-up rebuilds them. */
  readonly reset: readonly string[];
  /** Where the read models live, for messages: "the store's database", a file path, or "memory". */
  readonly where: string;
  /**
   * With read models in a file of their own: makes sure the file was built from this
   * store's log (ReadModelsOfAnotherLogError otherwise), recording which log it is the
   * first time. Elsewhere nothing to check. (Read models built from events the log no longer
   * holds are refused by the catch-up: ReadModelsAheadOfLogError.)
   */
  checkSource(): Promise<void>;
  /**
   * Runs `f` inside one read transaction — a snapshot that no commit of a batch or a
   * reset can change half-way — provided every projection stands at one and the same
   * position, at least `atLeast`, in that snapshot. `undefined` otherwise (behind the log,
   * or reset by a rebuild in another process): catch up and ask again.
   */
  readAt<T>(atLeast: number, f: (view: ReadModelView) => T): { value: T; position: number } | undefined;
  /**
   * Reads reports in a worker thread of its own (docs/decisions/0112), when the read
   * models live in a file another connection can open; `undefined` in memory.
   */
  readonly aside: ReportAside | undefined;
  /** Drops and rebuilds the named projections (default: all) from the log; `exclusive`: see RebuildOptions. */
  rebuild(names?: readonly string[], onProgress?: (p: RunnerProgress) => void, opts?: RebuildOptions): Promise<number>;
  /** Stops the runner; closes the database if this package opened it (never the store). */
  close(): Promise<void>;
}

/**
 * The read side in one call: makes the projections' tables exist at their current
 * versions (resetting any whose version changed), and returns the runner that keeps them
 * up to date and the reports that read them. Call `runner.catchUp()` (or `start()` to
 * follow live) before reading reports.
 */
export const openProjections = (store: EventStore, opts: ProjectionsOptions): Projections => {
  const { db, owned, where, file } = projectionDatabase(store, opts.db, opts.readModels);
  const projections = opts.projections ?? projectionsFor(opts.divisions);
  const checkpoints = new Checkpoints(db);
  const reset = ensureProjections(db, checkpoints, projections);
  // Read models in a file may be rebuilt stream by stream on a connection of its own: theirs always (decision 119),
  // the store's own only in an exclusive rebuild (decision 120). No file for a database handed over, or one in memory.
  const runner = new ProjectionRunner(store, db, checkpoints, projections, {
    ...(file === undefined ? {} : { rebuildConnection: () => connectReadModels(file), rebuildConnectionIsTheStore: opts.readModels === undefined }),
    ...opts.runner,
  });
  const reports = new Reports(db, opts.policy, opts.divisions);
  const projectionNames = projections.map((p) => p.name);
  const aside = file === undefined ? undefined : new ReportAside({ file: resolve(file), policy: opts.policy, divisions: opts.divisions.all, projections: projectionNames });
  const readAt = db.transaction((atLeast: number, f: (view: ReadModelView) => unknown): { value: unknown; position: number } | undefined => {
    const position = standingPosition(checkpoints.all(), projectionNames);
    if (position === undefined || position < atLeast) return undefined;
    const view: ReadModelView = {
      position,
      reports,
      rows: () => readModelRows(db, projections),
      tables: readModelTables(projections),
      orderedRows: (table) => orderedTableRows(db, table),
    };
    return { value: f(view), position };
  });
  return {
    runner,
    reports,
    reset,
    where,
    checkSource: async () => {
      if (opts.readModels !== undefined) await bindReadModelsToLog(db, store, where);
    },
    // Deferred: a transaction that only reads takes no write lock, and in WAL mode it reads one snapshot throughout.
    readAt: <T>(atLeast: number, f: (view: ReadModelView) => T) => readAt(atLeast, f) as { value: T; position: number } | undefined,
    aside,
    rebuild: (names, onProgress, rebuildOpts) => runner.rebuild(names, onProgress, rebuildOpts),
    close: async () => {
      await aside?.close();
      await runner.stop();
      if (owned) db.close();
    },
  };
};
