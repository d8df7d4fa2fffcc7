import type { PersonalRecord } from './personal-record';

export interface PersonalDataStoreOptions {
  /** The clock of tombstones (`erased_at`); injectable for tests. */
  now?: () => Date;
  /** How long a writer waits for another connection's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * Where to get the master key again when another process rotated it (e.g. re-read the
   * key file). Without it, a rotation by another process makes this store refuse every
   * call with `WRONG_MASTER_KEY` until it is reopened.
   */
  reloadMasterKey?: () => Uint8Array;
}

/** A member's record as a household read returns it. */
export interface MemberRecord {
  memberId: string;
  record: PersonalRecord;
}

export interface ErasureReceipt {
  householdId: string;
  /** When the household was (first) erased, ISO 8601. */
  erasedAt: string;
  /** Member records deleted by this call (0 when already erased). */
  membersErased: number;
  alreadyErased: boolean;
  /**
   * Whether the write-ahead log was emptied afterwards. The WAL keeps images of pages as
   * they were before the erasure until a checkpoint; `false` means another connection
   * held a read snapshot and the old frames remain until the next checkpoint (retry or
   * close the other readers). Always true for a private in-memory store.
   */
  walTruncated: boolean;
}
