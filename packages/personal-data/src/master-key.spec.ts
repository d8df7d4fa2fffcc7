import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPersonalDataError } from './errors';
import { masterKeyFromEnv, masterKeyFromHex } from './master-key';
import { masterKeySource, writeMasterKeyFile } from './master-key-source';
import { personalDataPath } from './personal-data-location';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isPersonalDataError(e) ? e.code : e;
  }
  return 'no error';
};

const dir = mkdtempSync(join(tmpdir(), 'hearth-master-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('master key input', () => {
  it('reads 64 hex digits from HEARTH_MASTER_KEY', () => {
    const hex = 'ab'.repeat(32);
    expect(masterKeyFromEnv({ HEARTH_MASTER_KEY: `${hex}\n` })).toEqual(Buffer.alloc(32, 0xab));
    expect(masterKeySource({ HEARTH_MASTER_KEY: hex }).read()).toEqual(Buffer.alloc(32, 0xab));
  });

  it('refuses a missing, short or non-hex key without echoing it', () => {
    expect(code(() => masterKeyFromEnv({}))).toBe('MASTER_KEY_UNAVAILABLE');
    expect(code(() => masterKeyFromHex('ab'.repeat(31)))).toBe('INVALID_MASTER_KEY');
    expect(() => masterKeyFromHex('zz'.repeat(32))).toThrow(/^INVALID_MASTER_KEY: the master key must be 64 hex digits$/);
  });

  it('reads the key file named by HEARTH_MASTER_KEY_FILE, and refuses one others may read', () => {
    const path = join(dir, 'master.key');
    writeMasterKeyFile(path, Buffer.alloc(32, 0x5a));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const source = masterKeySource({ HEARTH_MASTER_KEY_FILE: path });
    expect(source.kind).toBe('file');
    expect(source.read()).toEqual(Buffer.alloc(32, 0x5a));
    // Replaced atomically: the same path now yields the new key.
    writeMasterKeyFile(path, Buffer.alloc(32, 0x6b));
    expect(source.read()).toEqual(Buffer.alloc(32, 0x6b));
    expect(readFileSync(path, 'utf8')).toBe(`${'6b'.repeat(32)}\n`);

    const loose = join(dir, 'loose.key');
    writeFileSync(loose, 'ab'.repeat(32));
    chmodSync(loose, 0o644);
    expect(() => masterKeySource({ HEARTH_MASTER_KEY_FILE: loose }).read()).toThrow(/^MASTER_KEY_UNAVAILABLE: .*readable by others \(mode 644\)/);
    expect(code(() => masterKeySource({ HEARTH_MASTER_KEY_FILE: join(dir, 'absent.key') }).read())).toBe('MASTER_KEY_UNAVAILABLE');
  });

  it('refuses both sources at once, and neither, naming the variables', () => {
    expect(() => masterKeySource({ HEARTH_MASTER_KEY_FILE: 'x', HEARTH_MASTER_KEY: 'y' })).toThrow(/HEARTH_MASTER_KEY_FILE or HEARTH_MASTER_KEY, not both/);
    expect(() => masterKeySource({})).toThrow(/set HEARTH_MASTER_KEY_FILE/);
  });
});

describe('where the personal-data file lives', () => {
  it('is HEARTH_PERSONAL_DATA when set, else beside the SQLite store, else ./data', () => {
    expect(personalDataPath('sqlite:/srv/hearth/hearth.db', { HEARTH_PERSONAL_DATA: 'sqlite:/secure/pd.db' })).toBe('/secure/pd.db');
    expect(personalDataPath('sqlite:/srv/hearth/hearth.db', {})).toBe('/srv/hearth/personal-data.db');
    expect(personalDataPath('esdb://localhost:2113?tls=false', {})).toBe(join('data', 'personal-data.db'));
    expect(() => personalDataPath('sqlite:x.db', { HEARTH_PERSONAL_DATA: '/secure/pd.db' })).toThrow(/HEARTH_PERSONAL_DATA must be sqlite:PATH/);
  });
});
