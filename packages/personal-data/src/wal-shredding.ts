import type Database from 'better-sqlite3';

/** The row of `personal_data_meta` that says the WAL may still hold pages from before a deletion. */
const PENDING = 'wal_shred_pending';

/**
 * Empties the WAL after a deletion (an erasure, a re-keying), which otherwise keeps the deleted
 * pages — a household's wrapped key, a record, old wraps — readable in its frames with the master
 * key. A checkpoint that truncates the WAL cannot pass a connection still reading an older snapshot
 * (the service's, another process's): then a row in the file says so, and every later use of the
 * store, by any process, tries again without waiting, until one succeeds (docs/decisions/0184).
 */
export class WalShredding {
  private readonly pending: Database.Statement<[], unknown>;
  private readonly mark: Database.Statement<[], unknown>;
  private readonly unmark: Database.Statement<[], unknown>;

  constructor(private readonly db: Database.Database, private readonly busyTimeoutMs: number) {
    this.pending = db.prepare(`SELECT 1 FROM personal_data_meta WHERE name = '${PENDING}'`).pluck();
    this.mark = db.prepare(`INSERT OR REPLACE INTO personal_data_meta (name, value) VALUES ('${PENDING}', x'01')`);
    this.unmark = db.prepare(`DELETE FROM personal_data_meta WHERE name = '${PENDING}'`);
  }

  /** After a deletion is committed: the WAL emptied (true), or left for the next use to empty, noted in the file (false). */
  afterDeletion(): boolean {
    if (this.truncate(this.busyTimeoutMs)) {
      // A mark left by an earlier deletion is done with too.
      if (this.pending.get() !== undefined) this.unmark.run();
      return true;
    }
    this.mark.run();
    return false;
  }

  /** Before a use of the store: a WAL a deletion could not empty (here or in another process) is emptied if no reader holds it now. */
  retryPending(): void {
    if (this.pending.get() === undefined) return;
    if (this.truncate(0)) this.unmark.run();
  }

  /** Checkpoints and empties the WAL, waiting at most `waitMs` for readers; whether it is empty. */
  private truncate(waitMs: number): boolean {
    if (waitMs !== this.busyTimeoutMs) this.db.pragma(`busy_timeout = ${Math.trunc(waitMs)}`);
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return result === undefined || result.busy === 0;
    } finally {
      if (waitMs !== this.busyTimeoutMs) this.db.pragma(`busy_timeout = ${Math.trunc(this.busyTimeoutMs)}`);
    }
  }
}
