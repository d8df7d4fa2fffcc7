import * as E from 'fp-ts/Either';
import { parseCommand, type HouseholdCommand } from '@hearth/domain';
import { domainErrorResponse, type ErrorResponse } from '../errors/error-response';

/**
 * A submitted value as the command codec takes it: the command, or the 400 it answers. A
 * pure function of the value, so the same value is refused with the same bytes again (a
 * batch's replay answers its codec refusals so, rather than keep their text: decision 158).
 */
export const decodedCommand = (input: unknown): E.Either<ErrorResponse, HouseholdCommand> => E.mapLeft(domainErrorResponse)(parseCommand(input));
