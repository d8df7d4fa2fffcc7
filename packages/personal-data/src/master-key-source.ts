import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { PersonalDataError } from './errors';
import { MASTER_KEY_BYTES, MASTER_KEY_ENV, MASTER_KEY_FILE_ENV, masterKeyFromHex } from './master-key';

/**
 * Where the master key comes from — never from the personal-data file or beside it in
 * the store's directory by default: a file named by `HEARTH_MASTER_KEY_FILE`, or the
 * key itself in `HEARTH_MASTER_KEY`. A file can be re-read, so a running service
 * follows a rotation made by `hearth personal-data rotate-master-key`; a variable
 * cannot change under a running process, so rotating then needs a restart.
 */
export type MasterKeySource =
  | { readonly kind: 'file'; readonly path: string; read(): Buffer }
  | { readonly kind: 'env'; read(): Buffer };

/** Reads a key file: 64 hex digits, refused when group or others may read it (like ssh's private keys). */
export const readMasterKeyFile = (path: string): Buffer => {
  let mode: number;
  let text: string;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PersonalDataError('MASTER_KEY_UNAVAILABLE', `cannot read the master key file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new PersonalDataError('MASTER_KEY_UNAVAILABLE', `the master key file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it`);
  }
  return masterKeyFromHex(text);
};

/**
 * Replaces the key file with `key`, atomically: a new file (mode 0600) written and
 * synced beside it, then renamed over it, so a reader sees the old key or the new one,
 * never half of one.
 */
export const writeMasterKeyFile = (path: string, key: Uint8Array): void => {
  if (key.length !== MASTER_KEY_BYTES) throw new PersonalDataError('INVALID_MASTER_KEY', `the master key must be ${MASTER_KEY_BYTES} bytes`);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${Buffer.from(key).toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
};

/** The source named by the environment; both or neither set is refused, naming the variables. */
export const masterKeySource = (env: NodeJS.ProcessEnv = process.env): MasterKeySource => {
  const file = env[MASTER_KEY_FILE_ENV];
  const hex = env[MASTER_KEY_ENV];
  const set = (v: string | undefined): v is string => v !== undefined && v !== '';
  if (set(file) && set(hex)) throw new PersonalDataError('MASTER_KEY_UNAVAILABLE', `set ${MASTER_KEY_FILE_ENV} or ${MASTER_KEY_ENV}, not both`);
  if (set(file)) return { kind: 'file', path: file, read: () => readMasterKeyFile(file) };
  if (set(hex)) return { kind: 'env', read: () => masterKeyFromHex(hex) };
  throw new PersonalDataError('MASTER_KEY_UNAVAILABLE', `no master key: set ${MASTER_KEY_FILE_ENV} to a file holding 64 hex digits (openssl rand -hex 32), or ${MASTER_KEY_ENV}`);
};
