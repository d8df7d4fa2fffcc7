import { exampleCommands } from './support/example-commands';
import { Server, startServer } from './support/server';
import { TOKENS, TOWNSHIP, WILLOW } from './support/tokens';

type Row = Record<string, unknown> & { division: string; month: string };

const MONTHS_OF_2016 = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`);

/** GET /api/reports/monthly without `month` and with `year`: a year's twelve months in one snapshot (decision 0168). */
describe("a year's monthly tables in one request", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    const commands = exampleCommands();
    const batch = await server.request('POST', '/api/commands/batch', { token: TOKENS.township, json: commands });
    expect(batch.status).toBe(200);
  });
  afterAll(() => server.close());

  const get = async (path: string, token: string) => {
    const answer = await server.request('GET', path, { token });
    return { status: answer.status, body: answer.body };
  };

  it.each([
    ['an auditor', TOKENS.auditor, '', 'R'],
    ['an auditor, of a township', TOKENS.auditor, `&division=${TOWNSHIP}`, TOWNSHIP],
    ['an analyst', TOKENS.analyst, '', 'R'],
    ['an analyst, of a township', TOKENS.analyst, `&division=${TOWNSHIP}`, TOWNSHIP],
    ['a caseworker, of their own division by default', TOKENS.willow, '', WILLOW],
  ])("%s: the twelve answers a month at a time, and the position they stand at", async (_who, token, division, own) => {
    const year = await get(`/api/reports/monthly?year=2016${division}`, token);
    expect(year.status).toBe(200);
    expect(Object.keys(year.body).sort()).toEqual(['months', 'position']);
    const single = await Promise.all(MONTHS_OF_2016.map((month) => get(`/api/reports/monthly?month=${month}${division}`, token)));
    expect(single.map((a) => a.status)).toEqual(MONTHS_OF_2016.map(() => 200));
    expect(year.body.months).toEqual(single.map((a) => a.body));
    expect((year.body.months as Row[]).map((m) => [m.month, m.division])).toEqual(MONTHS_OF_2016.map((m) => [m, own]));
    // The log stands still: the position is the one a month's table asked withChildren stands at.
    const standing = await get(`/api/reports/monthly?month=2016-07${division}&withChildren=true`, token);
    expect(year.body.position).toBe(standing.body.position);
    expect(year.body.position).toBeGreaterThan(0);
  });

  it('the figures are not empty, and an analyst\'s small ones are suppressed: the comparison compares something', async () => {
    const auditor = (await get('/api/reports/monthly?year=2016', TOKENS.auditor)).body.months as Row[];
    expect(auditor.some((m) => (m['identified'] as number) > 0)).toBe(true);
    const analyst = (await get(`/api/reports/monthly?year=2016&division=${TOWNSHIP}`, TOKENS.analyst)).body.months as (Row & { suppressed: string[] })[];
    expect(analyst.some((m) => m.suppressed.length > 0)).toBe(true);
  });

  it('refuses as a month is refused: outside a caseworker\'s division 403, a bad year or a parameter that cannot go with it 400 naming it', async () => {
    expect((await get(`/api/reports/monthly?year=2016&division=${TOWNSHIP}`, TOKENS.willow)).status).toBe(403);
    for (const [query, field] of [['year=20x6', 'year'], ['year=1899', 'year'], ['year=', 'year'], ['year=2016&byChild=true', 'byChild'], ['year=2016&withChildren=true', 'withChildren'], ['year=2016&month=2016-04', 'year']]) {
      const refused = await get(`/api/reports/monthly?${query}`, TOKENS.auditor);
      expect({ query, status: refused.status, code: refused.body.code, field: refused.body.field }).toEqual({ query, status: 400, code: 'INVALID_QUERY', field });
    }
  });

  it('says why a parameter cannot go with a year, rather than calling it unknown', async () => {
    const why = async (query: string) => ((await get(`/api/reports/monthly?${query}`, TOKENS.auditor)).body.message as string);
    expect(await why('year=2016&month=2016-04')).toBe('year: asks the twelve months of a year, month asks one; give one of them, not both');
    expect(await why('year=2016&byChild=true')).toBe('byChild: offered for one month (give month), not for the twelve months of a year');
    expect(await why('year=2016&withChildren=false')).toBe('withChildren: offered for one month (give month), not for the twelve months of a year');
    // A month's own refusals are unchanged.
    expect(await why('month=2016-04&year=')).toMatch(/^year: /);
    expect(await why('month=2016-04&colour=red')).toBe('colour: unknown field "colour"');
  });
});
