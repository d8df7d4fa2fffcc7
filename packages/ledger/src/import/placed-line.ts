import { lineCommandId } from './line-command-id';
import { MAX_LINE_BYTES } from './read-line-command';

/** A line of an import file that names its household, as it is written regrouped. */
export interface PlacedLine {
  readonly householdId: string;
  /** The line with the commandId `hearth import` would have derived for it at its place in the file, when it had none. */
  readonly text: string;
  readonly idAdded: boolean;
}

/** Why a line cannot be placed: `hearth import` would reject it at any place in the file (INVALID_COMMAND). */
export interface UnplacedLine {
  readonly reason: string;
}

/** A line's household, and whether it names its own commandId. */
export interface LineHousehold {
  readonly householdId: string;
  readonly ownCommandId: boolean;
}

/** The household a line of an import file names, or why it names none: `hearth import` would reject it at any place in the file (INVALID_COMMAND). */
export const householdOfLine = (text: string): LineHousehold | UnplacedLine => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'not a JSON object' };
  const { householdId, commandId } = value as { householdId?: unknown; commandId?: unknown };
  if (typeof householdId !== 'string') return { reason: 'no householdId string' };
  return { householdId, ownCommandId: commandId !== undefined };
};

/**
 * Where a line of an import file goes when the file is regrouped by household, and what
 * it says there. A line without a commandId is given the one the import derives from
 * its text and its number in the original file (line-command-id.ts), written as the
 * object's first member: imported from the regrouped file, the command is the very
 * command it was in the original, so importing either file, or both, appends it once. A
 * line with a commandId of its own, valid or not, is written unchanged.
 */
export const placeLine = (text: string, lineNumber: number): PlacedLine | UnplacedLine => {
  const read = householdOfLine(text);
  if (!isPlaced(read)) return read;
  const { householdId } = read;
  if (read.ownCommandId) return { householdId, text, idAdded: false };
  // The object has a member (householdId), so a member written before it is followed by a comma.
  const brace = text.indexOf('{');
  const withId = `${text.slice(0, brace + 1)}"commandId":${JSON.stringify(lineCommandId(text, lineNumber))},${text.slice(brace + 1)}`;
  if (Buffer.byteLength(withId, 'utf8') > MAX_LINE_BYTES) return { reason: `longer than ${MAX_LINE_BYTES} bytes with its commandId` };
  return { householdId, text: withId, idAdded: true };
};

export const isPlaced = <P extends { readonly householdId: string }>(p: P | UnplacedLine): p is P => 'householdId' in p;
