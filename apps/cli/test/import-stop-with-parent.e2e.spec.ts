import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, hearth, hearthAsync, tempDir } from './support/cli';
import { eventCount } from './support/household-rows';
import { until } from './support/until';

/** The processes whose parent is `pid`, from /proc (Linux). */
const childrenOf = (pid: number): number[] =>
  readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after its last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(name)] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
/** Running: neither gone nor a zombie waiting for whoever adopted it to reap it. */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

/**
 * `--stop-with-parent <pid>`: a part of `hearth import --workers` ends as SIGTERM would once the
 * process that started it is gone, even when that happened before the part got as far as
 * looking (docs/decisions/0210; decision 172: no part keeps running after its parent is killed
 * with kill -9, to race the rerun meant to resume it).
 */
describe('hearth import --stop-with-parent', () => {
  let dir: string;
  let cleanup: () => void;
  let log: string;
  let divisions: string;
  const path = (store: string) => join(dir, `${store}.db`);
  const freshStore = (store: string): string => {
    expect(hearth(['--store', `sqlite:${path(store)}`, 'divisions', 'load', divisions]).code).toBe(0);
    return `sqlite:${path(store)}`;
  };
  /** A part run as --workers 2 runs it, but started here: this process is its parent. */
  const part = (store: string, parent: number) =>
    spawnSync(process.execPath, [BIN, '--store', store, '--json', 'import', log, '--part', '1/2', '--quiet', '--stop-with-parent', String(parent)], { encoding: 'utf8' });

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    log = join(dir, 'log.jsonl');
    divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '300', '--seed', '11', '--out', log, '--divisions-out', divisions]).code).toBe(0);
  });
  afterAll(() => cleanup());

  it('a part whose parent is already gone when it starts ends at once by SIGTERM, writing nothing', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const store = freshStore('orphan');
    const r = part(store, gone);
    expect({ signal: r.signal, stdout: r.stdout }).toEqual({ signal: 'SIGTERM', stdout: '' });
    expect(eventCount(path('orphan'))).toBe(1); // the division tree
  });

  it('a part whose parent lives imports its households to the end', () => {
    const store = freshStore('kept');
    const r = part(store, process.pid);
    expect({ signal: r.signal, code: r.status }).toEqual({ signal: null, code: 3 }); // the generator makes mistakes
    expect(JSON.parse(r.stdout).accepted).toBeGreaterThan(0);
  });

  it('refuses a pid that is not one (exit 2), reading nothing', () => {
    const store = freshStore('usage');
    const r = hearth(['--store', store, 'import', log, '--part', '1/2', '--stop-with-parent', 'me']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('--stop-with-parent must be the process id');
    expect(eventCount(path('usage'))).toBe(1);
  });

  it('--workers 2 killed with kill -9 while its parts still load leaves no part alive, and nothing imported', async () => {
    const store = freshStore('killed-early');
    const whole = hearthAsync(['--store', store, 'import', log, '--workers', '2', '--batch-size', '10', '--quiet']);
    const ended = new Promise((resolve) => whole.on('close', resolve));
    const pid = whole.pid as number;
    let parts: number[] = [];
    await until('both parts started', () => (parts = childrenOf(pid)).length === 2, 5);
    whole.kill('SIGKILL');
    await ended;
    // A part loads its modules for about a second before it can look at its parent: each sees it gone then.
    await until('no part alive', () => parts.every((p) => !alive(p)), 50);
    expect(eventCount(path('killed-early'))).toBe(1);
  });
});
