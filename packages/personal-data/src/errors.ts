/**
 * Every failure of the personal-data store carries a stable code, like the ledger's
 * rejections (ADR 3), so that a caller can react without parsing messages.
 */
export type PersonalDataErrorCode =
  /** The master key is not 32 bytes (or not 64 hex digits). */
  | 'INVALID_MASTER_KEY'
  /** The master key does not open this file: it is not the key the file was written under. */
  | 'WRONG_MASTER_KEY'
  /** A household or member id is not an Id of domain.md §4. */
  | 'INVALID_ID'
  /** The record is not of the closed shape; `field` names the offending field. */
  | 'INVALID_RECORD'
  /** The household was erased; nothing can be written for it again. */
  | 'HOUSEHOLD_ERASED'
  /** A ciphertext or a wrapped key did not authenticate: it was altered or moved to another row. */
  | 'AUTHENTICATION_FAILED'
  /** The file holds tables that are not this store's (e.g. the event store's): refused, separation is the point. */
  | 'NOT_A_PERSONAL_DATA_FILE'
  /** The file was written by a newer version of this package. */
  | 'UNSUPPORTED_SCHEMA_VERSION'
  /** An access names no purpose: every read, write and erasure says why (`field: 'purpose'`). */
  | 'PURPOSE_REQUIRED'
  /** The access's actor or purpose is malformed; `field` names which. */
  | 'INVALID_ACCESS'
  /** The master key's file or variable is missing, unreadable, or readable by others. */
  | 'MASTER_KEY_UNAVAILABLE'
  /** The store was closed. */
  | 'STORE_CLOSED';

export class PersonalDataError extends Error {
  constructor(
    readonly code: PersonalDataErrorCode,
    message: string,
    /** For `INVALID_RECORD`, `INVALID_ID`, `INVALID_ACCESS` and `PURPOSE_REQUIRED`: the path of the offending field, e.g. `identityDocument.number`. */
    readonly field?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'PersonalDataError';
  }
}

export const isPersonalDataError = (e: unknown, code?: PersonalDataErrorCode): e is PersonalDataError =>
  e instanceof PersonalDataError && (code === undefined || e.code === code);
