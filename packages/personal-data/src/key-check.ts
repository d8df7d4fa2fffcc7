import type Database from 'better-sqlite3';
import { open, seal } from './aead';
import { keyCheckAad } from './associated-data';
import { PersonalDataError } from './errors';

/**
 * A known constant sealed under the master key when the file is created. Opening it is
 * how a wrong key is told apart from a tampered row, on open and before anything is
 * read — including in a file with no household yet — so a wrong key is an error, never
 * an empty store or garbage. It reveals nothing: GCM under a random nonce.
 */
const CHECK_PLAINTEXT = Buffer.from('hearth personal-data master key check');

export const writeKeyCheck = (db: Database.Database, masterKey: Buffer): void => {
  db.prepare(`INSERT OR REPLACE INTO personal_data_meta (name, value) VALUES ('key_check', ?)`).run(
    seal(masterKey, CHECK_PLAINTEXT, keyCheckAad()),
  );
};

export const assertKeyCheck = (db: Database.Database, masterKey: Buffer): void => {
  if (!keyCheckOpens(readKeyCheck(db), masterKey)) {
    throw new PersonalDataError('WRONG_MASTER_KEY', 'the master key does not open this personal-data file');
  }
};

/** The sealed constant as stored: it changes (new nonce, new key) on every rotation, whichever process rotated. */
export const readKeyCheck = (db: Database.Database): Buffer | undefined =>
  db.prepare<[], Buffer>(`SELECT value FROM personal_data_meta WHERE name = 'key_check'`).pluck().get();

export const keyCheckOpens = (sealed: Buffer | undefined, masterKey: Buffer): boolean => {
  const opened = sealed === undefined ? undefined : open(masterKey, sealed, keyCheckAad());
  return opened !== undefined && opened.equals(CHECK_PLAINTEXT);
};
