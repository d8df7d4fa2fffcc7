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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { median } from '../harness';

type Row = [string, number, string, string, string, string];

/** A write session's WAL interval, in pages of 4 KiB (SESSION_WAL_AUTOCHECKPOINT, ADR 86). */
const SESSION_WAL_PAGES = 10_000;
const PAGE_SIZES = [4096, 8192, 16_384];

interface Run {
  readonly cpuUsRow: number;
  readonly commitCpuUsRow: number;
  readonly commitWallS: number;
}

const cpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

const insertAll = async (dir: string, rows: readonly Row[], pageSize: number, round: number): Promise<Run> => {
  const file = join(dir, `page-${pageSize}-${round}.db`);
  // Set before the file holds anything: in WAL mode the page size can no longer change.
  const created = new Database(file);
  created.pragma(`page_size = ${pageSize}`);
  created.exec('CREATE TABLE page_size_probe (a)');
  created.close();
  const store = SqliteEventStore.open(file);
  const db = store.db;
  if (db.pragma('page_size', { simple: true }) !== pageSize) throw new Error(`page_size ${pageSize} was not applied`);
  db.pragma(`wal_autocheckpoint = ${Math.round((SESSION_WAL_PAGES * 4096) / pageSize)}`);
  const insert = db.prepare('INSERT INTO events (stream_id, version, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const version = db.prepare('SELECT max(version) FROM events WHERE stream_id = ?').pluck();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  let commitCpu = 0;
  let commitWall = 0n;
  const start = cpuUs();
  for (let i = 0; i < rows.length; i += 1000) {
    begin.run();
    let last: string | undefined;
    for (let j = i; j < Math.min(rows.length, i + 1000); j++) {
      const r = rows[j] as Row;
      if (r[0] !== last) {
        version.get(r[0]);
        last = r[0];
      }
      insert.run(...r);
    }
    const c0 = cpuUs();
    const w0 = process.hrtime.bigint();
    commit.run();
    commitWall += process.hrtime.bigint() - w0;
    commitCpu += cpuUs() - c0;
  }
  const total = cpuUs() - start;
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return { cpuUsRow: total / rows.length, commitCpuUsRow: commitCpu / rows.length, commitWallS: Number(commitWall) / 1e9 };
};

const main = async (): Promise<void> => {
  const [source, rowsArg, roundsArg] = process.argv.slice(2);
  if (!source) throw new Error('usage: page-size.ts STORE [ROWS] [ROUNDS]');
  const limit = Number(rowsArg ?? 300_000);
  const rounds = Number(roundsArg ?? 3);
  const src = new Database(source, { readonly: true });
  const rows = src
    .prepare(`SELECT stream_id, version, event_id, type, data, metadata FROM events WHERE stream_id LIKE 'household-%' ORDER BY position LIMIT ?`)
    .raw()
    .all(limit) as Row[];
  src.close();
  const dir = mkdtempSync(join(tmpdir(), 'hearth-page-size-'));
  const runs = new Map<number, Run[]>(PAGE_SIZES.map((p) => [p, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = PAGE_SIZES.map((_, i) => PAGE_SIZES[(i + round) % PAGE_SIZES.length] as number);
      for (const pageSize of order) {
        const run = await insertAll(dir, rows, pageSize, round);
        runs.get(pageSize)?.push(run);
        process.stderr.write(`round ${round + 1}, pages of ${pageSize} B: ${JSON.stringify(run)}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = [...runs].map(([pageSize, r]) => ({
    pageSize,
    cpuUsRow: +median(r.map((x) => x.cpuUsRow)).toFixed(2),
    commitCpuUsRow: +median(r.map((x) => x.commitCpuUsRow)).toFixed(2),
    commitWallS: +median(r.map((x) => x.commitWallS)).toFixed(2),
  }));
  process.stdout.write(`${JSON.stringify({ rows: rows.length, rounds, summary })}\n`);
};

void main();
