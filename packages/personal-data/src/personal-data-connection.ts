import Database from 'better-sqlite3';
import { writeKeyCheck } from './key-check';
import { prepareSchema } from './schema';

/**
 * Opens (creating if needed) the personal-data file at `path`, with the settings its
 * erasures rely on, and on creation seals the key check under `masterKey` (key-check.ts).
 * Closed again if any of it fails; the key is the caller's to zero.
 */
export const openPersonalDataFile = (path: string, masterKey: Buffer, busyTimeoutMs: number): Database.Database => {
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // Deleted and overwritten cells are zeroed in place, so an erased key or record
    // does not linger in free space of the file (SQLite leaves it there by default).
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = WAL');
    // Writes are rare and an erasure must survive a power cut once it is reported.
    db.pragma('synchronous = FULL');
    if (prepareSchema(db) === 'created') writeKeyCheck(db, masterKey);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
