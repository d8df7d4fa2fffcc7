import { spawn } from 'node:child_process';

/**
 * A writer in its own process (support/writer-process.ts), which the server's process
 * cannot serialise with its own requests: `started` resolves once it has appended its
 * first command, `done` with its summary. `pauseMs` between two commands (default none).
 */
export const writerInAnotherProcess = (store: string, file: string, pauseMs = 0) => {
  const child = spawn(process.execPath, ['-e', "require('tsx/cjs'); require('./writer-process.ts').main()", store, file, String(pauseMs)], {
    cwd: __dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    if (stdout.includes('started')) markStarted();
  });
  const done = new Promise<{ code: number | null; summary: Record<string, number> }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markStarted();
      resolve({ code, summary: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') });
    });
  });
  return { started, done };
};
