import { HttpException } from '@nestjs/common';
import type { DomainError } from '@hearth/domain';
import { InvalidQueryError, ModuleShutDownError, NoDivisionTreeError, UnknownDivisionError, UnknownHouseholdError } from '@hearth/nest';
import { ApiError, ErrorBody, HttpErrorCode } from './api-error';
import { isLogFinding } from '@hearth/projections';
import { isAppendOverLimitError, StoreUnavailableError } from '@hearth/event-store';
import { STORE_UNAVAILABLE_RETRY_AFTER, storeFaultResponse } from './store-fault';

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  /** Seconds for the Retry-After header (a 429 or 503 that is worth trying again). */
  readonly retryAfterSeconds?: number;
}

/** A rejected command: INVALID_COMMAND is the caller's malformed input (400, naming the field); every other domain code is 422. */
export const domainErrorResponse = (error: DomainError): ErrorResponse => {
  if (error.code === 'INVALID_COMMAND') {
    const first = error.fields?.[0];
    return { status: 400, body: { code: error.code, message: error.message, field: first?.path ?? '' } };
  }
  const field = error.fields?.[0]?.path;
  // A caseworker's area, checked again by the Decider on the state it decided from (decision 216): the service's 403.
  if (error.code === 'OUTSIDE_AREA') return { status: 403, body: { code: 'FORBIDDEN', message: error.message, ...(field !== undefined ? { field } : {}) } };
  return { status: 422, body: { code: error.code, message: error.message, ...(field !== undefined ? { field } : {}) } };
};

const HTTP_CODES: Readonly<Record<number, HttpErrorCode>> = {
  400: 'INVALID_QUERY',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Anything thrown while serving a request → its status and `{code, message, field?}`.
 * Only what is not recognised becomes a 500, and its detail stays in the log.
 */
export const errorResponse = (error: unknown): ErrorResponse => {
  if (error instanceof ApiError) return { status: error.status, body: error.body, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
  const fault = storeFaultResponse(error);
  if (fault) return fault;
  // The log itself was edited or damaged, or lost events the read models were built from: no figure is computed over it
  // (docs/decisions/0013).
  if (isLogFinding(error))
    return { status: 500, body: { code: 'DAMAGED_LOG', message: `${error.message}. Nothing is computed over a damaged log: an auditor should run \`hearth verify\`.` } };
  // Named as the path's parameter, as an unknown division names its query's.
  if (error instanceof UnknownHouseholdError) return { status: 404, body: { code: 'UNKNOWN_HOUSEHOLD', message: error.message, field: 'householdId' } };
  if (error instanceof UnknownDivisionError) return { status: 404, body: { code: 'UNKNOWN_DIVISION', message: error.message, field: 'division' } };
  if (error instanceof NoDivisionTreeError) return { status: 404, body: { code: 'NO_DIVISION_TREE', message: error.message } };
  if (error instanceof InvalidQueryError) return { status: 400, body: { code: 'INVALID_QUERY', message: error.message, field: error.field } };
  if (error instanceof ModuleShutDownError) return { status: 503, body: { code: 'STORE_UNAVAILABLE', message: error.message } };
  // The KurrentDB adapter refused an append over the server's size limit before sending it (AppendSizeLimitError,
  // tested by its code so that the service need not load the adapter): the command's size, not a bug; nothing was stored.
  if (isAppendOverLimitError(error)) {
    const { size, limit } = error;
    return {
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', message: `what this command records is ${String(size)} bytes, over the store's append limit of ${String(limit)} bytes; nothing was appended — record it in smaller pieces` },
    };
  }
  if (error instanceof StoreUnavailableError)
    return { status: 503, body: { code: 'STORE_UNAVAILABLE', message: "the store's server cannot be reached; try again once it answers" }, retryAfterSeconds: STORE_UNAVAILABLE_RETRY_AFTER };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_CODES[status];
    if (code !== undefined) return { status, body: { code, message: error.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'an internal error occurred; it has been logged' } };
};
