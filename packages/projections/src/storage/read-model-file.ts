import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A `--read-models` / `HEARTH_READ_MODELS` value that is not `sqlite:PATH`. */
export class ReadModelsUrlError extends Error {
  constructor(readonly url: string) {
    super(`read models must live in a SQLite file: expected sqlite:PATH, got "${url}"`);
    this.name = 'ReadModelsUrlError';
  }
}

/** The path of a `sqlite:PATH` read-model location; throws ReadModelsUrlError otherwise. */
export const readModelPath = (url: string): string => {
  if (!url.startsWith('sqlite:')) throw new ReadModelsUrlError(url);
  const path = url.slice('sqlite:'.length);
  if (path === '' || path === ':memory:') throw new ReadModelsUrlError(url);
  return path;
};

/**
 * Opens (creating if need be) a file that holds only read models, with the same settings
 * as the SQLite store's file, for the same reasons: WAL so that readers of the reports
 * never block the projector's batches and vice versa; a busy timeout so that a second
 * writer (a reader catching up, a rebuild) waits for the lock instead of failing; NORMAL
 * synchronous, as a crash can only lose the last batches, which the next catch-up replays
 * from the checkpoints committed with them.
 */
export const openReadModelFile = (url: string): { db: Database.Database; path: string } => {
  const path = readModelPath(url);
  mkdirSync(dirname(path), { recursive: true });
  return { db: connectReadModels(path), path };
};

/**
 * A connection of its own to a file that holds read models (theirs alone, or the SQLite
 * store's), with openReadModelFile's settings: for a rebuild that holds the file's write
 * lock on it (docs/decisions/0119, 0120).
 */
export const connectReadModels = (path: string): Database.Database => {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
};
