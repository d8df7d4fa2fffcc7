import Database from 'better-sqlite3';
import { AccessLog, type AccessLogEntry, type AccessLogVerification } from './access-log';
import { PersonalDataError } from './errors';
import { APPLICATION_ID } from './schema';

export interface AccessLogReader {
  entries(householdId?: string): AccessLogEntry[];
  verify(): AccessLogVerification;
  close(): void;
}

/**
 * The access log of a personal-data file, opened read-only and without the master key:
 * an auditor checks who accessed what, and that the chain holds, without being able to
 * read a single record.
 */
export const openAccessLog = (path: string): AccessLogReader => {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new PersonalDataError('NOT_A_PERSONAL_DATA_FILE', `cannot open ${path}: ${(e as Error).message}`);
  }
  const hasLog = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'access_log'`).pluck().get() === 1;
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID || !hasLog) {
    db.close();
    throw new PersonalDataError('NOT_A_PERSONAL_DATA_FILE', `${path} is not a personal-data file with an access log`);
  }
  const log = new AccessLog(db);
  return {
    entries: (householdId) => log.entries(householdId),
    verify: () => db.transaction(() => log.verify())(),
    close: () => db.close(),
  };
};
