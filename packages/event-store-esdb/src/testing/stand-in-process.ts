import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'stand-in.js');

/**
 * The stand-in in a child process, which a test can stop with SIGSTOP: a hung node. The
 * kernel still accepts connections on its port, but nothing answers them, not even
 * HTTP/2's settings or pings, which an in-process "never answer" mode could not imitate.
 */
export interface StandInProcess {
  /** `kurrentdb://127.0.0.1:PORT?tls=false` */
  readonly url: string;
  /** SIGSTOP: the node hangs. */
  hang(): void;
  /** Ends the process: SIGKILL ends a stopped one too. */
  kill(): Promise<void>;
}

export const startStandInProcess = async (): Promise<StandInProcess> => {
  const child: ChildProcess = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const found = /listening on (\S+)/.exec(stderr)?.[1];
      if (found !== undefined) {
        clearInterval(check);
        resolve(found);
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the stand-in exited: ${stderr}`));
      }
    }, 50);
  });
  return {
    url,
    hang: () => void child.kill('SIGSTOP'),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
};
