import type { HouseholdCommand } from '@hearth/domain';
import type { AppendOverLimit } from '@hearth/event-store';
import type { RejectedLine } from './rejected-line';

/** The code of a line whose events the store cannot take in one append (KurrentDB's append limit, docs/decisions/0152). */
export const TOO_LARGE_FOR_STORE = 'TOO_LARGE_FOR_STORE';

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/**
 * Decision 148's field for this refusal: the one that carries most of the command's bytes
 * (a survey's `members`, a long list), which is what the caseworker splits over several
 * commands or shortens. No field is wrong, and the events' size cannot be pinned on one
 * path inside it, but the largest part is where the bytes are.
 */
const largestField = (command: HouseholdCommand): { path: string; bytes: number } => {
  let largest = { path: 'householdId', bytes: -1 };
  for (const [path, value] of Object.entries(command)) {
    if (path === 'type') continue;
    const bytes = bytesOf(value);
    if (bytes > largest.bytes) largest = { path, bytes };
  }
  return largest;
};

/** A line accepted by the ledger whose events the store would refuse for their size: rejected, nothing appended. */
export const tooLargeLine = (p: { line: number; command: HouseholdCommand }, refusal: AppendOverLimit): RejectedLine => {
  const { size, limit, eventType } = refusal;
  const what = eventType === undefined ? `the events this line records are ${size} bytes together` : `the ${eventType} event this line records is ${size} bytes`;
  const field = largestField(p.command);
  return {
    line: p.line,
    householdId: p.command.householdId,
    type: p.command.type,
    code: TOO_LARGE_FOR_STORE,
    message: `${what}, over the store's append limit of ${limit} bytes: nothing appended — record it as several smaller commands`,
    fields: [{ path: field.path, message: `the largest part of the line (${field.bytes} bytes): split it over several commands, or shorten it` }],
  };
};
