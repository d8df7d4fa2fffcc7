import { dirname, join } from 'node:path';

/** `HEARTH_PERSONAL_DATA=sqlite:PATH` names the personal-data file. */
export const PERSONAL_DATA_ENV = 'HEARTH_PERSONAL_DATA';
export const PERSONAL_DATA_FILE_NAME = 'personal-data.db';

/**
 * Where the personal-data file lives: `HEARTH_PERSONAL_DATA` (`sqlite:PATH`) when set,
 * else `personal-data.db` in the directory of the ledger's SQLite file (a file of its
 * own, never the store's), else `./data/personal-data.db`. Throws a plain Error naming
 * the variable when it is not a `sqlite:` URL.
 */
export const personalDataPath = (storeUrl: string, env: NodeJS.ProcessEnv = process.env): string => {
  const named = env[PERSONAL_DATA_ENV];
  if (named !== undefined && named !== '') {
    if (!named.startsWith('sqlite:') || named.length === 'sqlite:'.length) throw new Error(`${PERSONAL_DATA_ENV} must be sqlite:PATH, got "${named}"`);
    return named.slice('sqlite:'.length);
  }
  if (storeUrl.startsWith('sqlite:') && storeUrl !== 'sqlite::memory:') return join(dirname(storeUrl.slice('sqlite:'.length)), PERSONAL_DATA_FILE_NAME);
  return join('data', PERSONAL_DATA_FILE_NAME);
};
