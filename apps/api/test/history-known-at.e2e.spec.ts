import { dirname } from 'node:path';
import { writeBitemporalExample } from '@hearth/ledger/testing';
import { hearth } from './support/cli';
import { Server, startServer } from './support/server';
import { TOKENS } from './support/tokens';

/**
 * GET /api/households/{id} is bitemporal as `hearth history` is (docs/decisions/0154): `asOf`
 * is business time as the ledger knows it now, `knownAt` recording time. The store is written
 * at chosen recording times beside the running service, through the library the CLI runs:
 * hh-b surveyed in 2019 as unable and unwilling, corrected in 2021; hh-late registered with a
 * 2018 business date, keyed in only in 2022.
 */
describe('GET /api/households/{id}?asOf=&knownAt=', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    await writeBitemporalExample(server.store, dirname(server.storePath));
  });
  afterAll(() => server.close());

  const get = (path: string) => server.request('GET', path, { token: TOKENS.auditor });
  const capacity = (body: { members: { laborCapacity: string; willing: boolean; eligible: boolean }[] }) => body.members.map((m) => [m.laborCapacity, m.willing, m.eligible]);

  it('as of 2020 the survey reads as corrected in 2021, and the correction is listed; known at 2020 it reads as it was keyed', async () => {
    const now = await get('/api/households/hh-b?asOf=2020-12-31');
    expect(now.status).toBe(200);
    expect(capacity(now.body)).toEqual([['full', true, true]]);
    expect(now.body.laterCorrections).toEqual([expect.objectContaining({ occurredOn: '2021-06-15', recordedAt: '2021-06-16T09:00:00.000Z', correctedType: 'HouseholdSurveyed' })]);
    const then = await get('/api/households/hh-b?asOf=2020-12-31&knownAt=2020-12-31');
    expect(then.status).toBe(200);
    expect(capacity(then.body)).toEqual([['none', false, false]]);
    expect(then.body).toMatchObject({ asOf: '2020-12-31', knownAt: '2020-12-31T23:59:59.999Z', laterCorrections: [] });
  });

  it('a household dated 2018 but recorded in 2022 is there as of 2019, and unregistered known at 2020', async () => {
    expect((await get('/api/households/hh-late?asOf=2019-12-31')).body).toMatchObject({ status: 'registered', events: [{ occurredOn: '2018-03-01' }] });
    expect((await get('/api/households/hh-late?asOf=2019-12-31&knownAt=2020-12-31')).body).toMatchObject({ status: 'unregistered', members: [], events: [] });
  });

  it('a time with its zone (the + percent-encoded) is that instant, and the answer is the CLI\'s', async () => {
    const answer = await get('/api/households/hh-b?knownAt=2021-06-16T17:00%2B08:00');
    expect(answer.status).toBe(200);
    expect(answer.body.knownAt).toBe('2021-06-16T09:00:00.000Z');
    expect(answer.body.events.map((e: { type: string }) => e.type)).toEqual(['HouseholdRegistered', 'HouseholdSurveyed', 'EventCorrected']);
    const cli = hearth(server.store, ['--json', 'history', 'hh-b', '--known-at', '2021-06-16T17:00+08:00']);
    expect(cli.code).toBe(0);
    expect(answer.body).toEqual(JSON.parse(cli.stdout));
  });

  it.each(['2020-12-31T10:00', '2021-02-30', 'yesterday', '2020-12-31T10:00:00%2B24:00'])('knownAt=%s is a 400 INVALID_QUERY naming knownAt, and the household is as it was', async (bad) => {
    const before = await get('/api/households/hh-b');
    const answer = await get(`/api/households/hh-b?knownAt=${bad}`);
    expect({ status: answer.status, code: answer.body?.code, field: answer.body?.field }).toEqual({ status: 400, code: 'INVALID_QUERY', field: 'knownAt' });
    expect(answer.body.message).toContain('YYYY-MM-DDTHH:MM[:SS[.sss]] then Z or ±HH:MM');
    expect((await get('/api/households/hh-b')).body).toEqual(before.body);
  });

  it.each(['2021-01-01T00:00%2B14:30', '2021-01-01T00:00-12:30'])('knownAt=%s, an offset no zone has, is a 400 INVALID_QUERY naming knownAt and the offsets zones have', async (bad) => {
    const answer = await get(`/api/households/hh-b?knownAt=${bad}`);
    expect({ status: answer.status, code: answer.body?.code, field: answer.body?.field }).toEqual({ status: 400, code: 'INVALID_QUERY', field: 'knownAt' });
    expect(answer.body.message).toContain('is no zone\'s (they run from -12:00 to +14:00)');
  });

  it('the OpenAPI document describes knownAt', async () => {
    const doc = (await server.request('GET', '/api/openapi.json')).body;
    const parameters = doc.paths['/api/households/{householdId}'].get.parameters as { name: string; required: boolean; schema: { description: string } }[];
    expect(parameters.find((p) => p.name === 'knownAt')).toMatchObject({ required: false, schema: { description: expect.stringContaining('end of that day in UTC') } });
  });
});
