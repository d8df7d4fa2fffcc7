import type Database from 'better-sqlite3';
import type { PersonalRecord } from '../src';
import { unwrapDataKey } from '../src/household-key';
import { AS, containsBytes, fileBytes, MASTER_KEY, OTHER_KEY, openStore, tempDir, withRawConnection } from './support/temp-store';

/**
 * What a copy of the file (and its write-ahead log) shows to someone without the master
 * key: ids and erasure dates, never a plaintext; and after an erasure, not even the
 * ciphertexts or the wrapped key of that household.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const HH1: Record<string, PersonalRecord> = {
  'm-1': {
    fullName: 'Huang Xiaoming',
    identityDocument: { kind: 'resident-identity-card', number: '450103197612093316' },
    phone: '+86 137 7777 8888',
    address: 'No. 12, Qingshan Road, Dongxing Village',
    note: 'Distinctive note about the first member',
  },
  'm-2': { fullName: 'Huang Meili', phone: '+86 138 9999 0000' },
};
const HH2_RECORD: PersonalRecord = { fullName: 'Sun Hongwei', address: 'Hilltop hamlet, Xiping' };

const plaintextsOf = (r: PersonalRecord): string[] =>
  [r.fullName, r.phone, r.address, r.note, r.identityDocument?.number].filter((s): s is string => s !== undefined);
const HH1_PLAINTEXTS = Object.values(HH1).flatMap(plaintextsOf);

const blobs = (db: Database.Database, h: string) => ({
  wrappedKey: db.prepare<[string], Buffer>('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(h)!,
  ciphertexts: db.prepare<[string], Buffer>('SELECT ciphertext FROM member_records WHERE household_id = ?').pluck().all(h),
});

const seeded = () => {
  const path = dir.file();
  const store = openStore(path);
  for (const [member, record] of Object.entries(HH1)) store.put('hh-1', member, record, AS);
  store.put('hh-2', 'm-1', HH2_RECORD, AS);
  return { path, store };
};

describe('the bytes on disk', () => {
  it('hold none of the plaintexts, nor any household data key, after writes (file and WAL)', () => {
    const { path, store } = seeded();
    const bytes = fileBytes(path);
    // The writes are still in the WAL here (no checkpoint yet): the scan covers it.
    expect(bytes.length).toBeGreaterThan(0);
    for (const plaintext of [...HH1_PLAINTEXTS, ...plaintextsOf(HH2_RECORD)]) {
      expect([plaintext, containsBytes(bytes, plaintext)]).toEqual([plaintext, false]);
    }
    const dataKey = withRawConnection(path, (db) => unwrapDataKey(MASTER_KEY, 'hh-1', blobs(db, 'hh-1').wrappedKey));
    expect(containsBytes(bytes, dataKey)).toBe(false);
    expect(containsBytes(bytes, MASTER_KEY)).toBe(false);
    store.close();
  });

  it("after eraseHousehold hold neither the household's wrapped key nor its ciphertexts; other households intact", () => {
    const { path, store } = seeded();
    const before = withRawConnection(path, (db) => ({ hh1: blobs(db, 'hh-1'), hh2: blobs(db, 'hh-2') }));
    expect(before.hh1.ciphertexts).toHaveLength(2);
    expect(containsBytes(fileBytes(path), before.hh1.wrappedKey)).toBe(true);

    expect(store.eraseHousehold('hh-1', AS).walTruncated).toBe(true);

    const after = fileBytes(path);
    expect(containsBytes(after, before.hh1.wrappedKey)).toBe(false);
    for (const ciphertext of before.hh1.ciphertexts) expect(containsBytes(after, ciphertext)).toBe(false);
    for (const plaintext of HH1_PLAINTEXTS) expect(containsBytes(after, plaintext)).toBe(false);
    // The other household's key and record are still there and still readable.
    expect(containsBytes(after, before.hh2.wrappedKey)).toBe(true);
    expect(store.get('hh-2', 'm-1', AS)).toEqual(HH2_RECORD);
    store.close();

    // Even reopened with the right master key, nothing of hh-1 comes back.
    const reopened = openStore(path);
    expect(reopened.isErased('hh-1')).toBe(true);
    expect(() => reopened.get('hh-1', 'm-1', AS)).toThrow(/^HOUSEHOLD_ERASED/);
    expect(reopened.listMembers('hh-1')).toEqual([]);
    expect(reopened.get('hh-2', 'm-1', AS)).toEqual(HH2_RECORD);
    reopened.close();
  });

  it("after eraseMember hold no longer that member's ciphertext", () => {
    const { path, store } = seeded();
    const { ciphertexts } = withRawConnection(path, (db) => blobs(db, 'hh-1'));
    const m1 = withRawConnection(path, (db) =>
      db.prepare<[], Buffer>(`SELECT ciphertext FROM member_records WHERE household_id = 'hh-1' AND member_id = 'm-1'`).pluck().get()!,
    );
    store.eraseMember('hh-1', 'm-1', AS);
    const after = fileBytes(path);
    expect(containsBytes(after, m1)).toBe(false);
    expect(ciphertexts.filter((c) => containsBytes(after, c))).toHaveLength(1);
    store.close();
  });

  it('after rotation hold no household key wrapped under the old master key', () => {
    const { path, store } = seeded();
    const old = withRawConnection(path, (db) => [blobs(db, 'hh-1').wrappedKey, blobs(db, 'hh-2').wrappedKey]);
    store.rotateMasterKey(OTHER_KEY, AS);
    const after = fileBytes(path);
    for (const wrapped of old) expect(containsBytes(after, wrapped)).toBe(false);
    store.close();
  });
});
