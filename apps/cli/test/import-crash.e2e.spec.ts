import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EXAMPLES, exampleLog, hearth, hearthAsync, tempDir, writeLines } from './support/cli';
import { storeDump } from './support/store-dump';

const countEvents = (path: string): number => {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT count(*) FROM events WHERE stream_id LIKE 'household-%'").pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hearth import killed mid-way (kill -9)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('leaves no half-applied command, reopens cleanly, and a rerun ends with exactly the events of an uninterrupted run', async () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(400)); // 10,400 lines
    const reference = join(dir, 'reference.db');
    const crashed = join(dir, 'crashed.db');
    for (const db of [reference, crashed]) hearth(['--store', `sqlite:${db}`, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]);

    const whole = hearth(['--store', `sqlite:${reference}`, '--json', 'import', '--quiet', file]);
    expect(whole.code).toBe(3);
    const expected = storeDump(reference).filter((e) => e.streamId.startsWith('household-'));

    const child = hearthAsync(['--store', `sqlite:${crashed}`, 'import', '--quiet', '--batch-size', '50', file]);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let seen = 0;
    for (let i = 0; i < 600 && seen < 2000; i++) {
      await sleep(25);
      seen = countEvents(crashed);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = countEvents(crashed);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(expected.length); // it really was interrupted

    // The file opens cleanly and holds whole commands only: every stream is a prefix of the reference stream.
    const db = new Database(crashed);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const partial = storeDump(crashed).filter((e) => e.streamId.startsWith('household-'));
    const byKey = new Map(expected.map((e) => [`${e.streamId}#${e.version}`, e]));
    for (const e of partial) expect(e).toEqual(byKey.get(`${e.streamId}#${e.version}`));
    // A command that appends two events (a visit that raises a concern) is never cut in half.
    const lastOfStream = new Map(partial.map((e) => [e.streamId, e]));
    for (const last of lastOfStream.values())
      expect(last.type === 'FollowUpVisited' && (last.data as { laborConcerns: string[] }).laborConcerns.length > 0).toBe(false);

    const rerun = hearth(['--store', `sqlite:${crashed}`, '--json', 'import', '--quiet', file]);
    expect([0, 3]).toContain(rerun.code);
    expect(JSON.parse(rerun.stdout).resumedAfterLine).toBeGreaterThan(0);
    expect(storeDump(crashed).filter((e) => e.streamId.startsWith('household-'))).toEqual(expected);
    // and every chain of the resumed store is whole, in an order its clock could have recorded.
    expect(hearth(['--store', `sqlite:${crashed}`, '--json', 'verify']).code).toBe(0);
  }, 120_000);
});
