import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** `npm start`'s executable (apps/api/bin/hearth-api.js, what the root `start` script runs). */
export const BIN = resolve(__dirname, '../../bin/hearth-api.js');
export const STARTUP_MS = 120_000;

export interface Started {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly err: () => string;
  readonly exited: Promise<number | null>;
}

/** The executable with `args`, in `cwd`, its environment cleared of Hearth's settings but for `env`; its output gathered. */
export const launch = (args: readonly string[], env: Record<string, string | undefined>, cwd: string): Started => {
  const clean = { ...process.env };
  for (const k of ['HEARTH_STORE', 'HEARTH_TOKENS', 'HOST', 'PORT']) delete clean[k];
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, out: () => out, err: () => err, exited };
};

/** Resolves with the printed URL once the service says it listens; fails with its output if it exits first. */
export const listening = (s: Started): Promise<string> =>
  new Promise((res, rej) => {
    const check = () => {
      const m = /Hearth is listening on (http:\/\/\S+)/.exec(s.out());
      if (m && /Stop with Ctrl-C/.test(s.out())) {
        clearInterval(timer);
        res(m[1] as string);
      }
    };
    const timer = setInterval(check, 50);
    void s.exited.then((code) => {
      clearInterval(timer);
      rej(new Error(`exited with ${code} before listening\nstdout:\n${s.out()}\nstderr:\n${s.err()}`));
    });
  });

/** Kills (SIGKILL) every process of `running` still alive, waits for each, and empties the list: after each test. */
export const killLeftRunning = async (running: Started[]): Promise<void> => {
  for (const s of running.splice(0))
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
};
