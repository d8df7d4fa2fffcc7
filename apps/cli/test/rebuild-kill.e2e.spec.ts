import Database from 'better-sqlite3';
import { join } from 'node:path';
import { exampleStore, hearth, signalledWhen, tempDir } from './support/cli';

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

/** `hearth ARGS`, killed with SIGKILL at its first progress line (a page of 5,000 applied, ~25,000 events to go); its stderr. */
const killedAtFirstPage = async (args: string[]): Promise<string> => {
  const ended = await signalledWhen(args, /rebuild: [\d,]+ events/, 'SIGKILL');
  expect(ended.signal).toBe('SIGKILL');
  expect(ended.stdout).not.toMatch(/Rebuilt/); // it really was interrupted
  return ended.stderr;
};

/**
 * `hearth rebuild --read-models` reads the log stream by stream in one transaction on the
 * file (docs/decisions/0119), and so does `hearth rebuild --exclusive` on the store's own
 * file (docs/decisions/0120): killed at any point, the file is the one it was before, and
 * a report reads the same answer from it; the next rebuild starts again from nothing.
 */
describe('hearth rebuild stream by stream killed mid-way (kill -9)', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = exampleStore(dir);
  });
  afterEach(() => cleanup());

  it('--read-models: leaves the file as it was before the rebuild began, readable and answering the same, and the next rebuild completes', async () => {
    const file = join(dir, 'read-models.db');
    const readModels = ['--read-models', `sqlite:${file}`];
    expect(hearth(['--store', store, 'rebuild', ...readModels]).code).toBe(0);
    const before = tablesOf(file);
    const report = ['--store', store, '--json', 'report', 'clearance', '--year', '2017', '--by-child', ...readModels];
    const answer = hearth(report);
    expect(answer.code).toBe(0);

    expect(await killedAtFirstPage(['--store', store, 'rebuild', ...readModels])).toMatch(/read stream by stream/);

    expect(tablesOf(file)).toEqual(before);
    expect(hearth(report)).toMatchObject({ code: 0, stdout: answer.stdout });
    expect(hearth(['--store', store, 'rebuild', ...readModels]).code).toBe(0);
    expect(tablesOf(file)).toEqual(before);
  });

  it("--exclusive: leaves the store's own file as it was, log and read models, answering the same; the next rebuild completes with the rows of one in position order", async () => {
    const file = join(dir, 'store.db');
    expect(hearth(['--store', store, 'rebuild']).code).toBe(0);
    const before = tablesOf(file);
    const report = ['--store', store, '--json', 'report', 'clearance', '--year', '2017', '--by-child'];
    const answer = hearth(report);
    expect(answer.code).toBe(0);

    expect(await killedAtFirstPage(['--store', store, 'rebuild', '--exclusive'])).toMatch(/read stream by stream/);

    expect(tablesOf(file)).toEqual(before);
    expect(hearth(report)).toMatchObject({ code: 0, stdout: answer.stdout });
    const again = hearth(['--store', store, 'rebuild', '--exclusive']);
    expect(again).toMatchObject({ code: 0, stderr: expect.stringMatching(/read stream by stream/) });
    expect(tablesOf(file)).toEqual(before);
  });
});
