import {
  MASTER_KEY_ENV,
  MASTER_KEY_FILE_ENV,
  masterKeySource,
  PERSONAL_DATA_ENV,
  personalDataPath,
  type MasterKeySource,
} from '@hearth/personal-data';

/** Where the service keeps members' personal data, and where its master key comes from (never the store). */
export interface PersonalDataOptions {
  /** The personal-data SQLite file: a file of its own, never the ledger's. */
  readonly path: string;
  readonly masterKey: MasterKeySource;
}

/**
 * From the environment: `HEARTH_MASTER_KEY_FILE` or `HEARTH_MASTER_KEY`, and
 * `HEARTH_PERSONAL_DATA=sqlite:PATH` (default: personal-data.db beside the SQLite store).
 * Without a master key the service runs without personal data (its routes answer 503
 * PERSONAL_DATA_UNAVAILABLE); a file location without a key is a mistake, said at once.
 */
export const personalDataOptionsFromEnv = (storeUrl: string, env: NodeJS.ProcessEnv): PersonalDataOptions | undefined => {
  const keyed = [MASTER_KEY_FILE_ENV, MASTER_KEY_ENV].some((name) => env[name] !== undefined && env[name] !== '');
  if (!keyed) {
    if (env[PERSONAL_DATA_ENV] !== undefined && env[PERSONAL_DATA_ENV] !== '')
      throw new Error(`${PERSONAL_DATA_ENV} is set but there is no master key: set ${MASTER_KEY_FILE_ENV} (or ${MASTER_KEY_ENV})`);
    return undefined;
  }
  return { path: personalDataPath(storeUrl, env), masterKey: masterKeySource(env) };
};
