import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EXAMPLES, exampleLog, hearth, tempDir, writeLines } from './support/cli';

/**
 * A division no tree ever recorded is refused before the read models are opened: opening them
 * catches them up first, which on a large region behind its log takes minutes, and a
 * mistyped code should not cost those minutes to be told so.
 */
describe('a report or a read-model check for a division no tree holds', () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'store.db');
  const store = `sqlite:${file}`;
  afterAll(() => cleanup());

  /** The tables in the store's file: the read models' appear once they are opened. */
  const tables = (): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((t) => t.name);
    } finally {
      db.close();
    }
  };

  it('exits 4 naming the code, before catching up the read models, which a known division then does', () => {
    expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), exampleLog(3))]).code).toBe(3); // the example's deliberate mistakes
    const logOnly = tables();

    for (const args of [['report', 'clearance', '--year', '2016'], ['report', 'monthly', '--year', '2016'], ['report', 'backlog', '--as-of', '2016-12-31'], ['verify', '--read-models']]) {
      const r = hearth(['--store', store, ...args, '--division', 'NOPE']);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 4, stdout: '', stderr: 'hearth: unknown division "NOPE"\n' });
    }
    expect(tables()).toEqual(logOnly);

    // The same store's read models were behind: a known division's report catches them up first.
    const known = hearth(['--store', store, 'report', 'clearance', '--year', '2016']);
    expect(known.code).toBe(0);
    expect(known.stderr).toContain('catching up');
    expect(tables().length).toBeGreaterThan(logOnly.length);
  });
});
