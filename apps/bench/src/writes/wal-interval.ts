/**
 * What the WAL's checkpoint interval costs an import's rows, SQLite alone: the household
 * rows of an imported store, read back in position order and inserted into a fresh store
 * (the real schema, `SqliteEventStore.open`, WAL and `synchronous = NORMAL`) in
 * transactions of 1,000 rows, with `SELECT max(version)` at a stream's first row in a
 * transaction as the adapter does; `wal_autocheckpoint` at 1,000 pages (SQLite's default,
 * the store's outside write sessions) and at 10,000 (a write session's, ADR 86),
 * alternated round by round. Prints per interval the median of the rounds: CPU a row
 * (user + system), of which the `COMMIT`s (where the checkpoints run), and the wall time
 * of the `COMMIT`s (the checkpoints' syncs wait there).
 *
 *   npx tsx apps/bench/src/writes/wal-interval.ts STORE [ROWS] [ROUNDS]
 *
 * STORE is a SQLite store an import wrote (e.g. a 20,000-household one). A measuring aid
 * for docs/performance/writes.md, not part of `npm test`.
 */
import { replayMain } from './replay-rows';

void replayMain(
  'wal-interval.ts',
  [1000, 10_000].map((interval) => ({ label: `${interval} pages`, open: (db) => void db.pragma(`wal_autocheckpoint = ${interval}`) })),
);
