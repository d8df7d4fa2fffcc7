import type Database from 'better-sqlite3';
import { AccessLog, validateAccess, type Access, type AccessLogEntry, type AccessLogVerification } from './access-log';
import { PersonalDataError } from './errors';
import { newDataKey, unwrapDataKey, wrapDataKey } from './household-key';
import { assertId } from './ids';
import { copyMasterKey } from './master-key';
import { MasterKeyHolder } from './master-key-holder';
import { rewrapHouseholdKeys } from './master-key-rotation';
import { openRecord, sealRecord } from './member-record-cipher';
import { validatePersonalRecord, type PersonalRecord } from './personal-record';
import { openPersonalDataFile } from './personal-data-connection';
import { prepareStatements, type PersonalDataStatements } from './personal-data-statements';
import type { ErasureReceipt, MemberRecord, PersonalDataStoreOptions } from './store-types';
import { WalShredding } from './wal-shredding';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Personal identifiers of members (domain.md §1.4), kept apart from the ledger: its own
 * SQLite file, keyed by the ledger's pseudonymous household and member ids, sealed per
 * household (envelope encryption under a master key the caller holds), and erasable by
 * crypto-shredding. See the package README for the threat model.
 *
 * Every call names who accesses and why (`Access`), and is recorded in the access log
 * in the same transaction: there is no read or write without its entry.
 *
 * Synchronous, like better-sqlite3: each call is one transaction.
 */
export class PersonalDataStore {
  private closed = false;
  private readonly now: () => Date;
  private readonly log: AccessLog;
  private readonly sql: PersonalDataStatements;
  private readonly wal: WalShredding;

  private constructor(
    private readonly db: Database.Database,
    private readonly keys: MasterKeyHolder,
    opts: PersonalDataStoreOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.log = new AccessLog(db);
    this.sql = prepareStatements(db);
    this.wal = new WalShredding(db, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    // A deletion this or another process could not shred from the WAL is shredded as soon as no reader holds it.
    this.wal.retryPending();
  }

  /**
   * Opens (creating if needed) the store at `path` — a file of its own, never the event
   * store's — under `masterKey` (32 bytes; e.g. `masterKeySource().read()`). The key is
   * never written anywhere. Throws `WRONG_MASTER_KEY` if the file was written under another key.
   */
  static open(path: string, masterKey: Uint8Array, opts: PersonalDataStoreOptions = {}): PersonalDataStore {
    const key = copyMasterKey(masterKey);
    let db: Database.Database | undefined;
    try {
      // Its settings (secure_delete, synchronous FULL) are what an erasure relies on: personal-data-connection.ts.
      db = openPersonalDataFile(path, key, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
      return new PersonalDataStore(db, new MasterKeyHolder(db, key, opts.reloadMasterKey), opts);
    } catch (error) {
      key.fill(0);
      db?.close();
      throw error;
    }
  }

  /** Stores (or replaces) a member's record. Refused with `HOUSEHOLD_ERASED` after an erasure. */
  put(householdId: string, memberId: string, record: PersonalRecord, access: Access): void {
    this.assertOpen();
    const h = assertId('householdId', householdId);
    const m = assertId('memberId', memberId);
    const valid = validatePersonalRecord(record);
    const who = validateAccess(access);
    this.db
      .transaction(() => {
        this.assertNotErased(h);
        const dataKey = this.dataKeyFor(h) ?? this.createDataKey(h);
        try {
          this.sql.upsertRecord.run(h, m, sealRecord(dataKey, h, m, valid));
        } finally {
          dataKey.fill(0);
        }
        this.log.append(this.stamp(), who, 'write', 'written', h, m);
      })
      .immediate();
  }

  /**
   * The member's record, or `undefined` if there is none. Refused with `HOUSEHOLD_ERASED`
   * after the household's erasure — and the refused attempt is logged too.
   */
  get(householdId: string, memberId: string, access: Access): PersonalRecord | undefined {
    this.assertOpen();
    const h = assertId('householdId', householdId);
    const m = assertId('memberId', memberId);
    const who = validateAccess(access);
    const result = this.db
      .transaction((): { record?: PersonalRecord; erasedAt?: string } => {
        const erasedAt = this.sql.erasedAt.get(h);
        if (erasedAt !== undefined) {
          this.log.append(this.stamp(), who, 'read', 'erased', h, m);
          return { erasedAt };
        }
        const sealed = this.sql.record.get(h, m);
        const dataKey = sealed === undefined ? undefined : this.dataKeyFor(h);
        if (sealed === undefined || dataKey === undefined) {
          this.log.append(this.stamp(), who, 'read', 'absent', h, m);
          return {};
        }
        try {
          const record = openRecord(dataKey, h, m, sealed);
          this.log.append(this.stamp(), who, 'read', 'found', h, m);
          return { record };
        } finally {
          dataKey.fill(0);
        }
      })
      .immediate();
    if (result.erasedAt !== undefined) throw this.erasedError(h, result.erasedAt);
    return result.record;
  }

  /** Every member record of the household, in member order (one log entry for the whole read). */
  getHousehold(householdId: string, access: Access): MemberRecord[] {
    this.assertOpen();
    const h = assertId('householdId', householdId);
    const who = validateAccess(access);
    const result = this.db
      .transaction((): { records: MemberRecord[]; erasedAt?: string } => {
        const erasedAt = this.sql.erasedAt.get(h);
        if (erasedAt !== undefined) {
          this.log.append(this.stamp(), who, 'read', 'erased', h);
          return { records: [], erasedAt };
        }
        const rows = this.sql.records.all(h);
        const dataKey = rows.length === 0 ? undefined : this.dataKeyFor(h);
        const records: MemberRecord[] = [];
        try {
          if (dataKey !== undefined) for (const r of rows) records.push({ memberId: r.member_id, record: openRecord(dataKey, h, r.member_id, r.ciphertext) });
        } finally {
          dataKey?.fill(0);
        }
        this.log.append(this.stamp(), who, 'read', records.length > 0 ? 'found' : 'absent', h);
        return { records };
      })
      .immediate();
    if (result.erasedAt !== undefined) throw this.erasedError(h, result.erasedAt);
    return result.records;
  }

  /** Member ids with a record in the household (ids only: nothing is decrypted, nothing logged). */
  listMembers(householdId: string): string[] {
    this.assertOpen();
    return this.sql.members.all(assertId('householdId', householdId));
  }

  /**
   * Deletes one member's record (zeroed in the file). The household key stays for the
   * other members, so a copy of the file taken before this call can still be read with
   * the master key; only `eraseHousehold` shreds the key. Returns whether a record existed.
   */
  eraseMember(householdId: string, memberId: string, access: Access): boolean {
    this.assertOpen();
    const h = assertId('householdId', householdId);
    const m = assertId('memberId', memberId);
    const who = validateAccess(access);
    const existed = this.db
      .transaction(() => {
        const deleted = this.sql.deleteRecord.run(h, m).changes > 0;
        this.log.append(this.stamp(), who, 'erase', deleted ? 'erased' : 'absent', h, m);
        return deleted;
      })
      .immediate();
    if (existed) this.wal.afterDeletion();
    return existed;
  }

  /**
   * Crypto-shredding: deletes the household's wrapped key and every record of it in one
   * transaction, and leaves a tombstone (the date only). The event history keeps its
   * pseudonymous ids and becomes anonymous. Idempotent; erasing a household never
   * stored still leaves the tombstone, so nothing can be written for it later.
   */
  eraseHousehold(householdId: string, access: Access): ErasureReceipt {
    this.assertOpen();
    const h = assertId('householdId', householdId);
    const who = validateAccess(access);
    const { erasedAt, membersErased, alreadyErased } = this.db
      .transaction(() => {
        const previous = this.sql.erasedAt.get(h);
        if (previous !== undefined) {
          this.log.append(this.stamp(), who, 'erase', 'already-erased', h);
          return { erasedAt: previous, membersErased: 0, alreadyErased: true };
        }
        const erasedAt = this.stamp();
        const membersErased = this.sql.deleteRecords.run(h).changes;
        this.sql.deleteKey.run(h);
        this.sql.insertTombstone.run(h, erasedAt);
        this.log.append(erasedAt, who, 'erase', 'erased', h);
        return { erasedAt, membersErased, alreadyErased: false };
      })
      .immediate();
    return { householdId: h, erasedAt, membersErased, alreadyErased, walTruncated: this.wal.afterDeletion() };
  }

  isErased(householdId: string): boolean {
    return this.erasedAt(householdId) !== undefined;
  }

  /** When the household was erased (ISO 8601), or `undefined`. */
  erasedAt(householdId: string): string | undefined {
    this.assertOpen();
    return this.sql.erasedAt.get(assertId('householdId', householdId));
  }

  /**
   * Re-wraps every household key (and the key check) under `newKey` in one transaction:
   * all or nothing. Records are not touched. Afterwards the file opens under `newKey`
   * only; the old key still opens copies of the file taken before. Other processes with
   * the file open notice on their next call (see `reloadMasterKey`).
   */
  rotateMasterKey(newKey: Uint8Array, access: Access): { householdKeys: number; walTruncated: boolean } {
    this.assertOpen();
    const next = copyMasterKey(newKey);
    const who = validateAccess(access);
    let householdKeys = 0;
    try {
      this.db
        .transaction(() => {
          householdKeys = rewrapHouseholdKeys(this.db, this.sql, this.keys.current(), next);
          this.log.append(this.stamp(), who, 'rotate', 'rotated');
        })
        .immediate();
    } catch (error) {
      next.fill(0);
      throw error;
    }
    this.keys.adopt(next);
    // Old wraps would otherwise stay readable in WAL frames with the old key.
    return { householdKeys, walTruncated: this.wal.afterDeletion() };
  }

  /** The access log, oldest first; of one household when `householdId` is given. Nothing in it is a personal value. */
  accessLog(householdId?: string): AccessLogEntry[] {
    this.assertOpen();
    return this.log.entries(householdId === undefined ? undefined : assertId('householdId', householdId));
  }

  /** Recomputes the access log's hash chain. */
  verifyAccessLog(): AccessLogVerification {
    this.assertOpen();
    return this.db.transaction(() => this.log.verify())();
  }

  /** Closes the file and zeroes the in-memory master key (best effort: V8 may have copied it). */
  close(): void {
    if (this.closed) return;
    // Closing the last connection removes the WAL; with another still open, it is shredded here if no reader holds it.
    this.wal.retryPending();
    this.closed = true;
    this.keys.destroy();
    this.db.close();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private erasedError(householdId: string, erasedAt: string): PersonalDataError {
    return new PersonalDataError('HOUSEHOLD_ERASED', `household ${householdId} was erased on ${erasedAt}; its personal data can no longer be read by anyone`);
  }

  private dataKeyFor(householdId: string): Buffer | undefined {
    const wrapped = this.sql.wrappedKey.get(householdId);
    return wrapped === undefined ? undefined : unwrapDataKey(this.keys.current(), householdId, wrapped);
  }

  private createDataKey(householdId: string): Buffer {
    const dataKey = newDataKey();
    this.sql.insertKey.run(householdId, wrapDataKey(this.keys.current(), householdId, dataKey));
    return dataKey;
  }

  private assertNotErased(householdId: string): void {
    const erasedAt = this.sql.erasedAt.get(householdId);
    if (erasedAt !== undefined) {
      throw new PersonalDataError('HOUSEHOLD_ERASED', `household ${householdId} was erased on ${erasedAt}; nothing can be stored for it`);
    }
  }

  /** Every call's first step: the store is open, and a WAL a deletion left unshredded is shredded if it can be now. */
  private assertOpen(): void {
    if (this.closed) throw new PersonalDataError('STORE_CLOSED', 'the personal-data store is closed');
    this.wal.retryPending();
  }
}
