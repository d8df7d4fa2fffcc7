import { open, seal } from './aead';
import { memberRecordAad } from './associated-data';
import { PersonalDataError } from './errors';
import { validatePersonalRecord, type PersonalRecord } from './personal-record';

/**
 * A record is sealed as JSON under its household's data key, bound to (household,
 * member). JSON.stringify escapes lone surrogates, so any JS string survives the UTF-8
 * round trip unchanged.
 */
export const sealRecord = (dataKey: Buffer, householdId: string, memberId: string, record: PersonalRecord): Buffer =>
  seal(dataKey, Buffer.from(JSON.stringify(record), 'utf8'), memberRecordAad(householdId, memberId));

export const openRecord = (dataKey: Buffer, householdId: string, memberId: string, sealed: Buffer): PersonalRecord => {
  const plaintext = open(dataKey, sealed, memberRecordAad(householdId, memberId));
  if (plaintext === undefined) {
    throw new PersonalDataError(
      'AUTHENTICATION_FAILED',
      `the record of member ${memberId} in household ${householdId} does not authenticate (altered, or moved from another row)`,
    );
  }
  try {
    // Re-validated: an authentic blob from an older, looser writer must still be the closed shape.
    return validatePersonalRecord(JSON.parse(plaintext.toString('utf8')));
  } finally {
    plaintext.fill(0);
  }
};
