import { errorCodeOf } from './error-code';

/**
 * SQLite's answer when another connection holds the lock this one needs (SQLITE_BUSY and
 * its extended codes, SQLITE_LOCKED): nobody's bug, nothing written, worth trying again.
 * The one reading of it: the read models' bounded retries, the service's 503, the CLI's
 * and the service's words for a failure all ask here.
 */
export const isBusyError = (e: unknown): boolean => {
  const code = errorCodeOf(e);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};
