import { FieldError } from '../codec/decode-errors';

/**
 * Stable error codes. Those named in domain.md §4 keep its names; the rest were
 * added where the contract says "rejects when …" without naming a code
 * (docs/decisions/0003-error-codes.md).
 */
export const ERROR_CODES = [
  'INVALID_COMMAND',
  'UNKNOWN_HOUSEHOLD',
  'DEREGISTERED',
  'DUPLICATE_ID',
  'ALREADY_REGISTERED',
  'BACKDATED',
  'UNKNOWN_DIVISION',
  'NOT_A_VILLAGE',
  'NOT_A_SUCCESSOR',
  'UNKNOWN_MEMBER',
  'NOT_SURVEYED',
  'ALREADY_APPLIED',
  'NO_APPLICATION',
  'NO_ELIGIBLE_MEMBER',
  'MEMBER_EMPLOYED',
  'NO_CHANGE',
  'NOT_WORKING_AGE',
  'HOUSEHOLD_INACTIVE',
  'OFFER_NOT_OPEN',
  'TRAINING_NOT_ACCEPTED',
  'NOT_ELIGIBLE',
  'REFERRAL_NOT_ACCEPTED',
  'UNKNOWN_EMPLOYMENT',
  'EMPLOYMENT_ENDED',
  'EMPLOYMENT_NOT_STARTED',
  'MONTH_NOT_BEGUN',
  'NOT_IDENTIFIED',
  'NO_ACTIVE_EMPLOYMENT',
  'NOT_CLEARED',
  'NO_OPEN_CONCERN',
  'CANNOT_EXEMPT',
  'ALREADY_WITHDRAWN',
  'UNKNOWN_EVENT',
  'INVALID_CORRECTION',
  'COMMAND_ID_REUSED',
  'INCOME_ALREADY_RECORDED',
  'LIMIT_REACHED',
  'OUTSIDE_AREA',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /**
   * Which fields of the command, and why: the Decider and the codec name at least one for
   * every rejection (docs/decisions/0148). Optional in the type for errors an embedder
   * builds itself.
   */
  readonly fields?: readonly FieldError[];
}

export const domainError = (code: ErrorCode, message: string, fields: readonly FieldError[]): DomainError => ({ code, message, fields });
