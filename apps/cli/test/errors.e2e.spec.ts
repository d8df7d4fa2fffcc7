import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BIN, EXAMPLES, exampleLog, hearth, tempDir, writeLines, storeWithExampleTree } from './support/cli';

/** Every failure is one line on stderr, naming what went wrong and what to do: never a stack trace. */
const expectOneLineError = (stderr: string, ...mentions: string[]): void => {
  const lines = stderr.split('\n').filter((l) => l.startsWith('hearth:'));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('unexpected error');
  for (const m of mentions) expect(lines[0]).toContain(m);
};

const FULL_DISK = resolve(__dirname, 'support/full-disk.js');

describe('hearth errors: one line, the right exit code', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = storeWithExampleTree(dir);
  });
  afterEach(() => cleanup());

  it.each([
    ['backdatingAllowanceDays', 9007199254740991, 'import'],
    ['backdatingAllowanceDays', 1e16, 'import'],
    ['followUpEveryDays', 1e300, 'backlog'],
  ])('refuses a policy with %s = %p, naming the key and its range (exit 2)', (key, value, what) => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 1 }, [key]: value }));
    const args = what === 'import' ? ['import', join(EXAMPLES, 'commands.jsonl')] : ['report', 'backlog'];
    const r = hearth(['--store', store, '--policy', policy, ...args]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, key, 'from', 'to 3650');
  });

  it('a policy without its required keys says they are required, not to leave them out (exit 2)', () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ minReferrals: 4 }));
    const r = hearth(['--store', store, '--policy', policy, 'report', 'backlog']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'baselineCutoff', 'targetShares', 'required in a policy file');
    expect(r.stderr).not.toContain('leave the key out');
  });

  it('a policy whose targetShares are wrong is not told to leave them out (exit 2)', () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 0.7, 2017: 0.6 } }));
    const r = hearth(['--store', store, '--policy', policy, 'report', 'backlog']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'targetShares', 'cannot be left out');
    expect(r.stderr).not.toContain('leave the key out');
  });

  // A mistyped --store read as an empty ledger: verify said "0 anomalies" with exit 0 (decision 209).
  it.each([['verify'], ['anchor'], ['history', 'hh-001'], ['report', 'backlog'], ['rebuild']])(
    '%s over a store file that is not there is refused, one line, exit 2, and creates nothing',
    (...args) => {
      const missing = join(dir, 'typo', 'hearth.db');
      const r = hearth(['--store', `sqlite:${missing}`, ...args]);
      expect(r.code).toBe(2);
      expectOneLineError(r.stderr, missing, 'is not a file', 'existing store');
      expect(existsSync(join(dir, 'typo'))).toBe(false);
    },
  );

  // The argument parser's own output was several lines (its message, a suggestion, the whole help), and a
  // mistyped option went unnamed behind a required one (decision 209).
  it.each([
    [['report', 'clearance', '--yeer', '2016'], ["required option '--year <year>'", "not an option: '--yeer'", 'hearth report clearance --help']],
    [['reprot'], ["unknown command 'reprot'", 'Did you mean report?', 'hearth --help']],
    [['verify', '--nope'], ["unknown option '--nope'", 'hearth verify --help']],
    [['history'], ["missing required argument 'householdId'", 'hearth history --help']],
    // The parser's own full stop before the hint made ".;" (a review, 2026-12-08).
    [['verify', 'extra'], ["too many arguments for 'verify'. Expected 0 arguments but got 1; `hearth verify --help`"]],
  ])('a command line the parser refuses (%j) is one line naming what is wrong and where help is, exit 2', (args, mentions) => {
    const r = hearth(['--store', store, ...args]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, ...mentions);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a policy missing a field inside an optional key is not told the two required keys are missing (exit 2)', () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 1 }, workingAge: { min: 18 } }));
    const r = hearth(['--store', store, '--policy', policy, 'report', 'backlog']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'workingAge.max', 'required field is missing');
    expect(r.stderr).not.toContain('required in a policy file');
  });

  it('a full disk stops an import with one line, exit 6, and the summary of what was committed; a rerun resumes', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(120));
    const full = hearth(['--store', store, '--json', 'import', '--quiet', '--batch-size', '100', file], {
      env: { NODE_OPTIONS: `--require ${FULL_DISK}`, HEARTH_TEST_SPARE_PAGES: '30' },
    });
    expect(full.code).toBe(6);
    expectOneLineError(full.stderr, 'full', 'run the same import again');
    const committed = JSON.parse(full.stdout);
    expect(committed.stopped).toMatchObject({ reason: 'store-failure' });
    expect(committed.accepted).toBeGreaterThan(0);
    const rest = JSON.parse(hearth(['--store', store, '--json', 'import', '--quiet', file]).stdout);
    expect(rest.resumedAfterLine).toBe(committed.stopped.committedThroughLine);
    expect(committed.accepted + rest.accepted).toBe(120 * 25);
    expect(committed.rejected.length + rest.rejected.length).toBe(120);
  });

  it('a full disk while a report brings the read models up to date is one line, exit 6', () => {
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(60))]).code).toBe(3);
    const r = hearth(['--store', store, 'report', 'backlog'], { env: { NODE_OPTIONS: `--require ${FULL_DISK}`, HEARTH_TEST_SPARE_PAGES: '0' } });
    expect(r.code).toBe(6);
    expectOneLineError(r.stderr, 'full');
  });

  it('divisions load checks --on as it checks --effective, and refuses the two naming different dates (exit 2, nothing recorded)', () => {
    const other = `sqlite:${join(dir, 'other.db')}`;
    const tree = join(EXAMPLES, 'divisions.json');
    const garbage = hearth(['--store', other, 'divisions', 'load', tree, '--effective', '2016-01-01', '--on', 'garbage']);
    expect(garbage.code).toBe(2);
    expectOneLineError(garbage.stderr, '--on must be a date YYYY-MM-DD, got "garbage"');
    const two = hearth(['--store', other, 'divisions', 'load', tree, '--effective', '2016-01-01', '--on', '2016-02-01']);
    expect(two.code).toBe(2);
    expectOneLineError(two.stderr, '--effective 2016-01-01 and --on 2016-02-01 are one option under two names');
    expect(existsSync(join(dir, 'other.db'))).toBe(false);
    expect(hearth(['--store', other, 'divisions', 'load', tree, '--effective', '2016-01-01', '--on', '2016-01-01']).code).toBe(0);
  });

  it('a --read-models file that is no database, or a folder, names --read-models, not --store (exit 2)', () => {
    writeFileSync(join(dir, 'not-a-db.txt'), 'not a database\n');
    for (const [where, says] of [[join(dir, 'not-a-db.txt'), 'is not a SQLite file of read models'], [dir, 'cannot be opened']] as const) {
      const r = hearth(['--store', store, 'report', 'clearance', '--year', '2016', '--read-models', `sqlite:${where}`]);
      expect(r.code).toBe(2);
      expectOneLineError(r.stderr, `--read-models sqlite:${where} ${says}`);
      expect(r.stderr).not.toContain('--store');
    }
  });

  it('a store path under a regular file is a usage error (exit 2)', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    const r = hearth(['--store', `sqlite:${join(dir, 'plain', 'h.db')}`, 'import', join(EXAMPLES, 'commands.jsonl')]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, join(dir, 'plain'), 'not a directory');
  });

  it('import of a directory is unreadable input (exit 2)', () => {
    const r = hearth(['--store', store, 'import', dir]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, dir, 'directory');
  });

  it('generate --out DIRECTORY is a usage error (exit 2)', () => {
    mkdirSync(join(dir, 'out'));
    const r = hearth(['generate', '--households', '3', '--seed', '1', '--out', join(dir, 'out'), '--divisions-out', join(dir, 'd.json')]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, join(dir, 'out'), 'directory');
  });

  it('generate with --out and --divisions-out naming the same file is a usage error (exit 2), writing nothing', () => {
    // Two writers of one file interleave: neither the log nor the tree would survive whole.
    const out = join(dir, 'region.jsonl');
    const r = hearth(['--json', 'generate', '--households', '3', '--seed', '1', '--out', out, '--divisions-out', `${dir}/./region.jsonl`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, '--divisions-out', 'the same file as --out');
    expect(existsSync(out)).toBe(false);
  });

  it('demo on a store that already holds another ledger is a usage error (exit 2) naming an empty store, recording nothing', () => {
    // `npm start` fills ./data/hearth.db with its demo region; `hearth demo` then meets that tree.
    const other = `sqlite:${join(dir, 'region.db')}`;
    const divisions = join(dir, 'region-divisions.json');
    expect(hearth(['generate', '--households', '3', '--seed', '1', '--out', join(dir, 'region.jsonl'), '--divisions-out', divisions]).code).toBe(0);
    expect(hearth(['--store', other, 'divisions', 'load', divisions]).code).toBe(0);
    expect([0, 3]).toContain(hearth(['--store', other, 'import', '--quiet', join(dir, 'region.jsonl')]).code);
    const anchor = () => JSON.parse(hearth(['--store', other, '--json', 'anchor']).stdout) as { headPosition: number };
    const before = anchor().headPosition;
    const r = hearth(['--store', other, 'demo']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'already holds another division tree', '--store');
    expect(r.stdout).toBe('');
    expect(anchor().headPosition).toBe(before);
  });

  it('ends quietly when the reader of its output goes away (EPIPE)', async () => {
    expect(hearth(['--store', store, 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]).code).toBe(3);
    const child = spawn(process.execPath, [BIN, '--store', store, 'verify'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // like `| head -1` having exited: every write now fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(code).toBe(0);
  });

  it('escapes control characters of input in tables and messages (no terminal injection)', () => {
    const evil = '\u001b]0;owned\u0007\u001b[2J\r\nFAKE';
    const register = { type: 'RegisterHousehold', householdId: 'h1', on: '2016-01-10', divisionCode: 'P01C01T01V01', members: [{ memberId: 'm1', birthYear: 1980 }], note: evil };
    const badId = { type: 'ClearHousehold', householdId: 'x\u001b[31m\rY', on: '2016-01-10' };
    const file = writeLines(join(dir, 'log.jsonl'), [JSON.stringify(register), JSON.stringify(badId)]);
    const imported = hearth(['--store', store, 'import', '--quiet', file]);
    expect(imported.code).toBe(3);
    const stored = JSON.parse(hearth(['--store', store, '--json', 'history', 'h1']).stdout);
    expect(stored.events[0].note).toBe(evil);
    const shown = hearth(['--store', store, 'history', 'h1']);
    for (const out of [imported.stdout, shown.stdout]) {
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(out).not.toContain('\nFAKE');
    }
    expect(shown.stdout).toContain('\\u001b]0;owned');
  });

  it('cuts echoed input to a readable length, saying how long it was', () => {
    const key = 'k'.repeat(500_000);
    const file = writeLines(join(dir, 'log.jsonl'), [JSON.stringify({ type: 'ClearHousehold', householdId: 'h1', on: '2016-01-10', [key]: 1 })]);
    const text = hearth(['--store', store, 'import', '--quiet', file]);
    const json = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(text.code).toBe(3);
    expect(text.stdout.length).toBeLessThan(2000);
    expect(json.stdout.length).toBeLessThan(2000);
    expect(text.stdout).toContain('… (500000 characters)');
  });

  it('a rerun of a finished file with rejections exits 3 again and lists the earlier rejections', () => {
    const file = join(EXAMPLES, 'commands.jsonl');
    expect(hearth(['--store', store, 'import', '--quiet', file]).code).toBe(3);
    const again = hearth(['--store', store, 'import', '--quiet', file]);
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('rejected by an earlier run');
    expect(again.stdout).toContain('NO_ACTIVE_EMPLOYMENT');
    const json = JSON.parse(hearth(['--store', store, '--json', 'import', '--quiet', file]).stdout);
    expect(json.earlierRejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([[20, 'NO_ACTIVE_EMPLOYMENT']]);
  });

  it('a commandId reused for other content is refused COMMAND_ID_REUSED, not silently "unchanged"', () => {
    const register = (divisionCode: string) =>
      JSON.stringify({ type: 'RegisterHousehold', householdId: 'h1', on: '2016-01-10', divisionCode, members: [{ memberId: 'm1', birthYear: 1980 }], commandId: 'cmd-1' });
    const file = writeLines(join(dir, 'log.jsonl'), [register('P01C01T01V01'), register('P01C01T01V01'), register('P01C01T01V02')]);
    const r = hearth(['--store', store, '--json', 'import', '--quiet', file]);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect([out.accepted, out.unchanged]).toEqual([1, 1]);
    expect(out.rejected.map((x: { line: number; code: string }) => [x.line, x.code])).toEqual([[3, 'COMMAND_ID_REUSED']]);
  });
});
