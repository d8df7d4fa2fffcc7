import { statSync } from 'node:fs';
import { sqliteStorePath } from '@hearth/event-store';
import { CliError, EXIT } from './exit-codes';

/**
 * A store a command only reads must already be a file: opening a mistyped path would create
 * an empty store, and the command would go on over nothing. `instead` says what to give.
 */
export const requireStoreFile = (url: string, role: string, instead: string): void => {
  const path = sqliteStorePath(url);
  // No path at all (`sqlite:`): opening the store names that mistake itself.
  if (path === undefined || path === '' || path === ':memory:') return;
  if (!isFile(path)) throw new CliError(`${role} ${path} is not a file: ${instead}`, EXIT.usage);
};

/** Missing, unreachable (a parent that is a file, no permission) or not a regular file: no store to read. */
const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
