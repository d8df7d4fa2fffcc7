import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMasterKeyFile, writeMasterKeyFile } from '@hearth/personal-data';
import type { PersonalDataOptions } from '../../src/personal-data/personal-data-options';

/** A master key file (mode 0600) in a directory of its own — never beside the data — and where the personal-data file goes. */
export const personalDataSetup = (): { dir: string; keyFile: string; path: string; options: PersonalDataOptions; masterKey: () => Buffer; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-pd-'));
  const keyFile = join(dir, 'keys', 'master.key');
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  writeMasterKeyFile(keyFile, Buffer.alloc(32, 0x3c));
  const path = join(dir, 'data', 'personal-data.db');
  return {
    dir,
    keyFile,
    path,
    options: { path, masterKey: { kind: 'file', path: keyFile, read: () => readMasterKeyFile(keyFile) } },
    masterKey: () => readMasterKeyFile(keyFile),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};
