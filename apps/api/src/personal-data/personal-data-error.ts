import { isPersonalDataError, type PersonalDataErrorCode } from '@hearth/personal-data';
import { ApiError } from '../errors/api-error';

/**
 * The store's refusals as HTTP answers (docs/decisions/0034). Messages never hold a
 * personal value: the store's own messages name fields and ids only.
 */
const ANSWERS: Readonly<Record<PersonalDataErrorCode, (message: string, field?: string) => ApiError>> = {
  INVALID_RECORD: (message, field) => new ApiError(400, { code: 'INVALID_RECORD', message, field: field ?? '' }),
  INVALID_ID: (message, field) => new ApiError(400, { code: 'INVALID_QUERY', message, field: field ?? '' }),
  PURPOSE_REQUIRED: (message) => new ApiError(400, { code: 'PURPOSE_REQUIRED', message: `${message}: add ?purpose=…`, field: 'purpose' }),
  INVALID_ACCESS: (message, field) => new ApiError(400, { code: 'INVALID_QUERY', message, field: field ?? 'purpose' }),
  // Gone, for good: erasure is not "not found yet".
  HOUSEHOLD_ERASED: (message) => new ApiError(410, { code: 'HOUSEHOLD_ERASED', message }),
  AUTHENTICATION_FAILED: (message) => new ApiError(500, { code: 'PERSONAL_DATA_TAMPERED', message }),
  WRONG_MASTER_KEY: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
  INVALID_MASTER_KEY: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
  MASTER_KEY_UNAVAILABLE: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
  NOT_A_PERSONAL_DATA_FILE: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
  UNSUPPORTED_SCHEMA_VERSION: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
  STORE_CLOSED: (message) => new ApiError(503, { code: 'PERSONAL_DATA_UNAVAILABLE', message }),
};

/** A PersonalDataError → its ApiError; anything else unchanged (a bug, rendered as 500 by the filter). */
export const personalDataApiError = (error: unknown): unknown =>
  isPersonalDataError(error) ? ANSWERS[error.code](error.message.replace(/^[A-Z_]+: /, ''), error.field) : error;
