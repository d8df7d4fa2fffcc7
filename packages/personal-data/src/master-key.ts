import { PersonalDataError } from './errors';

export const MASTER_KEY_BYTES = 32;
/** The master key itself, 64 hex digits. */
export const MASTER_KEY_ENV = 'HEARTH_MASTER_KEY';
/** A file holding the master key (64 hex digits), readable by its owner only. */
export const MASTER_KEY_FILE_ENV = 'HEARTH_MASTER_KEY_FILE';

/**
 * Copies the caller's key, so that zeroing it on `close()` cannot touch a buffer the
 * caller still uses, and a caller mutating theirs cannot change ours.
 */
export const copyMasterKey = (key: Uint8Array): Buffer => {
  if (!(key instanceof Uint8Array) || key.length !== MASTER_KEY_BYTES) {
    throw new PersonalDataError('INVALID_MASTER_KEY', `the master key must be ${MASTER_KEY_BYTES} bytes`);
  }
  return Buffer.from(key);
};

/** 64 hex digits → 32 bytes. The message never echoes the input: it is a secret. */
export const masterKeyFromHex = (hex: string): Buffer => {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    throw new PersonalDataError('INVALID_MASTER_KEY', `the master key must be ${MASTER_KEY_BYTES * 2} hex digits`);
  }
  return Buffer.from(trimmed, 'hex');
};

/** Reads `HEARTH_MASTER_KEY` (the key in hex); see `masterKeySource` for the file form. */
export const masterKeyFromEnv = (env: NodeJS.ProcessEnv = process.env): Buffer => {
  const hex = env[MASTER_KEY_ENV];
  if (hex === undefined || hex === '') {
    throw new PersonalDataError('MASTER_KEY_UNAVAILABLE', `${MASTER_KEY_ENV} is not set`);
  }
  return masterKeyFromHex(hex);
};
