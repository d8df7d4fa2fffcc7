import { isBusyError } from '@hearth/event-store';
import { ReadModelsBusyError } from '@hearth/projections';
import { ReadModelsNotReadyError } from '@hearth/read-side';
import { CliError, EXIT } from './exit-codes';

/**
 * The one place where "another process has the store" becomes a message for people: a
 * lock held past every bounded wait and retry (SQLITE_BUSY), or read models that kept
 * being reset under a read. Nothing was written or lost; running the command again works.
 */
export const storeBusyError = (e: unknown): CliError | undefined => {
  if (e instanceof ReadModelsBusyError || e instanceof ReadModelsNotReadyError) return new CliError(e.message, EXIT.systemFailure);
  if (isBusyError(e))
    return new CliError('the store is locked by another process and stayed locked through every wait and retry; nothing was written — try again', EXIT.systemFailure);
  return undefined;
};
