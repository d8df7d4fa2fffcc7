import { hearth } from './support/cli';
import { exampleCommands } from './support/example-commands';
import { Server, startServer } from './support/server';
import { TOKENS } from './support/tokens';

/** Pairs of (API path, `hearth --json` arguments) that must print the same JSON for the same store. */
const SAME_AS_CLI: readonly (readonly [string, readonly string[]])[] = [
  // An analyst's answer is the CLI's --suppress (the disclosure control of domain.md §5).
  ['analyst /api/reports/clearance?year=2016&byChild=true&division=P01C01T01', ['report', 'clearance', '--year', '2016', '--by-child', '--division', 'P01C01T01', '--suppress']],
  ['analyst /api/reports/monthly?month=2016-04&byChild=true&division=P01C01T01', ['report', 'monthly', '--month', '2016-04', '--by-child', '--division', 'P01C01T01', '--suppress']],
  ['/api/reports/clearance?year=2016', ['report', 'clearance', '--year', '2016']],
  ['/api/reports/clearance?year=2017&byChild=true&division=P01C01T01', ['report', 'clearance', '--year', '2017', '--by-child', '--division', 'P01C01T01']],
  ['/api/reports/monthly?month=2016-04', ['report', 'monthly', '--month', '2016-04']],
  ['/api/reports/monthly?month=2017-01&division=P01&byChild=true', ['report', 'monthly', '--month', '2017-01', '--division', 'P01', '--by-child']],
  ['/api/reports/progress?month=2016-07', ['report', 'progress', '--month', '2016-07']],
  ['/api/reports/progress?month=2016-08&byChild=true&division=P01C01T01', ['report', 'progress', '--month', '2016-08', '--by-child', '--division', 'P01C01T01']],
  ['/api/reports/backlog?asOf=2016-12-31', ['report', 'backlog', '--as-of', '2016-12-31']],
  ['/api/reports/backlog?asOf=2017-03-01&division=P01C01T01V02', ['report', 'backlog', '--as-of', '2017-03-01', '--division', 'P01C01T01V02']],
  ['/api/households/hh-002', ['history', 'hh-002']],
  ['/api/households/hh-002?asOf=2016-08-31', ['history', 'hh-002', '--as-of', '2016-08-31']],
  ['/api/verify', ['verify']],
];

describe("reports, histories and verify: the same JSON as the CLI's --json", () => {
  let server: Server;
  const fromApi = new Map<string, unknown>();
  beforeAll(async () => {
    server = await startServer();
    const commands = exampleCommands();
    const batch = await server.request('POST', '/api/commands/batch', { token: TOKENS.township, json: commands });
    expect(batch.status).toBe(200);
    const statuses = batch.body.map((r: { status: number }) => r.status);
    // Line 20 of the example is rightly refused: a clearance without employment.
    expect(statuses.filter((s: number) => s !== 201)).toEqual([422]);
    expect(batch.body[19].body.code).toBe('NO_ACTIVE_EMPLOYMENT');
    for (const [path] of SAME_AS_CLI) {
      const [token, url] = path.startsWith('analyst ') ? [TOKENS.analyst, path.slice('analyst '.length)] : [TOKENS.auditor, path];
      const answer = await server.request('GET', url, { token });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      fromApi.set(path, answer.body);
    }
    await server.stop();
  });
  afterAll(() => server.close());

  it.each(SAME_AS_CLI)('GET %s = hearth --json %j', (path, args) => {
    const cli = hearth(server.store, ['--json', ...args]);
    expect(cli.code).toBe(0);
    expect(fromApi.get(path)).toEqual(JSON.parse(cli.stdout));
  });

  it('the figures are not empty: the comparison compares something', () => {
    expect(fromApi.get('/api/reports/clearance?year=2016')).toMatchObject({ division: 'R', baseline: 2, identifiedInYear: 2, clearedInYear: 2 });
    expect(fromApi.get('/api/households/hh-002')).toMatchObject({ status: 'identified' });
    const suppressed = fromApi.get('analyst /api/reports/clearance?year=2016&byChild=true&division=P01C01T01') as { rows: { identifiedInYear: number | null; suppressed: string[] }[] };
    expect(suppressed.rows.map((r) => r.identifiedInYear)).toEqual([null, null]);
  });
});
