import type Database from 'better-sqlite3';
import { isBusyError } from '@hearth/event-store';

export class ReadModelsBusyError extends Error {
  constructor(readonly attempts: number, cause: unknown) {
    super(
      `the read models' database stayed locked by another process through ${attempts} attempts (each waiting out the store's busy timeout); nothing was written — try again`,
      { cause },
    );
    this.name = 'ReadModelsBusyError';
  }
}

export interface WriteLockOptions {
  /** Attempts at BEGIN IMMEDIATE, each waiting up to the connection's busy_timeout. Default 6 (30 s with the store's 5 s timeout). */
  readonly attempts?: number;
}

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction: the write lock is taken before the
 * first read, so whatever `work` reads (checkpoints) cannot be changed by another
 * process before its writes commit — SQLite, not this process, makes it the only
 * writer. (A deferred transaction would read first and then fail with SQLITE_BUSY when
 * another connection had committed in between, without waiting.) BEGIN waits up to
 * the connection's busy_timeout; a lock held longer than that is tried again a bounded
 * number of times, then reported as ReadModelsBusyError.
 */
export const withWriteLock = <T>(db: Database.Database, work: () => T, opts: WriteLockOptions = {}): T => {
  const transaction = db.transaction(work);
  return retryingBusy(opts, () => transaction.immediate());
};

/**
 * `withWriteLock` for work that awaits between its writes (a rebuild that reads the log
 * stream by stream, docs/decisions/0119): BEGIN IMMEDIATE, tried as `withWriteLock` tries it,
 * then `work`, then COMMIT; anything `work` throws rolls the whole transaction back. The
 * lock is held across the awaits, so call it on a connection nothing else in the process
 * uses meanwhile: every statement run on it joins the transaction.
 */
export const withWriteLockHeld = async <T>(db: Database.Database, work: () => Promise<T>, opts: WriteLockOptions = {}): Promise<T> => {
  retryingBusy(opts, () => db.exec('BEGIN IMMEDIATE'));
  try {
    const value = await work();
    db.exec('COMMIT');
    return value;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
};

/** Runs `attempt` until it is not refused as busy, at most `opts.attempts` times (ReadModelsBusyError after). */
const retryingBusy = <T>(opts: WriteLockOptions, attempt: () => T): T => {
  const attempts = opts.attempts ?? 6;
  for (let n = 1; ; n++) {
    try {
      return attempt();
    } catch (e) {
      if (!isBusyError(e)) throw e;
      if (n >= attempts) throw new ReadModelsBusyError(attempts, e);
      // Usually busy_timeout has already waited; this covers a connection opened without one.
      pause(25 * n);
    }
  }
};
