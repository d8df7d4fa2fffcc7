import type Database from 'better-sqlite3';
import { isPersonalDataError, type PersonalRecord } from '../src';
import { AS, openStore, tempDir, withRawConnection } from './support/temp-store';

/**
 * An attacker (or a careless script) with write access to the file but not the master
 * key: every altered or moved blob must fail to open, never be read as someone else's.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const ALICE: PersonalRecord = { fullName: 'Chen Jing', phone: '+86 135 1111 2222' };
const BOB: PersonalRecord = { fullName: 'Liu Yang', phone: '+86 136 3333 4444' };

const ciphertextOf = (db: Database.Database, h: string, m: string): Buffer =>
  db.prepare<[string, string], Buffer>('SELECT ciphertext FROM member_records WHERE household_id = ? AND member_id = ?').pluck().get(h, m)!;
const setCiphertext = (db: Database.Database, h: string, m: string, blob: Buffer) =>
  db.prepare('UPDATE member_records SET ciphertext = ? WHERE household_id = ? AND member_id = ?').run(blob, h, m);
const wrappedKeyOf = (db: Database.Database, h: string): Buffer =>
  db.prepare<[string], Buffer>('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(h)!;
const setWrappedKey = (db: Database.Database, h: string, blob: Buffer) =>
  db.prepare('UPDATE household_keys SET wrapped_key = ? WHERE household_id = ?').run(blob, h);

const authenticationFailure = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch (e) {
    return isPersonalDataError(e, 'AUTHENTICATION_FAILED');
  }
};

const seeded = () => {
  const path = dir.file();
  const store = openStore(path);
  store.put('hh-1', 'alice', ALICE, AS);
  store.put('hh-1', 'bob', BOB, AS);
  store.put('hh-2', 'carol', { fullName: 'Zhao Lei' }, AS);
  return { path, store };
};

describe('tampering with the file', () => {
  it("a ciphertext moved to another member's row fails authentication", () => {
    const { path, store } = seeded();
    withRawConnection(path, (db) => setCiphertext(db, 'hh-1', 'bob', ciphertextOf(db, 'hh-1', 'alice')));
    expect(authenticationFailure(() => store.get('hh-1', 'bob', AS))).toBe(true);
    expect(store.get('hh-1', 'alice', AS)).toEqual(ALICE);
    store.close();
  });

  it('a ciphertext moved to a member of another household fails authentication', () => {
    const { path, store } = seeded();
    withRawConnection(path, (db) => setCiphertext(db, 'hh-2', 'carol', ciphertextOf(db, 'hh-1', 'alice')));
    expect(authenticationFailure(() => store.get('hh-2', 'carol', AS))).toBe(true);
    store.close();
  });

  it('a row re-keyed to another member id (same blob, new key) fails authentication', () => {
    const { path, store } = seeded();
    withRawConnection(path, (db) =>
      db.prepare(`UPDATE member_records SET member_id = 'dave' WHERE household_id = 'hh-1' AND member_id = 'alice'`).run(),
    );
    expect(authenticationFailure(() => store.get('hh-1', 'dave', AS))).toBe(true);
    store.close();
  });

  it('every single flipped bit of a ciphertext (version, nonce, body, tag) fails authentication', () => {
    const { path, store } = seeded();
    const original = withRawConnection(path, (db) => ciphertextOf(db, 'hh-1', 'alice'));
    for (let i = 0; i < original.length; i++) {
      const tampered = Buffer.from(original);
      tampered[i]! ^= 0x01;
      withRawConnection(path, (db) => setCiphertext(db, 'hh-1', 'alice', tampered));
      expect([i, authenticationFailure(() => store.get('hh-1', 'alice', AS))]).toEqual([i, true]);
    }
    // Truncated blobs too.
    withRawConnection(path, (db) => setCiphertext(db, 'hh-1', 'alice', original.subarray(0, 20)));
    expect(authenticationFailure(() => store.get('hh-1', 'alice', AS))).toBe(true);
    withRawConnection(path, (db) => setCiphertext(db, 'hh-1', 'alice', original));
    expect(store.get('hh-1', 'alice', AS)).toEqual(ALICE);
    store.close();
  });

  it("a household key swapped in from another household fails authentication (and so does a tampered one)", () => {
    const { path, store } = seeded();
    const hh1Key = withRawConnection(path, (db) => wrappedKeyOf(db, 'hh-1'));
    withRawConnection(path, (db) => setWrappedKey(db, 'hh-2', hh1Key));
    expect(authenticationFailure(() => store.get('hh-2', 'carol', AS))).toBe(true);
    // Writing would need the key too: refused, not silently re-keyed.
    expect(authenticationFailure(() => store.put('hh-2', 'carol', { fullName: 'x' }, AS))).toBe(true);

    const flipped = Buffer.from(hh1Key);
    flipped[flipped.length - 1]! ^= 0x80;
    withRawConnection(path, (db) => setWrappedKey(db, 'hh-1', flipped));
    expect(authenticationFailure(() => store.get('hh-1', 'alice', AS))).toBe(true);
    store.close();
  });

  it('rotation is all or nothing: a tampered household key aborts it and the old key still opens the file', () => {
    const { path, store } = seeded();
    const key = withRawConnection(path, (db) => wrappedKeyOf(db, 'hh-2'));
    key[5]! ^= 0x01;
    withRawConnection(path, (db) => setWrappedKey(db, 'hh-2', key));
    expect(authenticationFailure(() => store.rotateMasterKey(Buffer.alloc(32, 0x33), AS))).toBe(true);
    expect(store.get('hh-1', 'alice', AS)).toEqual(ALICE);
    store.close();
    const reopened = openStore(path);
    expect(reopened.get('hh-1', 'bob', AS)).toEqual(BOB);
    reopened.close();
  });
});
