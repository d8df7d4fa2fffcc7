import { spawn } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as testing from '@hearth/event-store-esdb/testing';
import { BIN, EXAMPLES, hearth, tempDir } from './support/cli';
import { swapPositions } from './support/tampered-stores';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The real executable, asynchronously: the stand-in serves from this process, so a
 * synchronous child would leave it unable to answer.
 */
const start = (args: readonly string[]): { done: Promise<Run>; kill: () => void } => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
};
const run = (args: readonly string[]): Promise<Run> => start(args).done;

const json = async (args: readonly string[]): Promise<unknown> => {
  const r = await run(['--json', ...args]);
  if (r.code !== 0) throw new Error(`hearth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

interface StoredEvent {
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Every event of a SQLite store as stored (ids, types, the JSON text of data and metadata), by stream and version. */
const eventsOf = (path: string): StoredEvent[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT stream_id AS streamId, version, event_id AS eventId, type, data, metadata FROM events ORDER BY stream_id, version')
      .all() as StoredEvent[];
  } finally {
    db.close();
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One of each report (a rerun of the same file changing nothing is shown in packages/ledger/test/migrate.spec.ts). */
const REPORTS: readonly string[][] = [
  ['report', 'clearance', '--year', '2017', '--by-child'],
  ['report', 'monthly', '--month', '2017-03', '--by-child'],
  ['report', 'progress', '--month', '2018-06', '--by-child'],
  ['report', 'backlog', '--as-of', '2018-03-01'],
];

describe('hearth migrate: SQLite → EventStoreDB (wire stand-in) → SQLite', () => {
  let dir: string;
  let cleanup: () => void;
  let server: testing.EsdbStandIn;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    // Log positions with system events interleaved in $all, as on a real server.
    server = await testing.startEsdbStandIn({ positions: 'log', seed: 8 });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('copies a generated region, survives kill -9 half-way, resumes, verifies, gives the same reports, and copies back to the same events', async () => {
    const sourcePath = join(dir, 'source.db');
    const source = `sqlite:${sourcePath}`;
    const log = join(dir, 'region.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '200', '--seed', '21', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    expect(hearth(['--store', source, 'divisions', 'load', divisions]).code).toBe(0);
    expect([0, 3]).toContain(hearth(['--store', source, 'import', '--quiet', log]).code);
    const original = eventsOf(sourcePath);
    expect(original.length).toBeGreaterThan(3000);

    // 1. Interrupted half-way: kill -9 once about a third of the events are on the target.
    const first = start(['migrate', '--from', source, '--to', server.url]);
    for (let i = 0; i < 3000 && server.size < original.length / 3; i++) await sleep(10);
    first.kill();
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = server.size;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(original.length);

    // 2. The rerun checks what is there, copies the rest, compares and verifies.
    const rerun = await run(['--json', 'migrate', '--from', source, '--to', server.url]);
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { events: number; copied: number; alreadyThere: number; differences: unknown[]; verify: { anomalies: unknown[]; events: number } };
    expect(summary.events).toBe(original.length);
    expect(summary.alreadyThere).toBeGreaterThanOrEqual(atKill);
    expect(summary.copied + summary.alreadyThere).toBe(original.length);
    expect(summary.differences).toEqual([]);
    expect(summary.verify).toMatchObject({ anomalies: [], events: original.length });
    expect(server.size).toBe(original.length);

    // 3. The target on its own: verify exits 0 and every report equals the source's.
    const verified = await run(['--store', server.url, '--json', 'verify']);
    expect(verified.code).toBe(0);
    for (const report of REPORTS) expect(await json(['--store', server.url, ...report])).toEqual(await json(['--store', source, ...report]));

    // 4. Back to a new SQLite file: the same events, ids, types, data and metadata, stream by stream.
    const backPath = join(dir, 'back', 'recovered.db');
    const back = await json(['migrate', '--from', server.url, '--to', `sqlite:${backPath}`]);
    expect(back).toMatchObject({ events: original.length, copied: original.length, differences: [], verify: { anomalies: [] } });
    expect(eventsOf(backPath)).toEqual(original);
  }, 300_000);

  it('refuses the same store twice and a source file that does not exist, creating nothing', async () => {
    const same = await run(['migrate', '--from', server.url, '--to', server.url]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/same store/);
    const missing = join(dir, 'nothing-here.db');
    const none = await run(['migrate', '--from', `sqlite:${missing}`, '--to', `sqlite:${join(dir, 'x.db')}`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/is not a file/);
    expect(hearth(['migrate', '--help']).stdout).toMatch(/Not preserved: global positions/);
  }, 60_000);
});

describe('hearth migrate between SQLite files', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const loadExample = (path: string): void => {
    expect(hearth(['--store', `sqlite:${path}`, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    expect(hearth(['--store', `sqlite:${path}`, 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]).code).toBe(3);
  };

  it('copies in the source log order, and a rerun changes nothing', () => {
    const from = join(dir, 'a.db');
    const to = join(dir, 'b.db');
    loadExample(from);
    const first = hearth(['--json', 'migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ copied: eventsOf(from).length, alreadyThere: 0, differences: [], verify: { anomalies: [] } });
    expect(first.stderr).toMatch(/migrate: .* events copied to \d+ streams/);
    const inLogOrder = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare('SELECT stream_id, version, event_id FROM events ORDER BY position').all();
      } finally {
        db.close();
      }
    };
    expect(inLogOrder(to)).toEqual(inLogOrder(from));
    const again = hearth(['--json', 'migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ copied: 0, alreadyThere: eventsOf(from).length });
    expect(eventsOf(to)).toEqual(eventsOf(from));
  }, 60_000);

  it('refuses one file under another spelling or through a link as the same store (exit 2), where it said it had copied the store onto itself', () => {
    const from = join(dir, 'a.db');
    loadExample(from);
    const before = eventsOf(from);
    symlinkSync(from, join(dir, 'link.db'));
    for (const to of [`sqlite:${dir}/./a.db`, `sqlite://${from}`, `sqlite:${join(dir, 'link.db')}`]) {
      const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', to]);
      expect({ to, code: r.code, stdout: r.stdout }).toEqual({ to, code: 2, stdout: '' });
      expect(r.stderr).toContain('--from and --to name the same store');
    }
    expect(eventsOf(from)).toEqual(before);
  }, 60_000);

  // The target numbers positions its own way: a copy of a log with an event removed verified clean (decision 211).
  it('refuses a source whose log lacks a position, naming it, and copies nothing (exit 5)', () => {
    const from = join(dir, 'a.db');
    const to = join(dir, 'b.db');
    loadExample(from);
    const db = new Database(from);
    try {
      db.prepare('DELETE FROM events WHERE position = 5').run();
    } finally {
      db.close();
    }
    expect(hearth(['--store', `sqlite:${from}`, 'verify']).code).toBe(5);
    const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 5, stdout: '' });
    expect(r.stderr).toMatch(/a copy cannot carry .*position 5, position-gap: position 5 is missing.*Nothing was copied/);
    expect(existsSync(to)).toBe(false);
  }, 60_000);

  // Copied, it stopped half-way and blamed the target (decision 211).
  it('refuses a source with an event stored after a later version of its stream, naming it, and copies nothing (exit 5)', () => {
    const from = join(dir, 'a.db');
    const to = join(dir, 'b.db');
    loadExample(from);
    const db = new Database(from);
    try {
      const [first, second] = db.prepare("SELECT position FROM events WHERE stream_id LIKE 'household-%' ORDER BY stream_id, version LIMIT 2 OFFSET 1").pluck().all() as number[];
      swapPositions(db, first as number, second as number);
    } finally {
      db.close();
    }
    const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 5, stdout: '' });
    expect(r.stderr).toMatch(/a copy cannot carry .*, position-order: version 1 of household-\S+ is stored after version 2 .*Nothing was copied/);
    expect(existsSync(to)).toBe(false);
  }, 60_000);

  it('stops at a target that holds other events, naming the stream and version, and overwrites nothing (exit 5)', () => {
    const from = join(dir, 'a.db');
    const to = join(dir, 'b.db');
    loadExample(from);
    // The same division tree recorded on its own: the same content under another event id.
    expect(hearth(['--store', `sqlite:${to}`, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    const before = eventsOf(to);
    const r = hearth(['migrate', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/stream divisions at version 0 differs between the source and the target: event id .*nothing was overwritten/);
    expect(eventsOf(to)).toEqual(before);
  }, 60_000);
});
