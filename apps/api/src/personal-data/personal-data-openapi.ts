import { MAX_TEXT } from '@hearth/domain';
import { IDENTITY_DOCUMENT_FIELDS, MAX_PURPOSE, PERSONAL_RECORD_TEXT_FIELDS } from '@hearth/personal-data';
import type { JsonSchema } from '../openapi/primitive-schemas';

type Operation = Record<string, unknown>;
const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });

/** The personal record's closed shape, derived from the field lists its validator uses. */
const text = { type: 'string', minLength: 1, maxLength: MAX_TEXT };
export const personalRecordSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(PERSONAL_RECORD_TEXT_FIELDS.map((f) => [f, text])),
    identityDocument: { type: 'object', additionalProperties: false, required: [...IDENTITY_DOCUMENT_FIELDS], properties: Object.fromEntries(IDENTITY_DOCUMENT_FIELDS.map((f) => [f, text])) },
  },
};

/**
 * The personal-data routes in the OpenAPI document (docs/decisions/0034). `error` and
 * `idSchema` come from the document's builder, so the error body and ids are described once.
 */
export const personalDataPaths = (error: (description: string) => Operation, idSchema: JsonSchema): Record<string, Operation> => {
  const registrar = 'Roles: registrar. Every call is recorded in the access log.';
  const id = (name: string) => ({ name, in: 'path', required: true, schema: idSchema });
  const purpose = (required: boolean) => ({
    name: 'purpose',
    in: 'query',
    required,
    description: `Why (recorded in the access log; never a personal value). Missing or blank: 400 PURPOSE_REQUIRED.`,
    schema: { type: 'string', maxLength: MAX_PURPOSE },
  });
  const common = {
    '401': error('UNAUTHENTICATED'),
    '403': error('FORBIDDEN: only a registrar reads or writes personal data'),
    '404': error('UNKNOWN_HOUSEHOLD, UNKNOWN_MEMBER, or NOT_FOUND (no record)'),
    '410': error('HOUSEHOLD_ERASED: the household’s personal data was erased'),
    '429': error('RATE_LIMITED: too many requests with this token; Retry-After says when to try again'),
    '500': error('PERSONAL_DATA_TAMPERED: a record or key failed authentication (altered or moved in the file); INTERNAL: a bug, detailed only in the service’s log'),
    '503': error('PERSONAL_DATA_UNAVAILABLE: no master key configured, or a rotation not yet in the key file; STORE_BUSY or STORE_UNAVAILABLE: the ledger’s store, read for the division tree first (Retry-After)'),
  };
  const record = { $ref: '#/components/schemas/PersonalRecord' };
  return {
    '/api/households/{householdId}/members/{memberId}/personal-data': {
      put: {
        operationId: 'putPersonalData',
        summary: "Record (replace) a member's identifying details",
        description: registrar,
        tags: ['personal data'],
        parameters: [id('householdId'), id('memberId'), purpose(false)],
        requestBody: { required: true, ...json(record) },
        responses: {
          '200': { description: 'written', ...json({ type: 'object', required: ['householdId', 'memberId', 'written'], properties: { householdId: idSchema, memberId: idSchema, written: { const: true } } }) },
          '400': error('INVALID_RECORD (`field` names the offending field) or INVALID_QUERY'),
          '413': error('PAYLOAD_TOO_LARGE: the body is over 1 MB'),
          '415': error('UNSUPPORTED_MEDIA_TYPE'),
          ...common,
        },
      },
      get: {
        operationId: 'getPersonalData',
        summary: "A member's identifying details",
        description: registrar,
        tags: ['personal data'],
        parameters: [id('householdId'), id('memberId'), purpose(true)],
        responses: {
          '200': { description: 'the record', ...json({ type: 'object', required: ['householdId', 'memberId', 'record'], properties: { householdId: idSchema, memberId: idSchema, record } }) },
          '400': error('PURPOSE_REQUIRED or INVALID_QUERY (`field` names it)'),
          ...common,
        },
      },
    },
    '/api/households/{householdId}/personal-data': {
      get: {
        operationId: 'getHouseholdPersonalData',
        summary: "Every member's identifying details",
        description: registrar,
        tags: ['personal data'],
        parameters: [id('householdId'), purpose(true)],
        responses: {
          '200': { description: 'the records', ...json({ type: 'object', properties: { householdId: idSchema, members: { type: 'array', items: { type: 'object', properties: { memberId: idSchema, record } } } } }) },
          '400': error('PURPOSE_REQUIRED or INVALID_QUERY'),
          ...common,
        },
      },
      delete: {
        operationId: 'erasePersonalData',
        summary: "Erase the household's personal data (crypto-shredding); its history and reports stay as they are",
        description: registrar,
        tags: ['personal data'],
        parameters: [id('householdId'), purpose(true)],
        responses: {
          '200': { description: 'the erasure receipt', ...json({ type: 'object', properties: { householdId: idSchema, erasedAt: { type: 'string' }, membersErased: { type: 'integer' }, alreadyErased: { type: 'boolean' }, walTruncated: { type: 'boolean' } } }) },
          '400': error('PURPOSE_REQUIRED or INVALID_QUERY'),
          ...common,
        },
      },
    },
    '/api/personal-data/access-log': {
      get: {
        operationId: 'personalDataAccessLog',
        summary: 'Who read, wrote, erased or re-keyed personal data, when and why; the hash chain verified',
        description: 'Roles: auditor.',
        tags: ['personal data'],
        parameters: [{ name: 'householdId', in: 'query', required: false, schema: idSchema }],
        responses: {
          '200': { description: '{verification: {ok, entries, headHash, firstBroken?}, entries}', ...json({ type: 'object' }) },
          '400': error('INVALID_QUERY'),
          '401': error('UNAUTHENTICATED'),
          '403': error('FORBIDDEN: auditors only'),
          '429': error('RATE_LIMITED: too many requests with this token; Retry-After says when to try again'),
          '500': error('INTERNAL: a bug, detailed only in the service’s log'),
          '503': error('PERSONAL_DATA_UNAVAILABLE; STORE_BUSY or STORE_UNAVAILABLE: the ledger’s store, read for the division tree first (Retry-After)'),
        },
      },
    },
  };
};

