import * as E from 'fp-ts/Either';
import { DomainError, domainError, ErrorCode } from './errors';
import { HouseholdEvent } from './events';

/** What a decision yields: the events to append (possibly none), or why not. */
export type Decision = E.Either<DomainError, readonly HouseholdEvent[]>;

export const reject = (code: ErrorCode, message: string): Decision => E.left(domainError(code, message));
export const append = (...events: HouseholdEvent[]): Decision => E.right(events);
export const nothing: Decision = E.right([]);
