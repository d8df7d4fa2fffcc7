import * as E from 'fp-ts/Either';
import { DomainError, domainError, HouseholdCommand, parseCommand, repeatedKeyPathOf } from '@hearth/domain';
import { lineCommandId } from './line-command-id';
import type { SourceLine } from './read-lines';

export const MAX_LINE_BYTES = 1024 * 1024;

/** A line longer than MAX_LINE_BYTES: refused before it is read as JSON. */
export const lineTooLong = (bytes: number): DomainError =>
  domainError('INVALID_COMMAND', `line is ${bytes} bytes long; a command is at most ${MAX_LINE_BYTES}`, [{ path: '', message: 'line too long' }]);

/** A line whose bytes are not UTF-8: refused, never stored with U+FFFD in it. */
export const LINE_NOT_UTF8: DomainError = domainError('INVALID_COMMAND', 'line is not valid UTF-8 text', [{ path: '', message: 'not UTF-8' }]);

/** Why a line as read-lines.ts reads it cannot be a command whatever it says, if so: the importer's and the regrouping's one rule. */
export const unreadableLine = (line: SourceLine): DomainError | undefined =>
  line.tooLongBytes !== undefined ? lineTooLong(line.tooLongBytes) : line.invalidUtf8 ? LINE_NOT_UTF8 : undefined;

/** One line of an import file → a command with a commandId, or INVALID_COMMAND saying why. */
export const readLineCommand = (line: string, lineNumber: number): E.Either<DomainError, HouseholdCommand> => {
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > MAX_LINE_BYTES) return E.left(lineTooLong(bytes));
  return parseLineCommand(line, lineNumber);
};

/**
 * readLineCommand of a line already known to be at most MAX_LINE_BYTES long (readLines
 * measures every line it reads): the importer does not count a line's bytes twice.
 */
export const parseLineCommand = (line: string, lineNumber: number): E.Either<DomainError, HouseholdCommand> => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return E.left(domainError('INVALID_COMMAND', `line is not JSON: ${(e as Error).message}`, [{ path: '', message: 'not JSON' }]));
  }
  const parsed = parseCommand(value);
  if (E.isLeft(parsed)) return parsed;
  // JSON.parse kept the last of a repeated key's values and dropped the others silently (docs/decisions/0146).
  const repeated = repeatedKeyPathOf(line, value);
  if (repeated !== undefined) return E.left(domainError('INVALID_COMMAND', `line gives the key "${repeated}" more than once`, [{ path: repeated, message: 'repeated key' }]));
  return E.right(parsed.right.commandId === undefined ? { ...parsed.right, commandId: lineCommandId(line, lineNumber) } : parsed.right);
};
