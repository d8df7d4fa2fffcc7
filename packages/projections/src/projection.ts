import type Database from 'better-sqlite3';
import type { EventType } from '@hearth/domain';
import type { ProjectedEvent } from './projected-event';

/**
 * A projection: a versioned fold of household events into SQLite tables.
 *
 * Bump `version` whenever `schema` or the meaning of a row changes: the runner then
 * drops the tables and rebuilds them from the log by itself at the next start.
 */
export interface Projection {
  /** Stable name, the key of its checkpoint. */
  readonly name: string;
  readonly version: number;
  /** Event types the projection reacts to (others only move its checkpoint). */
  readonly handles: readonly EventType[];
  /** The tables it owns, dropped on rebuild. */
  readonly tables: readonly string[];
  /** DDL creating those tables (idempotent: CREATE … IF NOT EXISTS). */
  readonly schema: string;
  /** Prepares the statements once per connection; the writer runs inside the runner's transaction. */
  writer(db: Database.Database): ProjectionWriter;
}

export interface ProjectionWriter {
  apply(event: ProjectedEvent): void;
  /**
   * Writes what `apply` held back for the page (rows touched by several of its events are
   * written once, in key order). The runner calls it once at the end of every page, in the
   * page's transaction, before the checkpoint. Afterwards the writer holds nothing of the
   * page: the next page may follow another process's commit, so state kept across
   * transactions could be stale.
   */
  flush?(): void;
  /** Drops what `apply` held back, unwritten: the page's transaction failed and rolls back. */
  discard?(): void;
}
