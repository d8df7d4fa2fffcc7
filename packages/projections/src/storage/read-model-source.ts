import type Database from 'better-sqlite3';
import type { EventStore } from '@hearth/event-store';
import { withWriteLock } from './write-lock';

/** A read-model file kept from another log than the store's: its figures would be silently wrong. */
export class ReadModelsOfAnotherLogError extends Error {
  constructor(readonly where: string, readonly recorded: string, readonly found: string, why = `its first event is ${recorded}, the store's is ${found}`) {
    super(
      `the read models in ${where} were built from another log (${why}); ` +
        'nothing was read or written — point --read-models at this store\'s file, or build a new one with `hearth rebuild --read-models sqlite:NEW_PATH`',
    );
    this.name = 'ReadModelsOfAnotherLogError';
  }
}

/**
 * Ties a read-model file to the log it folds: the id of the log's first event is recorded
 * in it the first time both exist, and compared at every later opening. (The store's URL
 * would not do: one cluster has many addresses, and a file can be copied.)
 */
export const bindReadModelsToLog = async (db: Database.Database, store: EventStore, where: string): Promise<void> => {
  const [first] = await store.readAll({ maxCount: 1 });
  if (!first) return;
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'read_model_source'").get() !== undefined;
  const recorded = exists ? (db.prepare("SELECT value FROM read_model_source WHERE key = 'first_event_id'").pluck().get() as string | undefined) : undefined;
  if (recorded === undefined) {
    withWriteLock(db, () => {
      db.exec('CREATE TABLE IF NOT EXISTS read_model_source (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      db.prepare("INSERT OR IGNORE INTO read_model_source (key, value) VALUES ('first_event_id', ?)").run(first.eventId);
    });
    return bindReadModelsToLog(db, store, where);
  }
  if (recorded !== first.eventId) throw new ReadModelsOfAnotherLogError(where, recorded, first.eventId);
};

/**
 * The other way a file is of another log: the same first event, but it has taken in events
 * past the log's last position (a longer copy of the log, or the store restored from a
 * backup while the file was kept). Its figures would count events the log no longer holds,
 * and a catch-up would never correct them. The head is read after the checkpoints: it only
 * grows, so a file of this log is never found past it.
 */
export const refuseReadModelsPastTheLog = async (positions: Iterable<number>, store: EventStore, where: string): Promise<void> => {
  const position = Math.max(0, ...positions);
  const head = await store.headPosition();
  if (position > head)
    throw new ReadModelsOfAnotherLogError(where, `position ${position}`, `position ${head}`, `they have taken in the log up to position ${position}, past the store's last position ${head}: a longer copy of it, or the store was restored from a backup`);
};
