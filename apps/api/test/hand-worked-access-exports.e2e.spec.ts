import { HILL, LAKE, REED, Region, startRegion, T, TOWNSHIP, WILLOW } from './support/hand-worked-access';

/*
 * Who may download which export (docs/http-api.md, "Endpoints": GET /api/exports/{monthly,
 * progress}.{csv,xlsx}?month=&division= for caseworker, auditor, analyst; the division's row
 * and its children's; a caseworker's default its own division, one outside its subtree 403),
 * over the hand-worked region of support/hand-worked-access.ts. The division an export is of
 * is read from its file name (Content-Disposition), for the .xlsx as for the .csv.
 *
 *   the four exports, division omitted: auditor and analyst R, caseworker its own division (here)
 *     registrar 403, no token 401, unknown token 401                                    (here)
 *   a caseworker's division: own and below 200; its township, the root, the other province,
 *     a replaced village outside, the successor of its own replaced village 403 naming division;
 *     an unknown code 404 UNKNOWN_DIVISION                                              (here)
 *   the rows at the edge of a subtree: a village alone, a province and only its children (here)
 *   an analyst's export: suppressed (hand-worked-disclosure.e2e.spec.ts), never an id   (here)
 */

const EXPORTS = ['monthly.csv', 'monthly.xlsx', 'progress.csv', 'progress.xlsx'];

interface Download {
  readonly status: number;
  readonly contentType: string | null;
  /** The division the file is of, from its name: `monthly-2016-04-P01C01T01V01.csv`. */
  readonly division: string | undefined;
  readonly text: string;
}

describe('exports over HTTP: who may download which division', () => {
  let region: Region;
  const download = async (token: string | undefined, file: string, query = ''): Promise<Download> => {
    const res = await fetch(`${region.server.url}/api/exports/${file}?month=2016-04${query}`, { headers: token !== undefined ? { authorization: `Bearer ${token}` } : {} });
    const name = /filename="[a-z]+-2016-04-(.+)\.(csv|xlsx)"/.exec(res.headers.get('content-disposition') ?? '');
    return { status: res.status, contentType: res.headers.get('content-type'), division: name?.[1], text: Buffer.from(await res.arrayBuffer()).toString('latin1') };
  };
  const code = (d: Download) => (d.status >= 300 ? (JSON.parse(d.text) as { code: string; field?: string }) : undefined);

  beforeAll(async () => {
    region = await startRegion();
  });
  afterAll(() => region.server.close());

  describe.each(EXPORTS)('%s', (file) => {
    it.each([
      ['an auditor', 'R', T.auditor],
      ['an analyst', 'R', T.analyst],
      ["Willow's caseworker", WILLOW, T.willow],
      ["the caseworker of Hill's province", 'P02', T.p02],
    ])('is given to %s with division omitted, of %s', async (_who, division, token) => {
      const answer = await download(token, file);
      expect({ status: answer.status, division: answer.division }).toEqual({ status: 200, division });
      expect(answer.contentType).toMatch(file.endsWith('.csv') ? /^text\/csv/ : /^application\/vnd\.openxmlformats/);
    });

    it.each([
      ['a registrar', 403, 'FORBIDDEN', T.registrar],
      ['a request without a token', 401, 'UNAUTHENTICATED', undefined],
      ['a request with a token no file lists', 401, 'UNAUTHENTICATED', T.wrong],
    ])('is refused to %s: %i %s, whatever the division', async (_who, status, expected, token) => {
      for (const division of ['', '&division=R', `&division=${WILLOW}`]) {
        const answer = await download(token, file, division);
        expect({ division, status: answer.status, code: code(answer)?.code, file: answer.division }).toEqual({ division, status, code: expected, file: undefined });
      }
    });

    it.each([
      ['Willow', WILLOW, 200, T.willow],
      ['the province of Willow', WILLOW, 200, T.p01],
      ['the root', HILL, 200, T.root],
      ['Willow', TOWNSHIP, 403, T.willow],
      ['Willow', 'R', 403, T.willow],
      ['Willow', HILL, 403, T.willow],
      ['Willow', LAKE, 403, T.willow],
      ['Lake, replaced', REED, 403, T.lake],
      ['Reed', LAKE, 403, T.reed],
      ['Willow', 'P09V09', 404, T.willow],
    ])('answers the caseworker of %s asking for %s: %i', async (_who, division, status, token) => {
      const answer = await download(token, file, `&division=${division}`);
      expect({ status: answer.status, code: code(answer)?.code, field: code(answer)?.field }).toEqual({
        status, code: { 200: undefined, 403: 'FORBIDDEN', 404: 'UNKNOWN_DIVISION' }[status], field: status === 200 ? undefined : 'division',
      });
      expect(answer.division).toBe(status === 200 ? division : undefined);
    });
  });

  describe.each(['monthly.csv', 'progress.csv'])('the rows of %s', (file) => {
    const rows = (text: string) => text.trim().split('\n').slice(1).map((line) => line.split(',')[0]);

    it('of a village are that village alone; of a province, the province and its own children', async () => {
      expect(rows((await download(T.willow, file)).text)).toEqual([WILLOW]);
      expect(rows((await download(T.p02, file)).text)).toEqual(['P02', HILL, LAKE, REED]);
      expect(rows((await download(T.p01, file)).text)).toEqual(['P01', 'P01C01']);
      expect(rows((await download(T.root, file)).text)).toEqual(['R', 'P01', 'P02']);
    });

    it('name no household, for an analyst at any division', async () => {
      for (const division of ['', `&division=${WILLOW}`, '&division=P02', `&division=${LAKE}`]) {
        const answer = await download(T.analyst, file, division);
        expect({ division, status: answer.status, ids: answer.text.match(/hh-/g) }).toEqual({ division, status: 200, ids: null });
      }
    });
  });
});
