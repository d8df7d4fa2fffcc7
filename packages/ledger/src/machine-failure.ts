import { errorCodeOf, errorPathOf, isBusyError } from '@hearth/event-store';

/**
 * Failures of the machine rather than of the input or the code — the file system, SQLite,
 * a store's server out of reach — in words: what went wrong and what to do. The one place
 * that knows Node's errno codes and SQLite's result codes (a lock held elsewhere is
 * event-store's `isBusyError`, which the read models' retries also read); the CLI and the
 * service each add their own exit code and ending ("run the same command again", "start
 * again").
 */
export interface MachineFailure {
  /** What went wrong, e.g. "the disk is full (/data/hearth.db)". */
  readonly problem: string;
  /** What to do about it, e.g. "free some space". */
  readonly remedy: string;
  /** The store named is no store (its path, its file): the caller's input to mend, not the machine. */
  readonly usage: boolean;
}

const machine = (problem: string, remedy: string): MachineFailure => ({ problem, remedy, usage: false });

/**
 * The disk (or the file's page limit, or a quota) is full: SQLite's SQLITE_FULL, the OS's
 * ENOSPC or EDQUOT, and an I/O error SQLite reports when a write found no space.
 */
export const isDiskFull = (e: unknown): boolean => {
  const code = errorCodeOf(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  return code?.startsWith('SQLITE_IOERR') === true && /no space|disk is full/i.test((e as Error).message ?? '');
};

/**
 * Out of room, I/O errors, a locked store, a file that is no store, a server out of reach:
 * one problem and remedy each, or undefined for anything else (a bug is not a disk
 * problem). `storeSetting` names where the store was given (`--store`, `HEARTH_STORE`).
 */
export const describeMachineFailure = (e: unknown, storeSetting = '--store'): MachineFailure | undefined => {
  const code = errorCodeOf(e);
  if (code === undefined) {
    // An error that wraps the machine's own (ImportStoppedError, `new Error(…, { cause })`).
    const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
    return cause !== undefined && cause !== e ? describeMachineFailure(cause, storeSetting) : undefined;
  }
  const path = errorPathOf(e);
  const where = path ? ` (${path})` : '';
  if (isDiskFull(e)) return machine(`the disk is full${where}`, 'free some space');
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return machine(`the disk reported an I/O error${where}`, 'check the disk');
  if (isBusyError(e)) return machine('the store is locked by another process', 'wait for it to finish');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return machine(`no permission to write${where}`, "check the store file's and its directory's permissions");
  // A file SQLite finds damaged inside is no wrong path: sending the auditor to the command line would hide the damage.
  if (code.startsWith('SQLITE_CORRUPT'))
    return { problem: `the store's file is damaged: SQLite found a corrupt page${where}`, remedy: 'restore the file from a backup (nothing was written to it)', usage: true };
  if (code === 'SQLITE_NOTADB')
    return { problem: 'the store is not a Hearth SQLite database, or is damaged', remedy: `check the ${storeSetting} path`, usage: true };
  if (code.startsWith('SQLITE_CANTOPEN'))
    return { problem: 'the store cannot be opened', remedy: `check that the ${storeSetting} path is a file in a directory you can write to`, usage: true };
  if (code === 'HEARTH_STORE_UNAVAILABLE') {
    // The adapter says why and what to do where it can tell (docs/decisions/0134).
    const { reason, remedy } = e as { reason?: unknown; remedy?: unknown };
    return machine(`the store's server cannot be reached${typeof reason === 'string' ? `: ${reason}` : ''}`, typeof remedy === 'string' ? remedy : 'check that it is running and that this machine can reach it');
  }
  if (code === 'EMFILE' || code === 'ENFILE' || code === 'ENOMEM') return machine(`the system ran out of resources (${code})`, 'close other programs');
  return undefined;
};
