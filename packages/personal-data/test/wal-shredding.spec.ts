import Database from 'better-sqlite3';
import { AS, containsBytes, fileBytes, openStore, tempDir, withRawConnection } from './support/temp-store';

/**
 * Decision 184: a WAL an erasure could not empty is emptied by the next use of the store once
 * no reader holds it — and a use that meets another connection writing does its own work and
 * leaves the truncation owed, never failing for it.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const wrappedKeyOf = (path: string, householdId: string): Buffer =>
  withRawConnection(path, (db) => db.prepare<[string], Buffer>('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(householdId)!);

const pendingIn = (path: string): boolean =>
  withRawConnection(path, (db) => db.prepare("SELECT 1 FROM personal_data_meta WHERE name = 'wal_shred_pending'").get() !== undefined);

describe('a truncation owed after an erasure under a reader', () => {
  it('is noted in the file, survives a use that meets a writer, and is done by the first use after the writer', () => {
    const path = dir.file();
    const store = openStore(path, undefined, { busyTimeoutMs: 100 });
    store.put('hh-1', 'm-1', { fullName: 'Wen Lihua-7Q' }, AS);
    store.put('hh-2', 'm-1', { fullName: 'Kept Person' }, AS);
    const wrapped = wrappedKeyOf(path, 'hh-1');
    const reader = new Database(path, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM access_log').get();
    expect(store.eraseHousehold('hh-1', AS).walTruncated).toBe(false);
    reader.prepare('COMMIT').run();
    reader.close();
    expect(pendingIn(path)).toBe(true);

    // Another connection holds the write lock: a call that writes nothing (a record's read logs an access, so it
    // writes) still answers, and the truncation stays owed.
    const writer = new Database(path);
    writer.pragma('busy_timeout = 0');
    writer.prepare('BEGIN IMMEDIATE').run();
    expect(store.isErased('hh-1')).toBe(true);
    writer.prepare('COMMIT').run();
    writer.close();
    expect(pendingIn(path)).toBe(true);

    // The next use with nobody holding the file empties the WAL and takes the note away.
    expect(store.get('hh-2', 'm-1', AS)).toMatchObject({ fullName: 'Kept Person' });
    expect(pendingIn(path)).toBe(false);
    expect(containsBytes(fileBytes(path), wrapped)).toBe(false);
    store.close();
  });
});
