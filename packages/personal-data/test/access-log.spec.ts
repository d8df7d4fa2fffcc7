import { entryHash, openAccessLog } from '../src';
import { AS, FIXED_NOW, containsBytes, fileBytes, openStore, tempDir, withRawConnection } from './support/temp-store';

/**
 * The access log: every access in it (who, when, which household and member, why, what
 * came of it), never a personal value; hash-chained, append-only, and verifiable.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

const REGISTRAR = { actor: 'registrar-1', purpose: 'registration visit' };
const MARKER = 'Zzyzx-Marker-Qu';

const seeded = () => {
  const path = dir.file();
  const store = openStore(path);
  store.put('hh-1', 'm-1', { fullName: `${MARKER} Lan`, phone: '+86 131 0000 0001' }, REGISTRAR);
  store.get('hh-1', 'm-1', { actor: 'registrar-2', purpose: 'call about a job offer' });
  store.get('hh-1', 'm-9', REGISTRAR);
  store.eraseHousehold('hh-1', { actor: 'registrar-1', purpose: 'the household asked to be forgotten' });
  expect(() => store.get('hh-1', 'm-1', REGISTRAR)).toThrow(/^HOUSEHOLD_ERASED/);
  store.rotateMasterKey(Buffer.alloc(32, 0x44), { actor: 'cli:ops', purpose: 'yearly key rotation' });
  return { path, store };
};

describe('the access log', () => {
  it('records every access in order — who, when, what, why, and what came of it — and verifies', () => {
    const { store } = seeded();
    const at = FIXED_NOW().toISOString();
    expect(store.accessLog().map(({ prevHash: _p, hash: _h, ...e }) => e)).toEqual([
      { seq: 1, at, actor: 'registrar-1', action: 'write', householdId: 'hh-1', memberId: 'm-1', purpose: 'registration visit', outcome: 'written' },
      { seq: 2, at, actor: 'registrar-2', action: 'read', householdId: 'hh-1', memberId: 'm-1', purpose: 'call about a job offer', outcome: 'found' },
      { seq: 3, at, actor: 'registrar-1', action: 'read', householdId: 'hh-1', memberId: 'm-9', purpose: 'registration visit', outcome: 'absent' },
      { seq: 4, at, actor: 'registrar-1', action: 'erase', householdId: 'hh-1', purpose: 'the household asked to be forgotten', outcome: 'erased' },
      { seq: 5, at, actor: 'registrar-1', action: 'read', householdId: 'hh-1', memberId: 'm-1', purpose: 'registration visit', outcome: 'erased' },
      { seq: 6, at, actor: 'cli:ops', action: 'rotate', purpose: 'yearly key rotation', outcome: 'rotated' },
    ]);
    const verified = store.verifyAccessLog();
    expect(verified).toEqual({ ok: true, entries: 6, headHash: store.accessLog().at(-1)?.hash });
    expect(store.accessLog('hh-1')).toHaveLength(5);
    store.close();
  });

  it('holds no personal value: the marker is nowhere in the file, before or after the erasure', () => {
    const { path, store } = seeded();
    expect(containsBytes(fileBytes(path), MARKER)).toBe(false);
    expect(JSON.stringify(store.accessLog())).not.toContain(MARKER);
    store.close();
  });

  it('refuses UPDATE and DELETE of its rows (append-only)', () => {
    const { path, store } = seeded();
    withRawConnection(path, (db) => {
      expect(() => db.prepare(`UPDATE access_log SET purpose = 'routine' WHERE seq = 2`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM access_log WHERE seq = 5`).run()).toThrow(/append-only/);
    });
    expect(store.verifyAccessLog().ok).toBe(true);
    store.close();
  });

  it('exposes an edit made around the triggers, at the entry edited', () => {
    const { path, store } = seeded();
    withRawConnection(path, (db) => {
      db.exec('DROP TRIGGER access_log_no_update');
      db.prepare(`UPDATE access_log SET actor = 'someone-else', purpose = 'routine' WHERE seq = 2`).run();
    });
    expect(store.verifyAccessLog()).toMatchObject({ ok: false, entries: 1, firstBroken: { seq: 2, reason: expect.stringMatching(/altered/) } });
    store.close();
  });

  it('exposes a deleted entry, and an entry rehashed without its successors', () => {
    const deleted = seeded();
    withRawConnection(deleted.path, (db) => {
      db.exec('DROP TRIGGER access_log_no_delete');
      db.prepare(`DELETE FROM access_log WHERE seq = 3`).run();
    });
    expect(deleted.store.verifyAccessLog()).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 4, reason: expect.stringMatching(/entry 3 is missing/) } });
    deleted.store.close();

    const rehashed = seeded();
    const forged = rehashed.store.accessLog()[1]!;
    withRawConnection(rehashed.path, (db) => {
      db.exec('DROP TRIGGER access_log_no_update');
      // The forger recomputes entry 2's own hash, but entry 3 still names the old one.
      const edited = { ...forged, purpose: 'routine' };
      db.prepare(`UPDATE access_log SET purpose = ?, hash = ? WHERE seq = 2`).run('routine', entryHash(forged.prevHash, edited));
    });
    expect(rehashed.store.verifyAccessLog()).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/does not name the hash/) } });
    rehashed.store.close();
  });

  it('keeps appending one chain when two connections (a service and the CLI) write', () => {
    const path = dir.file();
    const service = openStore(path);
    const cli = openStore(path);
    for (let i = 0; i < 5; i++) {
      service.put('hh-1', `m-${i}`, { fullName: 'x' }, AS);
      cli.get('hh-1', `m-${i}`, AS);
    }
    expect(cli.verifyAccessLog()).toMatchObject({ ok: true, entries: 10 });
    expect(service.accessLog().map((e) => e.action)).toEqual(Array.from({ length: 5 }, () => ['write', 'read']).flat());
    service.close();
    cli.close();
  });
});

describe('openAccessLog (read-only, no master key)', () => {
  it("reads and verifies the log without the key, and refuses a file that is not a personal-data store's", () => {
    const { path, store } = seeded();
    const reader = openAccessLog(path);
    expect(reader.entries()).toEqual(store.accessLog());
    expect(reader.verify()).toEqual(store.verifyAccessLog());
    reader.close();
    store.close();
    expect(() => openAccessLog(dir.file())).toThrow(/^NOT_A_PERSONAL_DATA_FILE/);
  });
});
