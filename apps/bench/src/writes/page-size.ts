/**
 * What the page size costs an import's rows, SQLite alone: the household rows of an
 * imported store, read back in position order and inserted into a fresh store (the real
 * schema, `SqliteEventStore.open`, WAL and `synchronous = NORMAL`, the file created with
 * the page size set before anything else) in transactions of 1,000 rows, with
 * `SELECT max(version)` at a stream's first row in a transaction as the adapter does;
 * pages of 4, 8 and 16 KiB rotated round by round, `wal_autocheckpoint` at the same bytes
 * as a write session's 10,000 pages of 4 KiB (ADR 86). Prints per page size the median of
 * the rounds: CPU a row (user + system), of which the `COMMIT`s, and the `COMMIT`s' wall time.
 *
 *   npx tsx apps/bench/src/writes/page-size.ts STORE [ROWS] [ROUNDS]
 *
 * STORE is a SQLite store an import wrote. A measuring aid for docs/performance/writes.md
 * ("The import, sixth pass"), not part of `npm test`; the store's page size is not changed.
 */
import Database from 'better-sqlite3';
import { replayMain } from './replay-rows';

/** A write session's WAL interval, in pages of 4 KiB (SESSION_WAL_AUTOCHECKPOINT, ADR 86). */
const SESSION_WAL_PAGES = 10_000;
const PAGE_SIZES = [4096, 8192, 16_384];

void replayMain(
  'page-size.ts',
  PAGE_SIZES.map((pageSize) => ({
    label: `pages of ${pageSize} B`,
    // Set before the file holds anything: in WAL mode the page size can no longer change.
    create: (file) => {
      const created = new Database(file);
      created.pragma(`page_size = ${pageSize}`);
      created.exec('CREATE TABLE page_size_probe (a)');
      created.close();
    },
    open: (db) => {
      if (db.pragma('page_size', { simple: true }) !== pageSize) throw new Error(`page_size ${pageSize} was not applied`);
      db.pragma(`wal_autocheckpoint = ${Math.round((SESSION_WAL_PAGES * 4096) / pageSize)}`);
    },
  })),
);
