import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A long-running child whose output goes to files, read back whenever a test asks. */
export interface LoggedChild {
  readonly child: ChildProcess;
  /** Resolves when the child has exited, with its exit code and all it wrote to stderr. */
  readonly done: Promise<{ code: number | null; stderr: string }>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts `command args` with its stdout and stderr written to files in `dir`, not to pipes.
 * A pipe is drained only while this process's event loop runs, and a test that holds a
 * projector or the stand-in running calls the CLI synchronously meanwhile: a child writing
 * more than a pipe's 64 KB during one such call would block, and with it whatever it serves.
 * A file never fills.
 */
export const launchLogged = (command: string, args: readonly string[], dir: string, cwd?: string): LoggedChild => {
  const logs = mkdtempSync(join(dir, 'child-'));
  const outPath = join(logs, 'stdout');
  const errPath = join(logs, 'stderr');
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  const child = spawn(command, args, { stdio: ['ignore', out, err], ...(cwd ? { cwd } : {}) });
  // The child holds its own copies of the descriptors.
  closeSync(out);
  closeSync(err);
  const read = (path: string) => () => readFileSync(path, 'utf8');
  const stderr = read(errPath);
  const done = new Promise<{ code: number | null; stderr: string }>((res) => child.on('exit', (code) => res({ code, stderr: stderr() })));
  return { child, done, stdout: read(outPath), stderr };
};
