import Database from 'better-sqlite3';
import { journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/**
 * The command routes take no query parameter, and refuse one as every other route refuses
 * a parameter it does not know: 400 INVALID_QUERY naming it, nothing decided (decision 203).
 */
describe('a query parameter on the command routes', () => {
  let server: Server;
  const HH = 'hh-query';
  const register = journey(HH, WILLOW)[0];
  const count = () => {
    const db = new Database(server.storePath, { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it.each([
    ['/api/commands', '?religion=X', 'religion', register],
    ['/api/commands/batch', '?religion=X', 'religion', [register]],
    ['/api/commands', '?dryRun=true&dryRun=false', 'dryRun', register],
    ['/api/commands/batch', '?x', 'x', [register]],
  ])('%s%s is 400 INVALID_QUERY naming %s, and appends nothing', async (path, query, field, json) => {
    const before = count();
    const refused = await server.request('POST', `${path}${query}`, { token: TOKENS.willow, json });
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: { code: 'INVALID_QUERY', message: expect.stringContaining(field), field } });
    expect(count()).toBe(before);
  });

  it('is refused before the Idempotency-Key is looked up: the key then decides the request sent without it', async () => {
    const refused = await server.request('POST', '/api/commands?religion=X', { token: TOKENS.willow, json: register, headers: { 'idempotency-key': 'k-query' } });
    expect(refused.status).toBe(400);
    const decided = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: register, headers: { 'idempotency-key': 'k-query' } });
    expect([decided.status, decided.body.appended.map((e: { type: string }) => e.type)]).toEqual([201, ['HouseholdRegistered']]);
  });
});
