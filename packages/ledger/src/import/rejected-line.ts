import type { DomainError, HouseholdCommand } from '@hearth/domain';

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

/** A line the ledger refused, with the fields the refusal names (docs/decisions/0148); `kept` drops them from a checkpoint. */
export const rejectedLine = (p: { line: number; command: HouseholdCommand }, error: DomainError): RejectedLine => ({
  line: p.line, householdId: p.command.householdId, type: p.command.type, code: error.code, message: error.message,
  ...(error.fields ? { fields: error.fields } : {}),
});

/** What a checkpoint keeps of a rejection: enough to list it again, not the field details. */
export const kept = ({ fields: _f, ...r }: RejectedLine): RejectedLine => r;
