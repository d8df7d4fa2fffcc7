import type Database from 'better-sqlite3';
import type { EventType } from '@hearth/domain';
import type { ProjectedEvent } from './projected-event';

/**
 * A secondary index of a projection's table (its primary key is part of the table):
 * what the reports read by. No writer reads through one (a writer finds its rows by
 * primary key), so a catch-up far behind the log may leave them out and build them once
 * it reaches the head (docs/decisions/0075).
 */
export interface SecondaryIndex {
  readonly name: string;
  readonly table: string;
  /** The indexed columns, as in `CREATE INDEX name ON table (on)`. */
  readonly on: string;
  /** A partial index's condition: the rows it holds. */
  readonly where?: string;
}

/**
 * A projection: a versioned fold of household events into SQLite tables.
 *
 * Bump `version` whenever `schema`, `indexes` or the meaning of a row changes: the runner
 * then drops the tables and rebuilds them from the log by itself at the next start.
 */
export interface Projection {
  /** Stable name, the key of its checkpoint. */
  readonly name: string;
  readonly version: number;
  /** Event types the projection reacts to (others only move its checkpoint). */
  readonly handles: readonly EventType[];
  /** The tables it owns, dropped on rebuild. */
  readonly tables: readonly string[];
  /** DDL creating those tables (idempotent: CREATE TABLE … IF NOT EXISTS), without their secondary indexes. */
  readonly schema: string;
  /** The tables' secondary indexes: declared here only, created and dropped by the runner (storage/secondary-indexes.ts). */
  readonly indexes?: readonly SecondaryIndex[];
  /** Prepares the statements once per connection; the writer runs inside the runner's transaction. */
  writer(db: Database.Database): ProjectionWriter;
  /**
   * What the process's projection keeps differently from the tables as stored, brought in
   * line at open without reading the log: the division counters move their per-division
   * sums to the process's tree when it extends the one they were kept under (decision 79).
   * `ensureProjections` asks `needed` in a read, and runs `run` under the write lock.
   */
  readonly settle?: ProjectionSettling;
}

export interface ProjectionSettling {
  needed(db: Database.Database): boolean;
  run(db: Database.Database): void;
}

export interface ProjectionWriter {
  /**
   * Called before a page's events, in its transaction, with the projection's checkpoint as
   * the transaction read it. A writer that keeps state from one page to the next (the
   * counters' household records, decision 106) keeps it only when that checkpoint is the
   * one its own last `committed` page reached: otherwise something else wrote the tables
   * since, or its page rolled back.
   */
  begin?(from: number): void;
  apply(event: ProjectedEvent): void;
  /**
   * Writes what `apply` held back for the page (rows touched by several of its events are
   * written once, in key order). The runner calls it once at the end of every page, in the
   * page's transaction, before the checkpoint. Afterwards the writer holds nothing of the
   * page that it has not written: the next page may follow another process's commit, so
   * state kept across transactions is used again only as `begin` allows.
   */
  flush?(): void;
  /** A catch-up page's transaction committed, the projection's checkpoint now at `position` (a live event's is not announced). */
  committed?(position: number): void;
  /**
   * Drops what `apply` held back, unwritten, and whatever is kept from page to page: the
   * page's transaction failed and rolls back, or a catch-up reached the head or the bound it
   * was given (then nothing is held back, and what was kept is let go rather than held
   * through live events).
   */
  discard?(): void;
}
