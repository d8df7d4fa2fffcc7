import Database from 'better-sqlite3';
import { isPersonalDataError, PersonalDataError, type PersonalDataErrorCode, type PersonalRecord } from '../src';
import { AS, MASTER_KEY, OTHER_KEY, openStore, tempDir } from './support/temp-store';

const dir = tempDir();
afterAll(() => dir.cleanup());

const RECORD: PersonalRecord = {
  fullName: 'Wang Fang',
  identityDocument: { kind: 'resident-identity-card', number: '510104198803155678' },
  phone: '+86 139 1234 5678',
  address: 'Group 4, Shuangjing Village',
  note: 'hard of hearing: visit in person',
};

const errorOf = (f: () => unknown): PersonalDataError => {
  try {
    f();
  } catch (e) {
    if (isPersonalDataError(e)) return e;
    throw e;
  }
  throw new Error('expected a PersonalDataError, nothing was thrown');
};
const codeOf = (f: () => unknown): PersonalDataErrorCode => errorOf(f).code;

describe('PersonalDataStore', () => {
  it('round-trips a record, across a reopen of the file', () => {
    const path = dir.file();
    const store = openStore(path);
    store.put('hh-1', 'm-1', RECORD, AS);
    store.put('hh-1', 'm-2', { fullName: 'Zhang Min' }, AS);
    expect(store.get('hh-1', 'm-1', AS)).toEqual(RECORD);
    expect(store.get('hh-1', 'm-3', AS)).toBeUndefined();
    expect(store.get('hh-unknown', 'm-1', AS)).toBeUndefined();
    expect(store.listMembers('hh-1')).toEqual(['m-1', 'm-2']);
    expect(store.listMembers('hh-unknown')).toEqual([]);
    store.close();

    const reopened = openStore(path);
    expect(reopened.get('hh-1', 'm-1', AS)).toEqual(RECORD);
    expect(reopened.get('hh-1', 'm-2', AS)).toEqual({ fullName: 'Zhang Min' });
    reopened.close();
  });

  it('replaces a record on a second put', () => {
    const store = openStore(dir.file());
    store.put('hh-1', 'm-1', RECORD, AS);
    store.put('hh-1', 'm-1', { phone: '+86 130 0000 0001' }, AS);
    expect(store.get('hh-1', 'm-1', AS)).toEqual({ phone: '+86 130 0000 0001' });
    expect(store.listMembers('hh-1')).toEqual(['m-1']);
    store.close();
  });

  it('refuses a wrong master key with WRONG_MASTER_KEY, even for a file with no household yet', () => {
    const withData = dir.file();
    const store = openStore(withData);
    store.put('hh-1', 'm-1', RECORD, AS);
    store.close();
    expect(codeOf(() => openStore(withData, OTHER_KEY))).toBe('WRONG_MASTER_KEY');

    const empty = dir.file();
    openStore(empty).close();
    expect(codeOf(() => openStore(empty, OTHER_KEY))).toBe('WRONG_MASTER_KEY');
    // The right key still opens it: a failed open changes nothing.
    const again = openStore(withData);
    expect(again.get('hh-1', 'm-1', AS)).toEqual(RECORD);
    again.close();
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(codeOf(() => openStore(dir.file(), Buffer.alloc(16)))).toBe('INVALID_MASTER_KEY');
  });

  it('refuses a read without a purpose, or with a blank one, naming the field, and logs nothing for it', () => {
    const store = openStore(dir.file());
    store.put('hh-1', 'm-1', RECORD, AS);
    for (const purpose of [undefined, '', '   ']) {
      const refused = errorOf(() => store.get('hh-1', 'm-1', { actor: 'registrar-1', purpose } as unknown as typeof AS));
      expect([refused.code, refused.field]).toEqual(['PURPOSE_REQUIRED', 'purpose']);
    }
    expect(errorOf(() => store.get('hh-1', 'm-1', { actor: 'registrar-1', purpose: 'a\nforged line' })).field).toBe('purpose');
    expect(errorOf(() => store.get('hh-1', 'm-1', { actor: 'two words', purpose: 'visit' })).field).toBe('actor');
    expect(errorOf(() => store.get('hh-1', 'm-1', { actor: 'registrar-1', purpose: '\u{1F4DE}'.repeat(201) })).field).toBe('purpose');
    expect(store.accessLog().map((e) => e.action)).toEqual(['write']);
    // At most 200 characters, as read: 200 emoji (400 UTF-16 units) are a purpose.
    expect(store.get('hh-1', 'm-1', { actor: 'registrar-1', purpose: '\u{1F4DE}'.repeat(200) })).toEqual(RECORD);
    store.close();
  });

  it('reads a whole household at once, in member order', () => {
    const store = openStore(dir.file());
    store.put('hh-1', 'm-2', { fullName: 'Zhang Min' }, AS);
    store.put('hh-1', 'm-1', RECORD, AS);
    expect(store.getHousehold('hh-1', AS)).toEqual([{ memberId: 'm-1', record: RECORD }, { memberId: 'm-2', record: { fullName: 'Zhang Min' } }]);
    expect(store.getHousehold('hh-none', AS)).toEqual([]);
    store.close();
  });

  it("refuses to live in another package's file (the event store's)", () => {
    const path = dir.file();
    const ledger = new Database(path);
    ledger.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT)');
    ledger.close();
    const error = errorOf(() => openStore(path));
    expect(error.code).toBe('NOT_A_PERSONAL_DATA_FILE');
    expect(error.message).toContain('events');
  });

  it('rejects a bad record naming the field, and ids that are not ledger ids', () => {
    const store = openStore(dir.file());
    const bad = errorOf(() => store.put('hh-1', 'm-1', { fullName: 'A', religion: 'x' } as PersonalRecord, AS));
    expect([bad.code, bad.field]).toEqual(['INVALID_RECORD', 'religion']);
    expect(errorOf(() => store.put('hh-1', 'm-1', { phone: 'x'.repeat(501) }, AS)).field).toBe('phone');
    const badId = errorOf(() => store.put('Wang Fang', 'm-1', RECORD, AS));
    expect([badId.code, badId.field]).toEqual(['INVALID_ID', 'householdId']);
    expect(errorOf(() => store.get('hh-1', '', AS)).field).toBe('memberId');
    // Nothing was written by the refused calls.
    expect(store.listMembers('hh-1')).toEqual([]);
    store.close();
  });

  it('erases one member without touching the others', () => {
    const store = openStore(dir.file());
    store.put('hh-1', 'm-1', RECORD, AS);
    store.put('hh-1', 'm-2', { fullName: 'Zhang Min' }, AS);
    expect(store.eraseMember('hh-1', 'm-1', AS)).toBe(true);
    expect(store.eraseMember('hh-1', 'm-1', AS)).toBe(false);
    expect(store.get('hh-1', 'm-1', AS)).toBeUndefined();
    expect(store.get('hh-1', 'm-2', AS)).toEqual({ fullName: 'Zhang Min' });
    expect(store.isErased('hh-1')).toBe(false);
    store.close();
  });

  it('after eraseHousehold: nothing readable, a tombstone, writes refused with HOUSEHOLD_ERASED, idempotent', () => {
    const store = openStore(dir.file());
    store.put('hh-1', 'm-1', RECORD, AS);
    store.put('hh-1', 'm-2', RECORD, AS);
    store.put('hh-2', 'm-1', RECORD, AS);

    const receipt = store.eraseHousehold('hh-1', AS);
    expect(receipt).toEqual({
      householdId: 'hh-1',
      erasedAt: '2024-03-01T12:00:00.000Z',
      membersErased: 2,
      alreadyErased: false,
      walTruncated: true,
    });
    expect(store.isErased('hh-1')).toBe(true);
    expect(store.erasedAt('hh-1')).toBe('2024-03-01T12:00:00.000Z');
    // A read is refused with its own code, not answered as if there had never been a record.
    const read = errorOf(() => store.get('hh-1', 'm-1', AS));
    expect(read.code).toBe('HOUSEHOLD_ERASED');
    expect(codeOf(() => store.getHousehold('hh-1', AS))).toBe('HOUSEHOLD_ERASED');
    expect(store.listMembers('hh-1')).toEqual([]);
    const refused = errorOf(() => store.put('hh-1', 'm-1', RECORD, AS));
    expect(refused.code).toBe('HOUSEHOLD_ERASED');
    expect(refused.message).toContain('hh-1');
    expect(store.eraseHousehold('hh-1', AS)).toMatchObject({ alreadyErased: true, membersErased: 0 });

    // Other households are untouched.
    expect(store.isErased('hh-2')).toBe(false);
    expect(store.get('hh-2', 'm-1', AS)).toEqual(RECORD);

    // Erasing a household never stored still forbids storing it later.
    store.eraseHousehold('hh-never', AS);
    expect(codeOf(() => store.put('hh-never', 'm-1', RECORD, AS))).toBe('HOUSEHOLD_ERASED');
    store.close();
  });

  it('rotation keeps every record readable under the new key, and the file no longer opens under the old', () => {
    const path = dir.file();
    const store = openStore(path);
    store.put('hh-1', 'm-1', RECORD, AS);
    store.put('hh-2', 'm-1', { fullName: 'Zhang Min' }, AS);
    store.eraseHousehold('hh-3', AS);
    store.rotateMasterKey(OTHER_KEY, AS);
    // The open store keeps working under the new key, including new households.
    expect(store.get('hh-1', 'm-1', AS)).toEqual(RECORD);
    store.put('hh-4', 'm-1', { phone: '+86 130 0000 0004' }, AS);
    store.close();

    expect(codeOf(() => openStore(path, MASTER_KEY))).toBe('WRONG_MASTER_KEY');
    const reopened = openStore(path, OTHER_KEY);
    expect(reopened.get('hh-1', 'm-1', AS)).toEqual(RECORD);
    expect(reopened.get('hh-2', 'm-1', AS)).toEqual({ fullName: 'Zhang Min' });
    expect(reopened.get('hh-4', 'm-1', AS)).toEqual({ phone: '+86 130 0000 0004' });
    expect(reopened.isErased('hh-3')).toBe(true);
    reopened.close();
  });

  it('refuses calls after close', () => {
    const store = openStore(dir.file());
    store.close();
    expect(codeOf(() => store.get('hh-1', 'm-1', AS))).toBe('STORE_CLOSED');
  });
});
