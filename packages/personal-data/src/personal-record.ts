import { hasAtMostCharacters, MAX_TEXT } from '@hearth/domain';
import { PersonalDataError } from './errors';

/**
 * The personal identifiers a deployment may keep about a member, and nothing else: the
 * shape is closed so that this store cannot drift into holding what domain.md §1.4 keeps
 * out of the ledger for good reasons (ethnicity, religion, political attributes) under a
 * field nobody reviewed. Adding a field is a code change with a review, on purpose.
 */
export interface IdentityDocument {
  /** e.g. `resident-identity-card`; free text because programmes differ. */
  kind: string;
  number: string;
}

export interface PersonalRecord {
  fullName?: string;
  identityDocument?: IdentityDocument;
  phone?: string;
  address?: string;
  note?: string;
}

/** The record's text fields and the identity document's: exported so that a schema (OpenAPI) is derived from them, not re-typed. */
export const TEXT_FIELDS = ['fullName', 'phone', 'address', 'note'] as const;
const RECORD_FIELDS: readonly string[] = [...TEXT_FIELDS, 'identityDocument'];
export const DOCUMENT_FIELDS = ['kind', 'number'] as const;

const invalid = (field: string, why: string): PersonalDataError =>
  new PersonalDataError('INVALID_RECORD', `${field} ${why}`, field);

// Plain data only (a literal, parsed JSON, or a null-prototype object): a class instance
// could carry getters that answer differently on each read.
const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const proto: unknown = Object.getPrototypeOf(u);
  return proto === Object.prototype || proto === null;
};

// An empty string is not a value: a caller clears a field by leaving it out.
const text = (field: string, u: unknown): string => {
  if (typeof u !== 'string') throw invalid(field, 'must be a string');
  if (u.length === 0) throw invalid(field, 'must not be empty (leave the field out instead)');
  if (!hasAtMostCharacters(u, MAX_TEXT)) throw invalid(field, `must be at most ${MAX_TEXT} characters`);
  return u;
};

const rejectUnknown = (prefix: string, u: Record<string, unknown>, known: readonly string[]): void => {
  for (const key of Object.keys(u)) {
    if (!known.includes(key)) throw invalid(`${prefix}${key}`, 'is not a field of a personal record');
  }
};

/**
 * Checks `u` and returns a fresh copy holding exactly the known fields (an `undefined`
 * value counts as absent), so nothing the caller keeps a reference to is stored.
 */
export const validatePersonalRecord = (u: unknown): PersonalRecord => {
  if (!isPlainObject(u)) throw invalid('record', 'must be an object');
  rejectUnknown('', u, RECORD_FIELDS);
  const record: PersonalRecord = {};
  for (const field of TEXT_FIELDS) {
    if (u[field] !== undefined) record[field] = text(field, u[field]);
  }
  const document = u['identityDocument'];
  if (document !== undefined) {
    if (!isPlainObject(document)) throw invalid('identityDocument', 'must be an object { kind, number }');
    rejectUnknown('identityDocument.', document, DOCUMENT_FIELDS as readonly string[]);
    record.identityDocument = {
      kind: text('identityDocument.kind', document['kind']),
      number: text('identityDocument.number', document['number']),
    };
  }
  return record;
};
