import { readFileSync } from 'node:fs';
import type { StoreCredentials } from './esdb-url';

/**
 * The store's user and password from the environment, so that they need not travel in
 * the URL (where shells, process lists and logs would show them):
 * `HEARTH_STORE_USERNAME` with `HEARTH_STORE_PASSWORD`, or with `HEARTH_STORE_PASSWORD_FILE`
 * (a file holding the password, e.g. a mounted secret; one trailing newline is ignored).
 * `undefined` when none is set. Errors name the variables, never the values.
 */
export const storeCredentialsFromEnv = (env: NodeJS.ProcessEnv): StoreCredentials | undefined => {
  const username = nonEmpty(env['HEARTH_STORE_USERNAME']);
  const password = nonEmpty(env['HEARTH_STORE_PASSWORD']);
  const passwordFile = nonEmpty(env['HEARTH_STORE_PASSWORD_FILE']);
  if (password !== undefined && passwordFile !== undefined) {
    throw new Error('set HEARTH_STORE_PASSWORD or HEARTH_STORE_PASSWORD_FILE, not both');
  }
  if (username === undefined) {
    if (password !== undefined || passwordFile !== undefined) throw new Error('HEARTH_STORE_PASSWORD(_FILE) is set but HEARTH_STORE_USERNAME is not');
    return undefined;
  }
  if (password !== undefined) return { username, password };
  if (passwordFile === undefined) throw new Error('HEARTH_STORE_USERNAME is set but neither HEARTH_STORE_PASSWORD nor HEARTH_STORE_PASSWORD_FILE is');
  let content: string;
  try {
    content = readFileSync(passwordFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read HEARTH_STORE_PASSWORD_FILE ${passwordFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const filePassword = content.replace(/\r?\n$/, '');
  if (filePassword.length === 0) throw new Error(`HEARTH_STORE_PASSWORD_FILE ${passwordFile} is empty`);
  return { username, password: filePassword };
};

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
