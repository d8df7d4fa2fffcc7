import { randomBytes } from 'node:crypto';
import { open, seal } from './aead';
import { householdKeyAad } from './associated-data';
import { PersonalDataError } from './errors';

/**
 * Envelope encryption: each household's records are sealed under its own random data
 * key, and only that key is sealed under the master key. Erasing a household is then
 * deleting one small row, and rotating the master key re-wraps 32-byte keys instead of
 * re-encrypting every record.
 */
export const DATA_KEY_BYTES = 32;

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export const wrapDataKey = (masterKey: Buffer, householdId: string, dataKey: Buffer): Buffer =>
  seal(masterKey, dataKey, householdKeyAad(householdId));

/** The master key was checked on open, so a failure here means the row was altered or moved. */
export const unwrapDataKey = (masterKey: Buffer, householdId: string, wrapped: Buffer): Buffer => {
  const dataKey = open(masterKey, wrapped, householdKeyAad(householdId));
  if (dataKey === undefined || dataKey.length !== DATA_KEY_BYTES) {
    throw new PersonalDataError(
      'AUTHENTICATION_FAILED',
      `the wrapped key of household ${householdId} does not authenticate (altered, or moved from another household)`,
    );
  }
  return dataKey;
};
