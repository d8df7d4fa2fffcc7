import type { ErrorCode } from '@hearth/domain';

/** The codes the HTTP layer adds to the domain's (docs/decisions/0027). */
export const HTTP_ERROR_CODES = [
  'INVALID_QUERY',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'JSON_TOO_DEEP',
  'RATE_LIMITED',
  'STORE_BUSY',
  'STORAGE_FULL',
  'NO_DIVISION_TREE',
  'STORE_UNAVAILABLE',
  'DAMAGED_LOG',
  'INTERNAL',
  // A batch's Idempotency-Key (docs/decisions/0158).
  'INVALID_HEADER',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  // Personal data (docs/decisions/0034).
  'PURPOSE_REQUIRED',
  'INVALID_RECORD',
  'HOUSEHOLD_ERASED',
  'PERSONAL_DATA_UNAVAILABLE',
  'PERSONAL_DATA_TAMPERED',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Every error body the API sends: `{code, message, field?}`. */
export interface ErrorBody {
  readonly code: ErrorCode | HttpErrorCode;
  readonly message: string;
  /** The offending field's dotted path (a body field, or a query parameter). */
  readonly field?: string;
}

/** An error with its HTTP status, thrown anywhere in a request and rendered by the one exception filter. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** Sent as Retry-After (seconds) with an answer worth sending again later: a 429, a 503, a batch's 409 IDEMPOTENCY_KEY_IN_USE. */
    readonly retryAfterSeconds?: number,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  static badQuery(field: string, message: string): ApiError {
    return new ApiError(400, { code: 'INVALID_QUERY', message, field });
  }

  static forbidden(message: string, field?: string): ApiError {
    return new ApiError(403, { code: 'FORBIDDEN', message, ...(field !== undefined ? { field } : {}) });
  }
}
