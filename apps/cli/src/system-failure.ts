import { describeMachineFailure } from '@hearth/ledger';
import { EXIT } from './exit-codes';

/**
 * A failure of the machine (ledger's `describeMachineFailure`: the disk, SQLite, a store's
 * server out of reach) as the CLI says it: one line, and its exit code.
 */
export interface SystemFailure {
  /** What went wrong, e.g. "the disk is full (/data/hearth.db)". */
  readonly problem: string;
  /** What to do about it before running the command again, e.g. "free some space". */
  readonly remedy: string;
  readonly exitCode: number;
  /** The one line for people: problem, remedy, and that running again is safe. */
  readonly message: string;
}

/** Out of room, I/O errors, a locked store, a file that is no store, a server out of reach: one line each, or undefined for anything else. */
export const describeSystemFailure = (e: unknown): SystemFailure | undefined => {
  const f = describeMachineFailure(e, '--store');
  if (f === undefined) return undefined;
  return f.usage
    ? { problem: f.problem, remedy: f.remedy, exitCode: EXIT.usage, message: `${f.problem}: ${f.remedy}` }
    : { problem: f.problem, remedy: f.remedy, exitCode: EXIT.systemFailure, message: `${f.problem}: ${f.remedy}, then run the same command again` };
};
