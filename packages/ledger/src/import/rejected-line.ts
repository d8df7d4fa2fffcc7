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
