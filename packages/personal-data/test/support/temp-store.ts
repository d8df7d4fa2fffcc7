import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataStore, type PersonalDataStoreOptions } from '../../src';

/** Fixed keys: the tests are deterministic in outcome even though nonces and data keys are random. */
export const MASTER_KEY = Buffer.alloc(32, 0x11);
export const OTHER_KEY = Buffer.alloc(32, 0x22);

export const FIXED_NOW = () => new Date('2024-03-01T12:00:00.000Z');

/** A fresh directory per test file, removed by `cleanup`. */
export const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-personal-data-'));
  let n = 0;
  return {
    /** A new file path in the directory. */
    file: () => join(dir, `store-${++n}.db`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

export const openStore = (path: string, key: Buffer = MASTER_KEY, opts: PersonalDataStoreOptions = {}) =>
  PersonalDataStore.open(path, key, { now: FIXED_NOW, ...opts });

/** Every byte SQLite keeps on disk for this database: the file and its write-ahead log. */
export const fileBytes = (path: string): Buffer =>
  Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter(existsSync).map((p) => readFileSync(p)));

export const containsBytes = (haystack: Buffer, needle: Buffer | string): boolean =>
  haystack.indexOf(typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle) !== -1;

/** A second, raw connection: what an attacker with write access to the file can do. */
export const withRawConnection = <T>(path: string, f: (db: Database.Database) => T): T => {
  const db = new Database(path);
  try {
    return f(db);
  } finally {
    db.close();
  }
};

/** Who the tests act as, and why: every call on the store names both. */
export const AS = { actor: 'test-registrar', purpose: 'test of the store' } as const;
