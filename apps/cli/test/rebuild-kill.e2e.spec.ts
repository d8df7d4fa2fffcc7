import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EXAMPLES, exampleLog, hearth, hearthAsync, tempDir, writeLines } from './support/cli';

/** Every row of every table of a read-models file, in one order whatever the table's key. */
const tablesOf = (path: string): Record<string, string[]> => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    db.close();
  }
};

/**
 * `hearth rebuild --read-models` reads the log stream by stream in one transaction on the
 * file (docs/decisions/0119): killed at any point, the file is the one it was before, and
 * a report reads the same answer from it; the next rebuild starts again from nothing.
 */
describe('hearth rebuild --read-models killed mid-way (kill -9)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('leaves the file as it was before the rebuild began, readable and answering the same, and the next rebuild completes', async () => {
    const store = `sqlite:${join(dir, 'store.db')}`;
    const file = join(dir, 'read-models.db');
    const readModels = ['--read-models', `sqlite:${file}`];
    expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(1200))]).code).toBe(3); // the example's deliberate mistakes
    expect(hearth(['--store', store, 'rebuild', ...readModels]).code).toBe(0);
    const before = tablesOf(file);
    const report = ['--store', store, '--json', 'report', 'clearance', '--year', '2017', '--by-child', ...readModels];
    const answer = hearth(report);
    expect(answer.code).toBe(0);

    // Killed at its first progress line: a page of 5,000 applied, ~25,000 events to go.
    const child = hearthAsync(['--store', store, 'rebuild', ...readModels]);
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/rebuild: [\d,]+ events/.test(stderr)) resolve();
      }),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stdout).not.toMatch(/Rebuilt/); // it really was interrupted
    expect(stderr).toMatch(/read stream by stream/);

    expect(tablesOf(file)).toEqual(before);
    expect(hearth(report)).toMatchObject({ code: 0, stdout: answer.stdout });
    expect(hearth(['--store', store, 'rebuild', ...readModels]).code).toBe(0);
    expect(tablesOf(file)).toEqual(before);
  });
});
