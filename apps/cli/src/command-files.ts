import { closeSync, constants, createWriteStream, fstatSync, ftruncateSync, openSync, realpathSync, rmSync, statSync, WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT } from './exit-codes';
import { describePathProblem } from '@hearth/ledger';
import { errorCodeOf } from '@hearth/event-store';

/** What opening a directory as a file throws, for a directory found by stat before it is opened. */
const directoryError = (): Error => Object.assign(new Error('directory'), { code: 'EISDIR' });

/** A file we can read, or a usage error saying why not (a directory, missing, no permission) and what to give instead. */
export const checkReadable = (file: string, instead: string): void => {
  try {
    if (statSync(file).isDirectory()) throw directoryError();
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

const cannotWrite = (option: string, path: string, e: unknown): CliError =>
  new CliError(`cannot write ${option} ${path}: ${describePathProblem(e)}. Give a file path in an existing directory.`, EXIT.usage);

interface Opened {
  readonly path: string;
  readonly fd: number;
  /** The file this run made (through a dangling link, the link's target), removed again if another output is refused. */
  readonly made: string | undefined;
}

/** Opened for writing but not emptied: an existing file stays as it is until every output of the command could be opened. */
const openUnemptied = (path: string): Opened => {
  try {
    return { path, fd: openSync(path, constants.O_WRONLY), made: undefined };
  } catch (e) {
    if (errorCodeOf(e) !== 'ENOENT') throw e;
  }
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT);
  return { path, fd, made: realpathSync(path) };
};

/**
 * Opens a command's output files now, so that a directory or a missing folder is a usage error, not a crash
 * mid-write; and every one of them before any is emptied or made, so that one refused leaves all as they were
 * (exit 2 changes nothing). `outputs` are [option, path] pairs; the streams come in their order.
 */
export const outputFiles = (outputs: readonly (readonly [option: string, path: string])[]): WriteStream[] => {
  const opened: Opened[] = [];
  try {
    for (const [option, path] of outputs) {
      try {
        opened.push(openUnemptied(path));
      } catch (e) {
        throw cannotWrite(option, path, e);
      }
    }
  } catch (e) {
    for (const { fd, made } of opened) {
      closeSync(fd);
      if (made !== undefined) rmSync(made, { force: true });
    }
    throw e;
  }
  return opened.map(({ path, fd }) => {
    // Only a file has a length to cut: /dev/null or a pipe is written as it is.
    if (fstatSync(fd).isFile()) ftruncateSync(fd, 0);
    return createWriteStream(path, { fd });
  });
};

/** Opens an output file now, so that a directory or a missing folder is a usage error, not a crash mid-write. */
export const outputFile = (option: string, path: string): WriteStream => outputFiles([[option, path]])[0] as WriteStream;

/**
 * Where an output written beside it (`PATH.partial`) is renamed once whole. A directory there would fail the rename
 * only after all the work, leaving the partial file behind: refused now. A file there is replaced.
 */
export const checkRenameTarget = (option: string, path: string): void => {
  let directory = false;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    // Absent, or not reachable: opening PATH.partial beside it says why, if anything is wrong.
  }
  if (directory) throw cannotWrite(option, path, directoryError());
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
