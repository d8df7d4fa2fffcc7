/**
 * What the SQLite-alone write benches share (wal-interval.ts, page-size.ts): an imported
 * store's household rows read back in position order, and inserted into a fresh store
 * (the real schema, `SqliteEventStore.open`) as the adapter writes them — transactions
 * of 1,000 rows, `SELECT max(version)` at a stream's first row in a transaction — with
 * the settings a bench compares applied first, rotated round by round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { cpuClock, median } from '../harness';
import { removeSqliteFile } from '../sqlite-files';

/** An `events` row in column order (stream_id, version, event_id, type, data, metadata). */
export type Row = [string, number, string, string, string, string];

/** One insert of every row: CPU a row (user + system), of which the `COMMIT`s, and the `COMMIT`s' wall time. */
export interface ReplayRun {
  readonly cpuUsRow: number;
  readonly commitCpuUsRow: number;
  readonly commitWallS: number;
}

/** How a compared setting is applied: `create` before the store opens the file (an empty file), `open` to the opened store's connection. */
export interface ReplaySetting {
  readonly label: string;
  readonly create?: (file: string) => void;
  readonly open?: (db: Database.Database) => void;
}

/** The first `limit` household rows of an imported store, in position order. */
export const householdRows = (source: string, limit: number): Row[] => {
  const src = new Database(source, { readonly: true });
  try {
    return src
      .prepare(`SELECT stream_id, version, event_id, type, data, metadata FROM events WHERE stream_id LIKE 'household-%' ORDER BY position LIMIT ?`)
      .raw()
      .all(limit) as Row[];
  } finally {
    src.close();
  }
};

/** CPU time of this process so far, in µs. */
export const cpuUs = (): number => 1000 * cpuClock();

const replay = async (file: string, rows: readonly Row[], setting: ReplaySetting): Promise<ReplayRun> => {
  setting.create?.(file);
  const store = SqliteEventStore.open(file);
  const db = store.db;
  setting.open?.(db);
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
  removeSqliteFile(file);
  return { cpuUsRow: total / rows.length, commitCpuUsRow: commitCpu / rows.length, commitWallS: Number(commitWall) / 1e9 };
};

/**
 * Replays the first `limit` household rows of `source` once a round under each setting,
 * the settings rotated round by round; prints each run on stderr and returns, per setting,
 * the medians of its rounds.
 */
export const replayRows = async (source: string, limit: number, rounds: number, settings: readonly ReplaySetting[]): Promise<{ rows: number; summary: (ReplayRun & { setting: string })[] }> => {
  const rows = householdRows(source, limit);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-replay-rows-'));
  const runs = settings.map(() => [] as ReplayRun[]);
  try {
    for (let round = 0; round < rounds; round++)
      for (let k = 0; k < settings.length; k++) {
        const i = (k + round) % settings.length;
        const setting = settings[i] as ReplaySetting;
        const run = await replay(join(dir, `replay-${i}-${round}.db`), rows, setting);
        runs[i]?.push(run);
        process.stderr.write(`round ${round + 1}, ${setting.label}: ${JSON.stringify(run)}\n`);
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = settings.map((s, i) => {
    const r = runs[i] as ReplayRun[];
    return {
      setting: s.label,
      cpuUsRow: +median(r.map((x) => x.cpuUsRow)).toFixed(2),
      commitCpuUsRow: +median(r.map((x) => x.commitCpuUsRow)).toFixed(2),
      commitWallS: +median(r.map((x) => x.commitWallS)).toFixed(2),
    };
  });
  return { rows: rows.length, summary };
};

/**
 * A replay bench's whole run: `npx tsx SCRIPT STORE [ROWS=300000] [ROUNDS=3]`, every setting
 * replayed, one JSON line on stdout (the rows, the rounds, each setting's medians).
 */
export const replayMain = async (script: string, settings: readonly ReplaySetting[]): Promise<void> => {
  const [source, rowsArg, roundsArg] = process.argv.slice(2);
  if (!source) throw new Error(`usage: ${script} STORE [ROWS] [ROUNDS]`);
  const rounds = Number(roundsArg ?? 3);
  const { rows, summary } = await replayRows(source, Number(rowsArg ?? 300_000), rounds, settings);
  process.stdout.write(`${JSON.stringify({ rows, rounds, summary })}\n`);
};
