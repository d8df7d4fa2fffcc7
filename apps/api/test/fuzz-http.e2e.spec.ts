import Database from 'better-sqlite3';
import fc from 'fast-check';
import { hearth } from './support/cli';
import { hostileBody, invalidUtf8InNote, isUtf8, validCommands } from './support/hostile';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/** Generated requests in all: runs × requests sent at once per run. */
const RUNS = 300;
const AT_ONCE = 20;

const COMMANDS = validCommands(WILLOW);

interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  readonly kind: string;
}

const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const authorization = fc.oneof(
  { weight: 8, arbitrary: fc.constant(`Bearer ${TOKENS.willow}`) },
  { weight: 2, arbitrary: fc.constantFrom(TOKENS.stoneBridge, TOKENS.auditor, TOKENS.analyst).map((t) => `Bearer ${t}`) },
  { weight: 2, arbitrary: fc.oneof(printable.map((t) => `Bearer ${t}`), printable, fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `bearer  ${TOKENS.willow}x`, `Bearer ${TOKENS.willow} extra`, `Token ${TOKENS.willow}`)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  { weight: 2, arbitrary: fc.constantFrom('text/plain', 'application/JSON', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', '*/*', '') },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const query = fc.dictionary(fc.constantFrom('year', 'month', 'asOf', 'division', 'byChild', 'x', '__proto__'), fc.oneof(printable, fc.constantFrom('2016', '2016-05', '2016-05-01', WILLOW, 'true', '2016-02-30', '-1')), { maxKeys: 3 });
const readPath = fc.oneof(
  fc.tuple(fc.constantFrom('clearance', 'monthly', 'progress', 'backlog', 'nope'), query).map(([r, q]) => `/api/reports/${r}?${new URLSearchParams(q).toString()}`),
  fc.oneof(fc.constantFrom('hh-z1', 'hh-z2', 'unknown', '__proto__', 'constructor', '%00', '..%2F..%2Fetc'), printable.map(encodeURIComponent)).map((id) => `/api/households/${id}`),
  fc.constantFrom('/api/divisions', '/health', '/api/openapi.json', '/api/commands', '/', '/api', '/api/commands/../verify', '/%', '/api/reports'),
  printable.map((p) => `/${encodeURIComponent(p)}`),
);

const headersOf = (auth: string | undefined, type: string | undefined): Record<string, string> => ({
  ...(auth !== undefined ? { authorization: auth } : {}),
  ...(type !== undefined ? { 'content-type': type } : {}),
});

const request: fc.Arbitrary<HostileRequest> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({ body: fc.oneof({ weight: 12, arbitrary: hostileBody(COMMANDS) }, { weight: 1, arbitrary: invalidUtf8InNote(WILLOW) }), auth: authorization, type: contentType, method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE') }).map(({ body, auth, type, method }) => ({
      method, path: '/api/commands', kind: body.kind, body: body.bytes,
      headers: headersOf(auth, type),
    })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ bodies: fc.array(hostileBody(COMMANDS), { maxLength: 6 }), auth: authorization, type: contentType, asArray: fc.boolean() }).map(({ bodies, auth, type, asArray }) => {
      // A batch of the texts that parse (joined as text: no re-encoding of what nests deep), or the raw bytes of the first body.
      const items = bodies.flatMap((b) => {
        try {
          JSON.parse(b.bytes.toString('utf8'));
          return [b.bytes];
        } catch {
          return [];
        }
      });
      const array = Buffer.concat([Buffer.from('['), ...items.flatMap((b, i) => (i === 0 ? [b] : [Buffer.from(','), b])), Buffer.from(']')]);
      return {
        method: 'POST', path: '/api/commands/batch', kind: 'batch',
        body: asArray || bodies.length === 0 ? array : (bodies[0]?.bytes as Buffer),
        headers: headersOf(auth, type),
      };
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ path: readPath, auth: authorization, method: fc.constantFrom('GET', 'GET', 'HEAD', 'OPTIONS', 'DELETE') }).map(({ path, auth, method }) => ({
      method, path, kind: 'read', headers: headersOf(auth, undefined),
    })),
  },
);

interface Sent {
  readonly status: number;
  readonly body: unknown;
}

describe('fuzz: hostile requests to the real HTTP server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ rateLimit: { perToken: false, anonymous: false } });
  });
  afterAll(() => server.close());

  it(`${RUNS * AT_ONCE} generated requests: each a 4xx or a success, never a 5xx; the log holds exactly what the 201s appended; verify exits 0`, async () => {
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    const appended = new Set<number>();
    let sent = 0;

    const send = async (r: HostileRequest): Promise<Sent> => {
      const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers, ...(r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { body: Uint8Array.from(r.body) } : {}) });
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: res.status, body };
    };

    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: AT_ONCE, maxLength: AT_ONCE }), async (requests) => {
        const answers = await Promise.all(requests.map(send));
        answers.forEach((a, i) => {
          const r = requests[i] as HostileRequest;
          sent += 1;
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
          if (a.status >= 500) throw new Error(`${r.method} ${r.path} (${r.kind}) answered ${a.status}: ${JSON.stringify(a.body)}`);
          // Bytes that are not UTF-8 are refused, never stored with replacement characters.
          if (r.body !== undefined && !isUtf8(r.body) && r.method === 'POST') expect(a.status).toBeGreaterThanOrEqual(400);
          if (a.status >= 400 && r.method !== 'HEAD') expect(a.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          if (a.status === 201) for (const e of (a.body as { appended: { position: number }[] }).appended) appended.add(e.position);
          if (r.path === '/api/commands/batch' && a.status === 200)
            for (const item of a.body as { status: number; body: { appended?: { position: number }[] } }[]) {
              expect(item.status).toBeLessThan(500);
              if (item.status === 201) for (const e of item.body.appended ?? []) appended.add(e.position);
            }
        });
      }),
      { numRuns: RUNS, seed: Number(process.env['HEARTH_FUZZ_SEED'] ?? 20261130) },
    );

    // Every household event in the log is one some 201 reported, and every one reported is there.
    const db = new Database(server.storePath, { readonly: true });
    const logged = db.prepare("SELECT position FROM events WHERE stream_id LIKE 'household-%' ORDER BY position").pluck().all() as number[];
    db.close();
    expect(logged).toEqual([...appended].sort((a, b) => a - b));
    await server.stop();
    const verify = hearth(server.store, ['--json', 'verify']);
    expect(verify.code).toBe(0);

    const count = (m: Map<string | number, number>) => [...m].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, n]) => `${k}: ${n}`).join(', ');
    process.stdout.write(`HTTP fuzz: ${sent} requests (${count(kinds)}); statuses ${count(statuses)}; ${appended.size} events appended and all in the log; verify exit ${verify.code}\n`);
    expect(sent).toBe(RUNS * AT_ONCE);
    // The suite exercised both sides: some commands were accepted, most refused.
    expect(appended.size).toBeGreaterThan(0);
  });
});
