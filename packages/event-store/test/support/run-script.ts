import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Starts a TypeScript script in a separate Node process (through tsx), as a real second writer. */
export const runScript = (script: string, args: readonly string[]): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });

/** Resolves with the exit code (or the signal's name) and everything written to stdout and stderr. */
export const finished = (
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
