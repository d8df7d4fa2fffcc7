import { EXIT } from './exit-codes';

/**
 * Failures of the machine rather than of the input or the code — the file system,
 * SQLite, a store's server out of reach — turned into one line that says what went wrong
 * and what to do. The one place that knows Node's errno codes and SQLite's result codes.
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

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

const pathOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { path?: unknown }).path === 'string' ? (e as { path: string }).path : undefined;

const failure = (problem: string, remedy: string, exitCode: number = EXIT.systemFailure): SystemFailure => ({
  problem, remedy, exitCode,
  message: exitCode === EXIT.systemFailure ? `${problem}: ${remedy}, then run the same command again` : `${problem}: ${remedy}`,
});

/** Out of room, I/O errors, a locked store, a file that is no store, a server out of reach: one line each, or undefined for anything else. */
export const describeSystemFailure = (e: unknown): SystemFailure | undefined => {
  const code = codeOf(e);
  if (code === undefined) {
    // An error that wraps the machine's own (ImportStoppedError, `new Error(…, { cause })`).
    const cause = typeof e === 'object' && e !== null ? (e as { cause?: unknown }).cause : undefined;
    return cause !== undefined && cause !== e ? describeSystemFailure(cause) : undefined;
  }
  const where = pathOf(e) ? ` (${pathOf(e)})` : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') return failure(`the disk is full${where}`, 'free some space');
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return failure(`the disk reported an I/O error${where}`, 'check the disk');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return failure('the store is locked by another process', 'wait for it to finish');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return failure(`no permission to write${where}`, "check the store file's and its directory's permissions");
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return failure('the store is not a Hearth SQLite database, or is damaged', 'check the --store path', EXIT.usage);
  if (code.startsWith('SQLITE_CANTOPEN'))
    return failure('the store cannot be opened', 'check that the --store path is a file in a directory you can write to', EXIT.usage);
  if (code === 'HEARTH_STORE_UNAVAILABLE') {
    const { reason, remedy } = e as { reason?: unknown; remedy?: unknown };
    return failure(`the store's server cannot be reached${typeof reason === 'string' ? `: ${reason}` : ''}`, typeof remedy === 'string' ? remedy : 'check that it is running and that this machine can reach it');
  }
  if (code === 'EMFILE' || code === 'ENFILE' || code === 'ENOMEM')
    return failure(`the system ran out of resources (${code})`, 'close other programs');
  return undefined;
};

/** Why a path given on the command line cannot be read or written, in words. */
export const describePathProblem = (e: unknown): string => {
  switch (codeOf(e)) {
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is a file, not a directory';
    case 'EEXIST': return 'it already exists as a file, not a directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'the disk is full';
    default: return (e as Error)?.message ?? String(e);
  }
};
