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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { median } from '../harness';

type Row = [string, number, string, string, string, string];

interface Run {
  readonly cpuUsRow: number;
  readonly commitCpuUsRow: number;
  readonly commitWallS: number;
}

const cpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

const insertAll = async (dir: string, rows: readonly Row[], interval: number, round: number): Promise<Run> => {
  const file = join(dir, `wal-${interval}-${round}.db`);
  const store = SqliteEventStore.open(file);
  const db = store.db;
  db.pragma(`wal_autocheckpoint = ${interval}`);
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
  if (!source) throw new Error('usage: wal-interval.ts STORE [ROWS] [ROUNDS]');
  const limit = Number(rowsArg ?? 300_000);
  const rounds = Number(roundsArg ?? 3);
  const src = new Database(source, { readonly: true });
  const rows = src
    .prepare(`SELECT stream_id, version, event_id, type, data, metadata FROM events WHERE stream_id LIKE 'household-%' ORDER BY position LIMIT ?`)
    .raw()
    .all(limit) as Row[];
  src.close();
  const dir = mkdtempSync(join(tmpdir(), 'hearth-wal-interval-'));
  const runs = new Map<number, Run[]>([[1000, []], [10_000, []]]);
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [1000, 10_000] : [10_000, 1000];
      for (const interval of order) {
        const run = await insertAll(dir, rows, interval, round);
        runs.get(interval)?.push(run);
        process.stderr.write(`round ${round + 1}, ${interval} pages: ${JSON.stringify(run)}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = [...runs].map(([interval, r]) => ({
    walAutocheckpoint: interval,
    cpuUsRow: +median(r.map((x) => x.cpuUsRow)).toFixed(2),
    commitCpuUsRow: +median(r.map((x) => x.commitCpuUsRow)).toFixed(2),
    commitWallS: +median(r.map((x) => x.commitWallS)).toFixed(2),
  }));
  process.stdout.write(`${JSON.stringify({ rows: rows.length, rounds, summary })}\n`);
};

void main();
