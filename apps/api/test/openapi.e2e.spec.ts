import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_TYPES } from '@hearth/domain';
import { Server, startServer } from './support/server';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[]; oneOf?: { $ref: string }[]; discriminator?: { mapping: Record<string, string> } }> };
};

/** The standard validator is ESM-only; Node 20 loads it from a child process with a dynamic import. */
const validate = async (doc: unknown): Promise<{ valid: boolean; errors?: unknown }> => {
  const { spawnSync } = await import('node:child_process');
  const script = `import('@seriousme/openapi-schema-validator').then(async ({ Validator }) => {
    const chunks = []; for await (const c of process.stdin) chunks.push(c);
    const result = await new Validator().validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors }));
  })`;
  const run = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(doc), encoding: 'utf8', cwd: __dirname });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
};

describe('the OpenAPI 3.1 document, generated from the io-ts codecs', () => {
  let server: Server;
  let doc: Doc;
  beforeAll(async () => {
    server = await startServer();
    const answer = await server.request('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    doc = answer.body;
  });
  afterAll(() => server.close());

  it('is served without a token and validates with the standard OpenAPI validator', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the validator is not a rubber stamp: a broken document fails it', async () => {
    const broken = { ...doc, paths: { '/x': { get: { responses: { '200': { description: 1 } } } } } };
    expect((await validate(broken)).valid).toBe(false);
  });

  it('describes every command type of the domain, in the union the commands endpoint takes', () => {
    const command = doc.components.schemas['Command'];
    expect(Object.keys(command?.discriminator?.mapping ?? {}).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(command?.oneOf).toHaveLength(COMMAND_TYPES.length);
    for (const type of COMMAND_TYPES) {
      const schema = doc.components.schemas[type];
      expect(schema?.properties?.['type']).toEqual({ const: type });
      expect(schema?.required).toEqual(expect.arrayContaining(['type', 'householdId', 'on']));
    }
    expect(doc.paths['/api/commands']?.['post']?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Command' });
  });

  it('carries the codecs’ constraints: closed objects, enumerations, bounds, patterns', () => {
    const survey = doc.components.schemas['SurveyedMember'] as Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
    expect(survey['additionalProperties']).toBe(false);
    expect(survey.properties['laborCapacity']).toEqual({ type: 'string', enum: ['full', 'partial', 'none'] });
    const register = doc.components.schemas['RegisterHousehold'] as { properties: Record<string, Record<string, unknown>> };
    expect(register.properties['members']).toMatchObject({ type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/components/schemas/RegisteredMember' } });
    expect(register.properties['householdId']).toMatchObject({ type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' });
    expect(register.properties['on']).toMatchObject({ type: 'string', format: 'date' });
  });

  it('is browsable at /api/docs from local assets, with no CDN', async () => {
    const page = await server.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/https?:\/\//);
    const scripts = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(scripts).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-initializer.js']));
    for (const asset of scripts) expect({ asset, status: (await server.request('GET', asset)).status }).toEqual({ asset, status: 200 });
    const init = await server.request('GET', '/api/docs/swagger-initializer.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
    expect((await server.request('GET', '/api/docs/..%2Fpackage.json')).status).toBe(404);
  });

  it('documents every route a controller of the service serves, but the dashboard\'s pages and the document itself', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.controller.ts') ? [join(dir, n)] : []));
    const served: string[] = [];
    for (const file of files(join(__dirname, '../src'))) {
      const source = readFileSync(file, 'utf8');
      const base = /@Controller\('([^']*)'\)/.exec(source)?.[1] ?? '';
      for (const [, method, route] of source.matchAll(/@(Get|Post|Put|Delete)\((?:'([^']*)')?\)/g))
        served.push(`${method?.toLowerCase()} /${[base, route].filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}'));
    }
    const own = (r: string) => /^get \/(dashboard|api\/docs|api\/openapi\.json|$)/.test(r);
    // The parse found the routes: the commands' POST and the exports among them.
    expect(served).toEqual(expect.arrayContaining(['post /api/commands', 'get /api/exports/monthly.xlsx', 'get /health']));
    expect(served.filter((r) => !own(r)).filter((r) => { const [m, path] = r.split(' '); return doc.paths[path as string]?.[m as string] === undefined; })).toEqual([]);
  });

  it('documents the exports with their media types', () => {
    const xlsx = doc.paths['/api/exports/progress.xlsx']?.['get'] as unknown as { responses: Record<string, { content?: Record<string, unknown> }>; parameters: { name: string; required: boolean }[] };
    expect(Object.keys(xlsx.responses['200']?.content ?? {})).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(xlsx.parameters).toEqual([expect.objectContaining({ name: 'month', required: true }), expect.objectContaining({ name: 'division', required: false })]);
    expect(Object.keys((doc.paths['/api/exports/monthly.csv']?.['get'] as unknown as { responses: Record<string, { content?: object }> }).responses['200']?.content ?? {})).toEqual(['text/csv']);
  });

  it('documents the batch\'s Idempotency-Key, the replay header and the refusals the key adds (decision 158)', () => {
    const batch = doc.paths['/api/commands/batch']?.['post'] as unknown as {
      parameters: { name: string; in: string; required: boolean; schema: { maxLength: number; pattern: string } }[];
      responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
    };
    expect(batch.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, schema: expect.objectContaining({ maxLength: 255 }) })]);
    const pattern = new RegExp(batch.parameters[0]?.schema.pattern ?? '');
    expect(['8e03978e-40d5-43e8-bc93-6894a57f9324', 'has space', 'clé'].map((k) => pattern.test(k))).toEqual([true, false, false]);
    expect(Object.keys(batch.responses['200']?.headers ?? {})).toEqual(['Retry-After', 'Idempotent-Replayed']);
    expect(Object.keys(batch.responses['409']?.headers ?? {})).toEqual(['Retry-After']);
    expect([batch.responses['400']?.description, batch.responses['409']?.description, batch.responses['422']?.description]).toEqual([
      expect.stringContaining('INVALID_HEADER'),
      expect.stringContaining('IDEMPOTENCY_KEY_IN_USE'),
      expect.stringContaining('IDEMPOTENCY_KEY_REUSED'),
    ]);
    expect(JSON.stringify(doc.components.schemas['ErrorBody'])).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('documents one command\'s Idempotency-Key as the batch\'s, the replay header on what a replay can answer, and the refusals of a key or a query (decision 203)', () => {
    const post = (path: string) =>
      doc.paths[path]?.['post'] as unknown as { parameters: unknown[]; responses: Record<string, { description: string; headers?: Record<string, unknown> }> };
    const [one, batch] = [post('/api/commands'), post('/api/commands/batch')];
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false, schema: (batch.parameters[0] as { schema: unknown }).schema })]);
    for (const status of ['201', '400', '403', '422']) expect({ status, headers: Object.keys(one.responses[status]?.headers ?? {}) }).toEqual({ status, headers: ['Idempotent-Replayed'] });
    expect([one.responses['400']?.description, one.responses['409']?.description, one.responses['422']?.description]).toEqual([
      expect.stringMatching(/INVALID_QUERY.*INVALID_HEADER/),
      expect.stringMatching(/CONFLICT.*IDEMPOTENCY_KEY_IN_USE/),
      expect.stringContaining('IDEMPOTENCY_KEY_REUSED'),
    ]);
    expect(batch.responses['400']?.description).toContain('INVALID_QUERY');
  });

  it('documents the personal-data routes, their purpose parameter and the closed record shape', () => {
    const member = doc.paths['/api/households/{householdId}/members/{memberId}/personal-data'] as Record<string, { parameters?: { name: string; required: boolean }[] }>;
    expect(Object.keys(member).sort()).toEqual(['get', 'put']);
    expect(member['get']?.parameters).toContainEqual(expect.objectContaining({ name: 'purpose', required: true }));
    expect(Object.keys(doc.paths['/api/households/{householdId}/personal-data'] ?? {}).sort()).toEqual(['delete', 'get']);
    expect(doc.paths['/api/personal-data/access-log']).toBeDefined();
    const record = doc.components.schemas['PersonalRecord'] as { properties?: Record<string, unknown>; additionalProperties?: boolean };
    expect(Object.keys(record.properties ?? {}).sort()).toEqual(['address', 'fullName', 'identityDocument', 'note', 'phone']);
    expect(record.additionalProperties).toBe(false);
  });
});
