import * as E from 'fp-ts/Either';
import { fieldErrors } from '../codec/decode-errors';
import { commandCodecs, CommandType, HouseholdCommand } from './commands';
import { DomainError, domainError } from './errors';

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * The edge's one decoder: an untrusted value (parsed JSON) becomes a typed command or
 * an INVALID_COMMAND naming each offending field and why.
 */
export const parseCommand = (input: unknown): E.Either<DomainError, HouseholdCommand> => {
  if (!isRecord(input)) return E.left(domainError('INVALID_COMMAND', 'a command must be a JSON object', [{ path: '', message: 'expected an object' }]));
  const type = input['type'];
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(commandCodecs, type))
    return E.left(
      domainError('INVALID_COMMAND', `unknown command type ${JSON.stringify(type)}`, [
        { path: 'type', message: type === undefined ? 'required field is missing' : `unknown command type ${JSON.stringify(type)}` },
      ]),
    );
  const decoded = commandCodecs[type as CommandType].decode(input);
  if (E.isLeft(decoded)) {
    const fields = fieldErrors(decoded.left);
    const summary = fields.map((f) => `${f.path || '(command)'}: ${f.message}`).join('; ');
    return E.left(domainError('INVALID_COMMAND', `${type}: ${summary}`, fields));
  }
  return E.right(decoded.right as HouseholdCommand);
};
