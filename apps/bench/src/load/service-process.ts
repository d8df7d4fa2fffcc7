import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { shebangNodeFlags } from '../young/product-flags';

/** The real service executable, what `npm start` runs. */
export const SERVICE_BIN = resolve(__dirname, '../../../api/bin/hearth-api.js');

/** Started as `node FLAGS SERVICE_BIN`, the flags read from its shebang: the heap `npm start` runs in. */
export const SERVICE_ARGS = [...shebangNodeFlags(SERVICE_BIN), SERVICE_BIN];

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then the exit code (0 for a clean stop). */
  stop(): Promise<number | null>;
}

/**
 * Starts the service on `store` (which must already hold events, so nothing is generated)
 * on a free loopback port with the given token file, and resolves once it listens.
 */
export const startService = (store: string, tokensFile: string, cwd: string): Promise<ServiceProcess> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, SERVICE_ARGS, {
      cwd,
      env: { ...process.env, HEARTH_STORE: store, HEARTH_TOKENS: tokensFile, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let listening = false;
    child.stdout.on('data', (b: Buffer) => {
      if (listening) return; // the service's request log: read and dropped, so the pipe never fills
      out += b.toString();
      const m = /Hearth is listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      listening = true;
      done({ url: (m[1] as string).replace('//localhost:', '//127.0.0.1:'), child, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    void exited.then((code) => fail(new Error(`the service exited with ${code} before listening:\n${err.slice(-2000)}`)));
  });
