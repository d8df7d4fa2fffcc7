import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BIN, hearth, tempDir } from './support/cli';
import { LoggedChild, launchLogged } from './support/logged-child';
import { until } from './support/until';

/**
 * Issue 8, as an operator would: `npm run stand-in`, `hearth migrate` of an imported store
 * onto it (twice: the rerun copies nothing), `hearth verify` on it, two `hearth project`
 * processes each keeping its own file (one started late, after more commands), `hearth
 * rebuild --read-models` into a third; every report read from each file equals the same
 * report on the embedded SQLite store.
 */
const ROOT = resolve(__dirname, '../../..');
const REPORTS: readonly string[][] = [
  ['report', 'clearance', '--year', '2017', '--by-child'],
  ['report', 'monthly', '--month', '2017-03', '--by-child'],
  ['report', 'backlog', '--as-of', '2018-03-01'],
];

/** Every process launched, so that one a failed test left running is stopped with the suite (else jest waits for it for ever). */
const launched: LoggedChild[] = [];

interface Status { state: string; position: number; head: number | null; restarts: number }
const statusOf = (path: string): Status | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Status) : undefined);

const json = (args: readonly string[], env: NodeJS.ProcessEnv = {}): unknown => {
  const r = hearth(['--json', ...args], { env });
  if (r.code !== 0) throw new Error(`hearth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

describe('read models in their own files, fed from KurrentDB (the stand-in of npm run stand-in, as its own process)', () => {
  let dir: string;
  let cleanup: () => void;
  let standIn: LoggedChild;
  let url: string;
  /** The child's output goes to files under the suite's directory (logged-child.ts says why). */
  const launch = (command: string, args: readonly string[], cwd?: string): LoggedChild => {
    const running = launchLogged(command, args, dir, cwd);
    launched.push(running);
    return running;
  };
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    // What `npm run stand-in` runs (npm itself would not pass SIGTERM on to it).
    standIn = launch(process.execPath, [join(ROOT, 'packages/event-store-esdb/bin/stand-in.js'), '--port', '0'], ROOT);
    await until('the stand-in', () => /kurrentdb:\/\/\S+/.test(standIn.stderr()));
    url = (/kurrentdb:\/\/\S+/.exec(standIn.stderr()) as RegExpExecArray)[0];
  }, 120_000);
  afterAll(async () => {
    // The stand-in ended before the suite did: what it said, for whoever reads the run (it once stopped answering under load while alive, decision 126).
    if (standIn.child.exitCode !== null || standIn.child.signalCode !== null)
      console.error(`the stand-in ended early (${standIn.child.exitCode ?? standIn.child.signalCode}):\n${standIn.stderr().slice(-4000)}`);
    for (const p of launched) if (p !== standIn && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    standIn.child.kill('SIGTERM');
    await Promise.all(launched.map((p) => p.done));
    cleanup();
  }, 60_000);

  it('migrates, projects into two files (one started late) and rebuilds a third: every report equals the embedded store\'s', async () => {
    const source = `sqlite:${join(dir, 'source.db')}`;
    const log = join(dir, 'region.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '80', '--seed', '58', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const first = join(dir, 'first.jsonl');
    const second = join(dir, 'second.jsonl');
    writeFileSync(first, `${lines.slice(0, lines.length / 2).join('\n')}\n`);
    writeFileSync(second, `${lines.slice(lines.length / 2).join('\n')}\n`);
    expect(hearth(['--store', source, 'divisions', 'load', divisions]).code).toBe(0);
    expect([0, 3]).toContain(hearth(['--store', source, 'import', '--quiet', first]).code);

    // Onto the cluster, twice: the rerun finds everything there and copies nothing.
    const copied = json(['migrate', '--from', source, '--to', url]) as { events: number; copied: number };
    expect(copied.copied).toBe(copied.events);
    expect(json(['migrate', '--from', source, '--to', url])).toMatchObject({ copied: 0, alreadyThere: copied.events, differences: [] });
    expect(hearth(['--store', url, 'verify']).code).toBe(0);

    // Projector A from now on; more commands on both stores; projector B started late.
    const files = { a: join(dir, 'a.db'), b: join(dir, 'b.db'), c: join(dir, 'c.db') };
    const project = (name: 'a' | 'b') =>
      launch(process.execPath, [BIN, '--store', url, 'project', '--read-models', `sqlite:${files[name]}`, '--status-every', '0.2', '--status-file', join(dir, `${name}.json`)]);
    const a = project('a');
    await until('projector A live', () => statusOf(join(dir, 'a.json'))?.state === 'live');
    expect([0, 3]).toContain(hearth(['--store', source, 'import', '--quiet', second]).code);
    expect([0, 3]).toContain(hearth(['--store', url, 'import', '--quiet', second]).code);
    const b = project('b');
    const head = (json(['--store', url, 'verify']) as { events: number }).events;
    expect(head).toBeGreaterThan(copied.events);
    const upToDate = (name: string) => {
      const s = statusOf(join(dir, `${name}.json`));
      return s?.state === 'live' && s.head !== null && s.position === s.head;
    };
    await until('both projectors at the head of the log', () => upToDate('a') && upToDate('b'));
    for (const p of [a, b]) p.child.kill('SIGTERM');
    for (const p of [a, b]) {
      const ended = await p.done;
      expect(ended.code).toBe(0);
      expect(ended.stderr).toMatch(/project: SIGTERM: stopping/);
      expect(ended.stderr).toMatch(/project: stopped · position/);
    }
    expect(statusOf(join(dir, 'a.json'))).toMatchObject({ state: 'stopped', restarts: 0 });

    // A third file built from zero by rebuild.
    expect(hearth(['--store', url, 'rebuild', '--read-models', `sqlite:${files.c}`]).code).toBe(0);

    for (const report of REPORTS) {
      const expected = json(['--store', source, ...report]);
      expect(json(['--store', url, ...report, '--read-models', `sqlite:${files.a}`])).toEqual(expected);
      expect(json(['--store', url, ...report, '--read-models', `sqlite:${files.b}`])).toEqual(expected);
      expect(json(['--store', url, ...report], { HEARTH_READ_MODELS: `sqlite:${files.c}` })).toEqual(expected);
    }
    const checked = hearth(['--store', url, '--json', 'verify', '--read-models', `sqlite:${files.b}`]);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ differenceCount: 0 });
  }, 600_000);

  it('refuses a read-model file built from another log, and a location that is not sqlite:PATH', () => {
    const other = `sqlite:${join(dir, 'other.db')}`;
    const divisions = join(dir, 'other-divisions.json');
    expect(hearth(['generate', '--households', '1', '--seed', '3', '--out', join(dir, 'other.jsonl'), '--divisions-out', divisions]).code).toBe(0);
    expect(hearth(['--store', other, 'divisions', 'load', divisions]).code).toBe(0);
    const wrong = hearth(['--store', other, 'report', 'clearance', '--year', '2017', '--read-models', `sqlite:${join(dir, 'a.db')}`]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/built from another log/);
    const bad = hearth(['--store', other, 'report', 'clearance', '--year', '2017', '--read-models', 'postgres://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected sqlite:PATH/);
    const noFile = hearth(['--store', url, 'project']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/--read-models sqlite:PATH/);
  }, 120_000);
});
