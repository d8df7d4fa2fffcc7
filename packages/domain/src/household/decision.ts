import * as E from 'fp-ts/Either';
import { FieldError } from '../codec/decode-errors';
import { DomainError, domainError, ErrorCode } from './errors';
import { HouseholdEvent } from './events';

/** What a decision yields: the events to append (possibly none), or why not. */
export type Decision = E.Either<DomainError, readonly HouseholdEvent[]>;

/**
 * A rule's refusal names the command field it is about, as its path in the command the
 * caller sent, and why (docs/decisions/0148): required, so that no rejection can leave the
 * caller to guess which of its fields to fix.
 */
export const reject = (code: ErrorCode, message: string, field: FieldError): Decision => E.left(domainError(code, message, [field]));
export const append = (...events: HouseholdEvent[]): Decision => E.right(events);
export const nothing: Decision = E.right([]);
