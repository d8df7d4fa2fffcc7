import * as E from 'fp-ts/Either';
import { fieldErrors } from '../codec/decode-errors';
import { quoteInput } from '../codec/quote-input';
import { commandCodecs, CommandType, HouseholdCommand } from './commands';
import { DomainError, domainError } from './errors';

const describeType = (type: unknown): string => (typeof type === 'string' ? quoteInput(type) : String(JSON.stringify(type) ?? type).slice(0, 40));

/** Fields named in the one-line message; `fields` lists them all. */
const MESSAGE_FIELDS = 5;

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
      domainError('INVALID_COMMAND', `unknown command type ${describeType(type)}`, [
        { path: 'type', message: type === undefined ? 'required field is missing' : `unknown command type ${describeType(type)}` },
      ]),
    );
  const decoded = commandCodecs[type as CommandType].decode(input);
  if (E.isLeft(decoded)) {
    const fields = fieldErrors(decoded.left);
    const named = fields.slice(0, MESSAGE_FIELDS).map((f) => `${f.path || '(command)'}: ${f.message}`);
    if (fields.length > MESSAGE_FIELDS) named.push(`… and ${fields.length - MESSAGE_FIELDS} more fields`);
    const summary = named.join('; ');
    return E.left(domainError('INVALID_COMMAND', `${type}: ${summary}`, fields));
  }
  return E.right(decoded.right as HouseholdCommand);
};
