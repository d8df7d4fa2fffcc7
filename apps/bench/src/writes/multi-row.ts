/**
 * Whether one `INSERT` statement of several rows stores an import's rows for less CPU than
 * one `INSERT` a row (fewer better-sqlite3 calls, fewer statement starts): the household
 * rows of an imported store, read back in position order and inserted into a fresh file in
 * transactions of 1,000 rows, `SELECT max(version)` at a stream's first row in a
 * transaction as the adapter does (on the indexed table only), the rows grouped N to a statement (`VALUES (…), (…)`;
 * what does not fill a group at a transaction's end one row a statement). Two tables: the
 * `events` table as the store creates it (`SqliteEventStore.open`: its three indexes), and
 * the same columns with no index but the rowid; on the `events` table also `INSERT OR FAIL`,
 * as a write session writes (an `ABORT` statement of several rows keeps a statement
 * journal to undo its own earlier rows; `FAIL` does not). Variants rotated round by round;
 * prints per variant the median CPU a row (user + system) and of which the `COMMIT`s.
 *
 *   npx tsx apps/bench/src/writes/multi-row.ts STORE [ROWS=200000] [ROUNDS=3]
 *
 * A measuring aid for docs/performance/writes.md ("The import, seventh pass"), not part
 * of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { median } from '../harness';
import { removeSqliteFile } from '../sqlite-files';
import { cpuUs, householdRows, type Row } from './replay-rows';


const COLUMNS = '(stream_id, version, event_id, type, data, metadata)';
const ROW = '(?, ?, ?, ?, ?, ?)';
const BARE = 'CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)';


const open = (file: string, indexed: boolean): { db: Database.Database; close: () => Promise<void> } => {
  if (indexed) {
    const store = SqliteEventStore.open(file);
    return { db: store.db, close: () => store.close() };
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(BARE);
  return { db, close: async () => void db.close() };
};

interface Variant {
  readonly indexed: boolean;
  readonly n: number;
  readonly orFail: boolean;
}

const VARIANTS: readonly Variant[] = [
  { indexed: true, n: 1, orFail: false },
  { indexed: true, n: 8, orFail: false },
  { indexed: true, n: 8, orFail: true },
  { indexed: true, n: 32, orFail: true },
  { indexed: false, n: 1, orFail: false },
  { indexed: false, n: 8, orFail: false },
];

const label = ({ indexed, n, orFail }: Variant): string => `${indexed ? 'events' : 'no index'}, ${n} a statement${orFail ? ', OR FAIL' : ''}`;

const insertAll = async (file: string, rows: readonly Row[], { indexed, n, orFail }: Variant): Promise<{ cpuUsRow: number; commitCpuUsRow: number }> => {
  const { db, close } = open(file, indexed);
  const insert = orFail ? 'INSERT OR FAIL' : 'INSERT';
  const one = db.prepare(`${insert} INTO events ${COLUMNS} VALUES ${ROW}`);
  const many = db.prepare(`${insert} INTO events ${COLUMNS} VALUES ${Array.from({ length: n }, () => ROW).join(', ')}`);
  const version = db.prepare('SELECT max(version) FROM events WHERE stream_id = ?').pluck();
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const group: unknown[] = [];
  let commitCpu = 0;
  const start = cpuUs();
  for (let i = 0; i < rows.length; i += 1000) {
    begin.run();
    let last: string | undefined;
    for (let j = i; j < Math.min(rows.length, i + 1000); j++) {
      const r = rows[j] as Row;
      // Without the (stream_id, version) index this read would scan the table.
      if (indexed && r[0] !== last) {
        version.get(r[0]);
        last = r[0];
      }
      if (n === 1) {
        one.run(r[0], r[1], r[2], r[3], r[4], r[5]);
        continue;
      }
      group.push(r[0], r[1], r[2], r[3], r[4], r[5]);
      if (group.length === 6 * n) {
        many.run(group);
        group.length = 0;
      }
    }
    for (let k = 0; k < group.length; k += 6) one.run(group.slice(k, k + 6));
    group.length = 0;
    const c0 = cpuUs();
    commit.run();
    commitCpu += cpuUs() - c0;
  }
  const total = cpuUs() - start;
  await close();
  removeSqliteFile(file);
  return { cpuUsRow: total / rows.length, commitCpuUsRow: commitCpu / rows.length };
};

const main = async (): Promise<void> => {
  const [source, rowsArg, roundsArg] = process.argv.slice(2);
  if (!source) throw new Error('usage: multi-row.ts STORE [ROWS] [ROUNDS]');
  const rows = householdRows(source, Number(rowsArg ?? 200_000));
  const dir = mkdtempSync(join(tmpdir(), 'hearth-multi-row-'));
  const variants = VARIANTS;
  const runs = variants.map(() => [] as { cpuUsRow: number; commitCpuUsRow: number }[]);
  try {
    for (let round = 0; round < Number(roundsArg ?? 3); round++)
      for (let k = 0; k < variants.length; k++) {
        const i = (k + round) % variants.length;
        const variant = variants[i] as Variant;
        const run = await insertAll(join(dir, `multi-${i}-${round}.db`), rows, variant);
        runs[i]?.push(run);
        process.stderr.write(`round ${round + 1}, ${label(variant)}: ${JSON.stringify(run)}\n`);
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = variants.map((variant, i) => ({
    variant: label(variant),
    cpuUsRow: +median((runs[i] ?? []).map((r) => r.cpuUsRow)).toFixed(2),
    commitCpuUsRow: +median((runs[i] ?? []).map((r) => r.commitCpuUsRow)).toFixed(2),
  }));
  process.stdout.write(`${JSON.stringify({ rows: rows.length, summary })}\n`);
};

void main();
