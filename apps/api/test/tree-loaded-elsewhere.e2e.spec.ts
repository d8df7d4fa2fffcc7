import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIVISIONS_STREAM } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import { hearth } from './support/cli';
import { identified } from './support/journey';
import { EXAMPLES, Server, startServer } from './support/server';
import { TOKENS, TOWNSHIP, WILLOW } from './support/tokens';

/** A village the example tree does not have, under the township caseworker's township. */
const NEW_VILLAGE = { code: 'P01C01T01V03', name: 'Ferry Landing Village', parentCode: TOWNSHIP, level: 'village' };

describe('a division tree loaded with the CLI while the service runs', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    // The service has opened its read models under the example tree.
    expect((await server.request('GET', '/api/reports/clearance?year=2016', { token: TOKENS.auditor })).status).toBe(200);
    const file = join(server.storePath, '..', 'grown.json');
    writeFileSync(file, JSON.stringify([...(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')) as unknown[]), NEW_VILLAGE]));
    const loaded = hearth(server.store, ['divisions', 'load', file]);
    expect({ code: loaded.code, stderr: loaded.stderr }).toEqual({ code: 0, stderr: '' });
  });
  afterAll(() => server.close());

  it('is served at once, with no restart: commands in the new village (the first request after the load), reports that roll it up, the tree', async () => {
    for (const command of identified('hh-new', NEW_VILLAGE.code)) {
      const answer = await server.request('POST', '/api/commands', { token: TOKENS.township, json: command });
      expect({ type: command['type'], status: answer.status, body: answer.status === 201 ? undefined : answer.body }).toEqual({ type: command['type'], status: 201, body: undefined });
    }

    const path = `/api/reports/clearance?year=2016&byChild=true&division=${TOWNSHIP}`;
    const report = await server.request('GET', path, { token: TOKENS.auditor });
    expect(report.status).toBe(200);
    expect(report.body.rows.find((r: { division: string }) => r.division === NEW_VILLAGE.code)).toMatchObject({ identifiedInYear: 1 });
    const tree = await server.request('GET', '/api/divisions', { token: TOKENS.auditor });
    expect(tree.status).toBe(200);
    expect(JSON.stringify(tree.body)).toContain(NEW_VILLAGE.code);
    await server.stop();
    const cli = hearth(server.store, ['--json', 'report', 'clearance', '--year', '2016', '--by-child', '--division', TOWNSHIP]);
    expect(cli.code).toBe(0);
    expect(report.body).toEqual(JSON.parse(cli.stdout));
  });
});

describe('the tree check of a request', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('costs one read of the tree stream\'s version a request, whatever the route does after the middleware', async () => {
    const ledger: Ledger = server.app.get(HEARTH_LEDGER);
    const versionReads = jest.spyOn(ledger.store, 'streamVersion');
    try {
      const [command] = identified('hh-counted', WILLOW);
      for (const [method, path, token, json] of [
        ['POST', '/api/commands', TOKENS.township, command],
        ['GET', '/api/reports/clearance?year=2016', TOKENS.auditor, undefined],
        ['GET', '/api/divisions', TOKENS.auditor, undefined],
      ] as const) {
        versionReads.mockClear();
        const answer = await server.request(method, path, { token, json });
        expect({ path, status: answer.status }).toEqual({ path, status: method === 'POST' ? 201 : 200 });
        expect({ path, reads: versionReads.mock.calls.filter(([stream]) => stream === DIVISIONS_STREAM).length }).toEqual({ path, reads: 1 });
      }
    } finally {
      versionReads.mockRestore();
    }
  });
});
