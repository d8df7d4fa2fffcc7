import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { AS, containsBytes, fileBytes, openStore, OTHER_KEY, tempDir, withRawConnection } from './support/temp-store';

/**
 * An erasure that meets another connection's read snapshot cannot empty the write-ahead
 * log (`walTruncated: false`): the WAL then still holds page images from before the
 * deletion, the household's wrapped key among them. What happens to those pages once the
 * reader has gone, as the store goes on being used? (The personal-data leak audit found they
 * stayed in the `-wal` file; decision 184 has the next use of the store empty it.)
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const wrappedKeyOf = (path: string, householdId: string): Buffer =>
  withRawConnection(path, (db) => db.prepare<[string], Buffer>('SELECT wrapped_key FROM household_keys WHERE household_id = ?').pluck().get(householdId)!);

/** A store with two households, and a reader (a backup, `hearth personal-data log`) holding a snapshot of it. */
const erasedUnderAReader = () => {
  const path = dir.file();
  // The erasure's checkpoint waits out the busy timeout for the reader: a short one keeps the file fast.
  const store = openStore(path, undefined, { busyTimeoutMs: 100 });
  store.put('hh-1', 'm-1', { fullName: 'Wen Lihua-7Q', identityDocument: { kind: 'card', number: 'ID-559-XYZ' } }, AS);
  store.put('hh-2', 'm-1', { fullName: 'Kept Person' }, AS);
  const wrapped = wrappedKeyOf(path, 'hh-1');
  const reader = new Database(path, { readonly: true });
  reader.prepare('BEGIN').run();
  reader.prepare('SELECT count(*) FROM access_log').get();
  const receipt = store.eraseHousehold('hh-1', { actor: 'registrar', purpose: 'the household asked to be forgotten' });
  return { path, store, wrapped, reader, receipt };
};

describe("the household's wrapped key after an erasure that could not empty the WAL", () => {
  it('is still in the WAL while the other connection keeps its snapshot, and the receipt says so', () => {
    const { path, store, wrapped, reader, receipt } = erasedUnderAReader();
    expect(receipt).toMatchObject({ membersErased: 1, alreadyErased: false, walTruncated: false });
    expect(containsBytes(fileBytes(path), wrapped)).toBe(true);
    reader.close();
    store.close();
  });

  it('leaves the file once the reader has gone and SQLite checkpoints the WAL, as the store goes on being used', () => {
    const { path, store, wrapped, reader } = erasedUnderAReader();
    reader.prepare('COMMIT').run();
    reader.close();
    // The store goes on: reads and writes of the other household (each an access-log entry), then a checkpoint,
    // the one SQLite runs by itself once the WAL has grown (wal_autocheckpoint), run here at once.
    for (let i = 0; i < 20; i++) store.get('hh-2', 'm-1', AS);
    store.put('hh-2', 'm-1', { fullName: 'Kept Person', phone: '+86 100' }, AS);
    const checkpoint = withRawConnection(path, (db) => db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]);
    expect(checkpoint[0]).toMatchObject({ busy: 0 });
    expect(checkpoint[0]?.checkpointed).toBe(checkpoint[0]?.log);
    // The checkpoint copied every frame back; the database file holds the zeroed page. The WAL file is not emptied by a
    // passive checkpoint: its frames stay on disk until later writes overwrite them.
    expect(containsBytes(readFileSync(path), wrapped)).toBe(false);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect({ inTheWal: containsBytes(readFileSync(`${path}-wal`), wrapped) }).toEqual({ inTheWal: false });
    store.close();
  });

  it('leaves the file at the next erasure of any household, which empties the WAL', () => {
    const { path, store, wrapped, reader } = erasedUnderAReader();
    reader.close();
    expect(store.eraseHousehold('hh-2', AS).walTruncated).toBe(true);
    expect(containsBytes(fileBytes(path), wrapped)).toBe(false);
    store.close();
  });

  it('leaves the file when the store closes, the last connection checkpointing and removing the WAL', () => {
    const { path, store, wrapped, reader } = erasedUnderAReader();
    reader.close();
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(containsBytes(fileBytes(path), wrapped)).toBe(false);
  });
});

describe('the household keys wrapped under the old master key, after a rotation under a read snapshot', () => {
  it('leave the file once the reader has gone and SQLite checkpoints the WAL, as after an erasure', () => {
    const path = dir.file();
    const store = openStore(path, undefined, { busyTimeoutMs: 100 });
    store.put('hh-1', 'm-1', { fullName: 'Wen Lihua-7Q' }, AS);
    const oldWrap = wrappedKeyOf(path, 'hh-1');
    const reader = new Database(path, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM access_log').get();
    // The rotation's own comment: "Old wraps would otherwise stay readable in WAL frames with the old key".
    expect(store.rotateMasterKey(OTHER_KEY, AS)).toEqual({ householdKeys: 1, walTruncated: false });
    reader.prepare('COMMIT').run();
    reader.close();
    for (let i = 0; i < 20; i++) store.get('hh-1', 'm-1', AS);
    const checkpoint = withRawConnection(path, (db) => db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]);
    expect(checkpoint[0]?.checkpointed).toBe(checkpoint[0]?.log);
    expect(containsBytes(readFileSync(path), oldWrap)).toBe(false);
    expect({ oldWrapInTheWal: containsBytes(readFileSync(`${path}-wal`), oldWrap) }).toEqual({ oldWrapInTheWal: false });
    store.close();
  });
});
