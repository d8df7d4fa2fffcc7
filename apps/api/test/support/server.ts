import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { createApp } from '../../src/app';
import type { ApiOptions } from '../../src/api-options';
import { TOKEN_ENTRIES } from './tokens';

export const EXAMPLES = resolve(__dirname, '../../../cli/examples');

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly cacheControl: string | null;
  readonly retryAfter: string | null;
  readonly allow: string | null;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read fields of answers of many shapes
}

export interface Server {
  readonly url: string;
  /** The application, for tests that inject faults under it. */
  readonly app: INestApplication;
  /** 'sqlite:PATH' of the store file. */
  readonly store: string;
  readonly storePath: string;
  request(method: string, path: string, opts?: { token?: string; json?: unknown; body?: string | Uint8Array; contentType?: string; headers?: Record<string, string> }): Promise<Answer>;
  /** Stops the server (and its read models and store), keeping the file. */
  stop(): Promise<void>;
  /** Stops the server and removes the temporary directory. */
  close(): Promise<void>;
}

/** A real listening server on a fresh SQLite file that already holds the example division tree. */
export const startServer = async (opts: Partial<ApiOptions> = {}): Promise<Server> => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-api-'));
  const storePath = join(dir, 'hearth.db');
  const store = `sqlite:${storePath}`;
  const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
  const recorded = await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
  if (recorded._tag === 'Left') throw new Error(JSON.stringify(recorded.left));
  await ledger.close();
  const app: INestApplication = await createApp({ store, tokens: TOKEN_ENTRIES, logger: false, ...opts });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    url,
    app,
    store,
    storePath,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token !== undefined) headers['authorization'] = `Bearer ${o.token}`;
      let body: string | Uint8Array | undefined = o.body;
      if (o.json !== undefined) {
        body = JSON.stringify(o.json);
        headers['content-type'] = 'application/json';
      }
      if (o.contentType !== undefined) headers['content-type'] = o.contentType;
      const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : Uint8Array.from(body) } : {}) });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, contentType: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), retryAfter: res.headers.get('retry-after'), allow: res.headers.get('allow'), text, body: parsed };
    },
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
