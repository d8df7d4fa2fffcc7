import type Database from 'better-sqlite3';
import { logOfSqliteFile, type EventStore } from '@hearth/event-store';
import { ReadModelsAheadOfLogError } from './read-models-ahead-of-log-error';
import { withWriteLock } from './write-lock';

/** A read-model file kept from another log than the store's: its figures would be silently wrong. */
export class ReadModelsOfAnotherLogError extends Error {
  constructor(readonly where: string, readonly recorded: string, readonly found: string, readonly anotherStore = false) {
    super(
      (anotherStore
        ? `${where} is another store's file (the first event of its log is ${recorded}, this store's is ${found}): its read models fold that log, not this one; `
        : `the read models in ${where} were built from another log (its first event is ${recorded}, the store's is ${found}); `) +
        'nothing was read or written — point --read-models at this store\'s file, or build a new one with `hearth rebuild --read-models sqlite:NEW_PATH`',
    );
    this.name = 'ReadModelsOfAnotherLogError';
  }
}

/**
 * Ties a read-model file to the log it folds: the id of the log's first event is recorded
 * in it the first time both exist, and compared at every later opening. (The store's URL
 * would not do: one cluster has many addresses, and a file can be copied.) A file that is
 * itself a store's is tied to that store's log from the start: the store's own file, or a
 * copy of it, is accepted; another store's is refused, even one with no event yet.
 */
export const bindReadModelsToLog = async (db: Database.Database, store: EventStore, where: string): Promise<void> => {
  const [first] = await store.readAll({ maxCount: 1 });
  if (!first) return;
  // A store's own file records no source: its read models fold its own log, which it names itself (decision 198).
  const own = logOfSqliteFile(db);
  if (own !== undefined && own !== first.eventId) throw new ReadModelsOfAnotherLogError(where, own ?? 'none yet', first.eventId, true);
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
 * Read models that have taken in the log up to `reached` are past it when the log now ends
 * before that: events they were built from are no longer in it (removed, renumbered, or the
 * store put back from an older copy while a read-model file was kept). Their figures would
 * count those events, silently and for ever, since a catch-up only adds. The head is read
 * after `reached` was: it only grows, so read models of an honest log are never found past
 * it. Every catch-up asks it first (the runner's, which every reader, `project` and
 * `verify --read-models` run); returns the head it read.
 */
export const refuseReadModelsPastTheLog = async (reached: number, store: EventStore): Promise<number> => {
  const head = await store.headPosition();
  if (reached > head) throw new ReadModelsAheadOfLogError(reached, head);
  return head;
};
