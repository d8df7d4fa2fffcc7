import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isBusyError } from './sqlite-busy-error';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected SQLite to refuse');
};

describe('isBusyError: another connection holds the lock this one needs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-busy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is SQLite's refusal while another connection writes, and not SQLite's other refusals", () => {
    const file = join(dir, 'store.db');
    const holder = new Database(file);
    const other = new Database(file, { timeout: 0 });
    try {
      holder.pragma('journal_mode = WAL');
      holder.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
      holder.exec('BEGIN IMMEDIATE');
      const busy = refusal(() => other.exec('BEGIN IMMEDIATE'));
      expect((busy as { code?: unknown }).code).toMatch(/^SQLITE_BUSY/);
      expect(isBusyError(busy)).toBe(true);
      holder.exec('ROLLBACK');
      expect(isBusyError(refusal(() => other.exec('INSERT INTO t VALUES (1); INSERT INTO t VALUES (1)')))).toBe(false);
      expect(isBusyError(refusal(() => other.exec('SELECT * FROM missing')))).toBe(false);
    } finally {
      other.close();
      holder.close();
    }
  });

  it('reads the extended codes and SQLITE_LOCKED alike, and anything without a code as not busy', () => {
    expect(['SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE'].map((code) => isBusyError({ code }))).toEqual([true, true, true, true]);
    expect([null, undefined, 'SQLITE_BUSY', new Error('SQLITE_BUSY'), { code: 5 }, { code: 'SQLITE_FULL' }].map(isBusyError)).toEqual([false, false, false, false, false, false]);
  });
});
