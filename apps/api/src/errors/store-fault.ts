import { Logger } from '@nestjs/common';
import { isDiskFull } from '@hearth/ledger';
import { isBusyError } from '@hearth/event-store';
import { ReadModelsBusyError } from '@hearth/projections';
import { ReadModelsNotReadyError } from '@hearth/read-side';
import type { ErrorBody } from './api-error';
import type { ErrorResponse } from './error-response';

/** Seconds a client is asked to wait after the store was busy. */
export const STORE_BUSY_RETRY_AFTER = 2;

/**
 * Seconds a client is asked to wait after the store's server could not be reached: the
 * adapter has already retried for about a second, so a node restarting or a leader being
 * elected takes longer than a busy lock.
 */
export const STORE_UNAVAILABLE_RETRY_AFTER = 5;

/**
 * The codes of a store that could not take a command: the faults below, and a server out
 * of reach (error-response.ts). A batch tries no command after one of them (decision 40).
 */
export const STORE_FAULT_CODES: ReadonlySet<ErrorBody['code']> = new Set<ErrorBody['code']>(['STORE_BUSY', 'STORE_UNAVAILABLE', 'STORAGE_FULL']);

const logger = new Logger('Store');

/**
 * The store's faults that are nobody's bug and change nothing (decision 0040), the same
 * cases the CLI turns into exit 6 (apps/cli's store-busy.ts), as answers:
 * - another process held the lock through SQLite's busy timeout (each append waits it
 *   out, retrying inside SQLite) or the read models' bounded retries, or kept resetting
 *   the read models under a read → 503 STORE_BUSY with Retry-After (an export is read in
 *   one snapshot, so a log that keeps growing is not one: decision 0162);
 * - the disk (or the file's page limit) is full → 507 STORAGE_FULL. SQLite rolled the
 *   transaction back: nothing of the command was written.
 * Anything else is not a store fault (undefined).
 */
export const storeFaultResponse = (e: unknown): ErrorResponse | undefined => {
  if (e instanceof ReadModelsBusyError || e instanceof ReadModelsNotReadyError || isBusyError(e)) {
    logger.warn(`store busy: ${(e as Error).message}`);
    return {
      status: 503,
      body: { code: 'STORE_BUSY', message: 'another process kept the store busy (its lock held, or its read models being rebuilt) through every wait and retry; nothing was written — try again' },
      retryAfterSeconds: STORE_BUSY_RETRY_AFTER,
    };
  }
  if (isDiskFull(e)) {
    logger.error(`storage full: ${(e as Error).message}`);
    return { status: 507, body: { code: 'STORAGE_FULL', message: 'the store has no space left; nothing of this request was written — free space and try again' } };
  }
  return undefined;
};
