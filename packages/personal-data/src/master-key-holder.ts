import type Database from 'better-sqlite3';
import { PersonalDataError } from './errors';
import { assertKeyCheck, keyCheckOpens, readKeyCheck } from './key-check';
import { copyMasterKey } from './master-key';

/**
 * The master key an open store works under, kept in step with the file. Another process
 * (`hearth personal-data rotate-master-key`) may re-wrap every household key while this
 * one is open; the key check it rewrites is how this process notices, before it touches
 * a wrapped key, and `reload` (re-reading the key file) is how it follows.
 */
export class MasterKeyHolder {
  private seenCheck: Buffer | undefined;

  constructor(
    private readonly db: Database.Database,
    private key: Buffer,
    private readonly reload: (() => Uint8Array) | undefined,
  ) {
    assertKeyCheck(db, key);
    this.seenCheck = readKeyCheck(db);
  }

  /** The current key; call inside the operation's transaction, so no rotation lands between this and its use. */
  current(): Buffer {
    const check = readKeyCheck(this.db);
    if (check !== undefined && this.seenCheck !== undefined && check.equals(this.seenCheck)) return this.key;
    const rotated = 'the master key of this personal-data file was rotated by another process';
    if (this.reload === undefined) throw new PersonalDataError('WRONG_MASTER_KEY', `${rotated}; reopen the store with the new key`);
    const next = copyMasterKey(this.reload());
    if (!keyCheckOpens(check, next)) {
      next.fill(0);
      throw new PersonalDataError('WRONG_MASTER_KEY', `${rotated}, and the key source does not hold the new key (yet)`);
    }
    this.adopt(next, check);
    return this.key;
  }

  /** After this process's own rotation: the new key, and the key check it just wrote. */
  adopt(next: Buffer, check: Buffer | undefined = readKeyCheck(this.db)): void {
    if (next !== this.key) this.key.fill(0);
    this.key = next;
    this.seenCheck = check;
  }

  /** Best effort: V8 may have copied the key elsewhere. */
  destroy(): void {
    this.key.fill(0);
  }
}
