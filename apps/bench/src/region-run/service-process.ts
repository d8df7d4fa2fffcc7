import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const API = resolve(__dirname, '../../../api/bin/hearth-api.js');

/** The service (`apps/api/bin/hearth-api.js`, the product's executable) started on a store by a measuring script. */
export interface ServiceProcess {
  readonly origin: string;
  /** A bearer token of each role asked for. */
  readonly tokens: Readonly<Record<string, string>>;
  /** Milliseconds from the spawn until `/health` answered. */
  readonly startMs: number;
  /** Its peak resident memory so far (VmHWM), MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address !== null ? ok(address.port) : fail(new Error('no port'))));
    });
  });

const waitForHealth = async (origin: string, service: ChildProcess): Promise<void> => {
  for (;;) {
    if (service.exitCode !== null) throw new Error(`the service exited with ${service.exitCode}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** Starts the service on `store` (and its read models' own file, if given) without a demo region, with one token for each of `roles`. */
export const startService = async (opts: { store: string; readModels?: string; roles: readonly string[] }): Promise<ServiceProcess> => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-service-process-'));
  const tokens = Object.fromEntries(opts.roles.map((role) => [role, randomBytes(24).toString('hex')]));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify(Object.entries(tokens).map(([role, token]) => ({ token, role }))), { mode: 0o600 });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const service = spawn(API, ['--no-demo'], {
    env: {
      ...process.env,
      PORT: String(port),
      HEARTH_STORE: `sqlite:${opts.store}`,
      ...(opts.readModels === undefined ? {} : { HEARTH_READ_MODELS: `sqlite:${opts.readModels}` }),
      HEARTH_TOKENS: join(dir, 'tokens.json'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async (): Promise<void> => {
    if (service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((r) => service.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, service);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    origin,
    tokens,
    startMs: Date.now() - startedAt,
    peakRssMiB: () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024),
    stop,
  };
};
