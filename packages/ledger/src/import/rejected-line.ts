import { COMMAND_TYPES, IdC, type DomainError, type HouseholdCommand } from '@hearth/domain';

/** A line of an import file that appended nothing, and why. */
export interface RejectedLine {
  readonly line: number;
  readonly householdId: string | null;
  readonly type: string | null;
  readonly code: string;
  readonly message: string;
  readonly fields?: readonly { path: string; message: string }[];
}

export const byLine = (a: RejectedLine, b: RejectedLine): number => a.line - b.line;

/** A line the ledger refused, with the fields the refusal names (docs/decisions/0148), which a checkpoint keeps too (`kept`). */
export const rejectedLine = (p: { line: number; command: HouseholdCommand }, error: DomainError): RejectedLine => ({
  line: p.line, householdId: p.command.householdId, type: p.command.type, code: error.code, message: error.message,
  ...(error.fields ? { fields: error.fields } : {}),
});

/**
 * What a checkpoint keeps of a line the command codec refused (INVALID_COMMAND) instead of its
 * message: the codec's words quote the values it refused, and JSON.parse's a snippet of the
 * line, which may be a name typed in the wrong field; a checkpoint is an event, in an
 * append-only log that could never erase it (docs/decisions/0159).
 */
export const CODEC_REFUSAL_KEPT = 'not a valid command: the first run said why, quoting the line, which the checkpoint does not keep';

const COMMAND_TYPE_NAMES: ReadonlySet<string> = new Set(COMMAND_TYPES);

/**
 * What a checkpoint keeps of a rejection, for a rerun to list it again: a refusal of a command
 * that decoded (the ledger's, the store's size limit) whole, its fields included (their paths
 * are the command codec's, their words the rule's, as its message is: decision 160); of a line
 * the codec refused nothing but its line, its code, and its household id and type where they
 * are an id and a command type (what any recorded command holds): its fields' paths may be a
 * key the line made up and their words quote its values (decision 159). A checkpoint written
 * before decision 160 keeps no fields: `fields` is optional, so it reads as it did.
 */
export const kept = (r: RejectedLine): RejectedLine => {
  if (r.code !== 'INVALID_COMMAND') return r;
  const { fields: _refusedValues, ...rest } = r;
  return {
    ...rest,
    householdId: r.householdId !== null && IdC.is(r.householdId) ? r.householdId : null,
    type: r.type !== null && COMMAND_TYPE_NAMES.has(r.type) ? r.type : null,
    message: CODEC_REFUSAL_KEPT,
  };
};
