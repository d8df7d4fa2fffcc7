import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The node flags Hearth's executables run with, read from an executable's shebang
 * (`#!/usr/bin/env -S node --max-semi-space-size=64`): the shebang is the one home of
 * those flags (docs/decisions/0092-a-larger-young-generation.md), so the bench starts its
 * processes with whatever the product runs with today, never a copy that could drift.
 */
export const shebangNodeFlags = (executable: string): readonly string[] => {
  const first = readFileSync(executable, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env(?: -S)? node((?: +--[\w-]+(?:=\S+)?)*) *$/.exec(first);
  if (!m) throw new Error(`${executable} does not start with "#!/usr/bin/env [-S] node [--flag[=value]...]": ${first}`);
  return (m[1] ?? '').split(' ').filter((f) => f !== '');
};

const flagName = (flag: string): string => flag.split('=', 1)[0] as string;

/**
 * Whether this process was started with a value for every one of `flags` (any value: a
 * measuring run may give another size on purpose, e.g. `--max-semi-space-size=16`, V8's
 * default on Node 20, to measure without the product's).
 */
export const hasNodeFlags = (flags: readonly string[], execArgv: readonly string[] = process.execArgv): boolean =>
  flags.every((f) => execArgv.some((a) => flagName(a) === flagName(f)));

/**
 * A measuring script started without the product's node flags (`npx tsx SCRIPT`, whose
 * node has none) runs itself again as `node FLAGS --require tsx/cjs SCRIPT ...args` with
 * the same standard streams and exits with its code, so that what it measures in process
 * runs in the heap the product's processes run in. Resolves `false` when this process
 * already has the flags: the caller then does its work. This is a bench's way only; the
 * product's executables never start a second node (a parent and child pair would break
 * kill -9 and signal handling), they take the flags from their shebang.
 */
export const relaunchWithNodeFlags = (flags: readonly string[], script: string): Promise<boolean> => {
  if (hasNodeFlags(flags)) return Promise.resolve(false);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...flags, '--require', require.resolve('tsx/cjs'), script, ...process.argv.slice(2)], { stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal's process group, so the parent only
    // waits for it; a SIGTERM sent to the parent alone is passed on.
    const ignore = (): void => undefined;
    const pass = (): void => void child.kill('SIGTERM');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', pass);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', pass);
      process.exitCode = code ?? (signal !== null ? 1 : 0);
      done(true);
    });
  });
};
