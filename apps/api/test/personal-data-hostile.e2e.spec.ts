import fc from 'fast-check';
import { identified } from './support/journey';
import { personalDataSetup } from './support/personal-data';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * Hostile input against the personal-data routes of the real server: arbitrary JSON bodies
 * (deep, huge, `__proto__` keys, wrong types), arbitrary purposes (control characters,
 * any script, blank) and arbitrary path ids. Every answer is a 4xx with a code or a
 * success — never a 5xx — and afterwards the access log holds exactly one entry per
 * access that succeeded, and its chain verifies.
 */
const RUNS = 400;

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\n', 'a\u0000b', '__proto__', 'constructor', 'x'.repeat(600), '../../etc/passwd', '%', '%00'),
);
const hostileBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ fullName: fc.anything({ maxDepth: 2 }), phone: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }),
  fc.record({ identityDocument: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ kind: hostileText, number: hostileText })) }),
  fc.constantFrom<unknown>({ ['__proto__']: { fullName: 'x' } }, JSON.parse('{"__proto__": {"polluted": 1}, "fullName": "y"}'), { constructor: { prototype: { x: 1 } } }, [{ fullName: 'a' }], null, 'text', 12),
  fc.record({ fullName: fc.string({ minLength: 1, maxLength: 500 }), note: fc.string({ minLength: 1, maxLength: 500 }) }, { requiredKeys: [] }),
);
const memberId = fc.oneof(fc.constant('hh-fuzz-a'), hostileText.filter((s) => s.length > 0));
const purpose = fc.option(hostileText, { nil: undefined });

describe('hostile input on the personal-data routes', () => {
  let server: Server;
  const setup = personalDataSetup();
  beforeAll(async () => {
    server = await startServer({ personalData: setup.options });
    for (const command of identified('hh-fuzz', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    setup.cleanup();
  });

  it(`${RUNS} generated requests: never a 5xx; the access log holds exactly the accesses that happened, and verifies`, async () => {
    const counts = { written: 0, read: 0, statuses: new Map<number, number>() };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('PUT', 'GET', 'GET-household'), memberId, hostileBody, purpose, async (kind, member, body, why) => {
        const query = why === undefined ? '' : `?purpose=${encodeURIComponent(why)}`;
        const path = kind === 'GET-household' ? `/api/households/hh-fuzz/personal-data${query}` : `/api/households/hh-fuzz/members/${encodeURIComponent(member)}/personal-data${query}`;
        const answer =
          kind === 'PUT'
            ? await server.request('PUT', path, { token: TOKENS.registrar, body: JSON.stringify(body) ?? 'undefined', contentType: 'application/json' })
            : await server.request('GET', path, { token: TOKENS.registrar });
        counts.statuses.set(answer.status, (counts.statuses.get(answer.status) ?? 0) + 1);
        expect([path, answer.status < 500]).toEqual([path, true]);
        if (answer.status >= 400) expect(typeof answer.body?.code).toBe('string');
        if (kind === 'PUT' && answer.status === 200) counts.written += 1;
        // A read that reached the store: the record, or none recorded (404 NOT_FOUND, not UNKNOWN_MEMBER).
        if (kind !== 'PUT' && (answer.status === 200 || answer.body?.code === 'NOT_FOUND')) counts.read += 1;
      }),
      { numRuns: RUNS, seed: Number(process.env['HEARTH_FUZZ_SEED'] ?? 20261130) },
    );
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    const log = await server.request('GET', '/api/personal-data/access-log', { token: TOKENS.auditor });
    expect(log.body.verification).toMatchObject({ ok: true, entries: counts.written + counts.read });
    const actions = (log.body.entries as { action: string }[]).map((e) => e.action);
    expect([actions.filter((a) => a === 'write').length, actions.filter((a) => a === 'read').length]).toEqual([counts.written, counts.read]);
    // The generators reached both sides: accepted writes and reads, and refusals.
    expect(counts.written).toBeGreaterThan(0);
    expect(counts.read).toBeGreaterThan(0);
    expect([...counts.statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(1);
  });
});
