import { closeSync, createWriteStream, openSync, statSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT } from './exit-codes';
import { describePathProblem } from '@hearth/ledger';

/** A file we can read, or a usage error saying why not (a directory, missing, no permission) and what to give instead. */
export const checkReadable = (file: string, instead: string): void => {
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    closeSync(openSync(file, 'r'));
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${describePathProblem(e)}. ${instead}`, EXIT.usage);
  }
};

/**
 * A file read twice (import: its SHA-256, then its lines; regroup: its households' ids,
 * then its lines) must be a regular file: a pipe (`<(zcat log.gz)`) is drained by the first
 * read and the second finds it empty (decision 150). `why` says what the two reads are for,
 * `instead` what to do.
 */
export const checkReadTwice = (file: string, verb: string, why: string, instead: string): void => {
  if (!statSync(file).isFile()) throw new CliError(`cannot ${verb} ${file}: it is not a regular file (a pipe or a device), and the file is read twice, ${why}. ${instead}`, EXIT.usage);
};

/** Opens an output file now, so that a directory or a missing folder is a usage error, not a crash mid-write. */
export const outputFile = (option: string, path: string): WriteStream => {
  try {
    return createWriteStream(path, { fd: openSync(path, 'w') });
  } catch (e) {
    throw new CliError(`cannot write ${option} ${path}: ${describePathProblem(e)}. Give a file path in an existing directory.`, EXIT.usage);
  }
};

/** The same file under two names (a link, `./x` and `x`): one writer would empty or interleave with what the other reads or writes. */
export const sameFile = (a: string, b: string): boolean => {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
};
