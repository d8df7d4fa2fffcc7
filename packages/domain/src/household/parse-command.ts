import * as E from 'fp-ts/Either';
import { Accepts, acceptsOf } from '../codec/accepts';
import { fieldErrors } from '../codec/decode-errors';
import { quoteInput } from '../codec/quote-input';
import { commandCodecs, CommandType, HouseholdCommand } from './commands';
import { DomainError, domainError } from './errors';

const describeType = (type: unknown): string => (typeof type === 'string' ? quoteInput(type) : String(JSON.stringify(type) ?? type).slice(0, 40));

/** Fields named in the one-line message; `fields` lists them all. */
const MESSAGE_FIELDS = 5;

/** Each command type's check, compiled once from its codec (accepts.ts). */
const accepts = Object.fromEntries(Object.entries(commandCodecs).map(([type, codec]) => [type, acceptsOf(codec)])) as Record<CommandType, Accepts>;

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * The edge's one decoder: an untrusted value (parsed JSON) becomes a typed command or
 * an INVALID_COMMAND naming each offending field and why.
 */
export const parseCommand = (input: unknown): E.Either<DomainError, HouseholdCommand> => {
  if (!isRecord(input)) return E.left(domainError('INVALID_COMMAND', 'a command must be a JSON object', [{ path: '', message: 'expected an object' }]));
  const type = input['type'];
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(commandCodecs, type))
    // A missing type is said as any missing field is, not as a type called "undefined".
    return E.left(
      type === undefined
        ? domainError('INVALID_COMMAND', 'type: required field is missing (one of the command types of domain.md §4)', [{ path: 'type', message: 'required field is missing' }])
        : domainError('INVALID_COMMAND', `unknown command type ${describeType(type)}`, [{ path: 'type', message: `unknown command type ${describeType(type)}` }]),
    );
  // A valid command is decoded to itself: only a refused one pays for io-ts's errors.
  if (accepts[type as CommandType](input)) return E.right(input as HouseholdCommand);
  const decoded = commandCodecs[type as CommandType].decode(input);
  if (E.isLeft(decoded)) {
    const fields = fieldErrors(decoded.left);
    const named = fields.slice(0, MESSAGE_FIELDS).map((f) => `${f.path || '(command)'}: ${f.message}`);
    if (fields.length > MESSAGE_FIELDS) named.push(`… and ${fields.length - MESSAGE_FIELDS} more fields`);
    const summary = named.join('; ');
    return E.left(domainError('INVALID_COMMAND', `${type}: ${summary}`, fields));
  }
  return E.right(decoded.right as HouseholdCommand); // unreachable while accepts and decode agree; kept so a disagreement is never a crash
};
