import { AS, MASTER_KEY, OTHER_KEY, openStore, tempDir } from './support/temp-store';

/**
 * Rotation while another process has the file open (the service, while the CLI
 * rotates): the other process notices before touching a wrapped key, and follows when
 * it can re-read the key; it never reads garbage or writes under the old key.
 */
const dir = tempDir();
afterAll(() => dir.cleanup());

describe('rotation on a live store', () => {
  it('a store that can re-read its key source follows a rotation made by another connection', () => {
    const path = dir.file();
    let keyFile: Buffer = MASTER_KEY;
    const service = openStore(path, MASTER_KEY, { reloadMasterKey: () => keyFile });
    service.put('hh-1', 'm-1', { fullName: 'Before Rotation' }, AS);

    const cli = openStore(path, MASTER_KEY);
    cli.rotateMasterKey(OTHER_KEY, AS);
    cli.close();
    keyFile = OTHER_KEY;

    expect(service.get('hh-1', 'm-1', AS)).toEqual({ fullName: 'Before Rotation' });
    // Written after the rotation: wrapped under the new key, so a fresh open with it reads both.
    service.put('hh-2', 'm-1', { fullName: 'After Rotation' }, AS);
    service.close();
    const reopened = openStore(path, OTHER_KEY);
    expect(reopened.get('hh-2', 'm-1', AS)).toEqual({ fullName: 'After Rotation' });
    expect(reopened.get('hh-1', 'm-1', AS)).toEqual({ fullName: 'Before Rotation' });
    reopened.close();
  });

  it('until the key source holds the new key, calls are refused (WRONG_MASTER_KEY), never answered wrongly', () => {
    const path = dir.file();
    const keyFile: Buffer = MASTER_KEY;
    const service = openStore(path, MASTER_KEY, { reloadMasterKey: () => keyFile });
    const fixed = openStore(path, MASTER_KEY);
    service.put('hh-1', 'm-1', { fullName: 'x' }, AS);
    const cli = openStore(path, MASTER_KEY);
    cli.rotateMasterKey(OTHER_KEY, AS);
    cli.close();
    expect(() => service.get('hh-1', 'm-1', AS)).toThrow(/^WRONG_MASTER_KEY: .*does not hold the new key/);
    expect(() => service.put('hh-3', 'm-1', { fullName: 'y' }, AS)).toThrow(/^WRONG_MASTER_KEY/);
    // Without a way to reload, the store says to reopen it.
    expect(() => fixed.get('hh-1', 'm-1', AS)).toThrow(/^WRONG_MASTER_KEY: .*reopen the store/);
    service.close();
    fixed.close();
    const reopened = openStore(path, OTHER_KEY);
    expect(reopened.listMembers('hh-3')).toEqual([]);
    reopened.close();
  });
});
