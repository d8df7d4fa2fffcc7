import fc from 'fast-check';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';
import { propertyRuns } from '@hearth/domain/testing';

/** Bad input gets a 4xx with a code, never a 500, and changes nothing it should not. */
describe('arbitrary input never makes a 500', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('arbitrary JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: value });
        expect([400, 403, 422]).toContain(answer.status);
        expect(typeof answer.body.code).toBe('string');
      }),
      propertyRuns(100, process.env),
    );
  });

  it('valid commands with one field replaced by an arbitrary value', async () => {
    const commands = journey('hh-fuzz', WILLOW);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commands), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), async (command, key, value) => {
        const field = Object.keys(command)[key.length % Object.keys(command).length] as string;
        const mutated = { ...command, [key.length % 2 === 0 ? field : key]: value };
        const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: mutated });
        expect([201, 400, 403, 422]).toContain(answer.status);
        if (answer.status === 400) expect(answer.body).toMatchObject({ code: 'INVALID_COMMAND', field: expect.any(String) });
      }),
      propertyRuns(150, process.env),
    );
  });

  it('arbitrary query strings on every report', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('clearance', 'monthly', 'progress', 'backlog'),
        fc.dictionary(fc.constantFrom('year', 'month', 'asOf', 'division', 'byChild', 'x'), fc.string({ maxLength: 10 })),
        async (report, params) => {
          const answer = await server.request('GET', `/api/reports/${report}?${new URLSearchParams(params).toString()}`, { token: TOKENS.auditor });
          expect([200, 400, 404]).toContain(answer.status);
        },
      ),
      propertyRuns(100, process.env),
    );
  });
});
