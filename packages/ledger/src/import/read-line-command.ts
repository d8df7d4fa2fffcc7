import * as E from 'fp-ts/Either';
import { DomainError, domainError, HouseholdCommand, parseCommand } from '@hearth/domain';
import { lineCommandId } from './line-command-id';

export const MAX_LINE_BYTES = 1024 * 1024;

/** One line of an import file → a command with a commandId, or INVALID_COMMAND saying why. */
export const readLineCommand = (line: string, lineNumber: number): E.Either<DomainError, HouseholdCommand> => {
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > MAX_LINE_BYTES)
    return E.left(domainError('INVALID_COMMAND', `line is ${bytes} bytes long; a command is at most ${MAX_LINE_BYTES}`, [{ path: '', message: 'line too long' }]));
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
  return E.right(parsed.right.commandId === undefined ? { ...parsed.right, commandId: lineCommandId(line, lineNumber) } : parsed.right);
};
