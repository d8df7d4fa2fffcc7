import { HILL, LAKE, outcome, REED, Region, startRegion, T, WILLOW } from './support/hand-worked-access';

/*
 * Who may read a household's history, GET /api/households/:id with and without asOf and
 * knownAt (docs/http-api.md, "Endpoints": caseworker (own subtree) and auditor; "a
 * caseworker's access is decided by where the household is registered now, whatever asOf or
 * knownAt asks for"), over the hand-worked region of support/hand-worked-access.ts.
 *
 *                                  no query   asOf   knownAt (date, instant)
 *   auditor                        200        200    200         (here; every household)
 *   analyst, registrar             403        403    403         (here; also HEAD; an unknown household too)
 *   no token, unknown token        401        401    401         (here)
 *   caseworker inside / outside    200 / 403  (here; within one township: roles.e2e.spec.ts)
 *   the corrected household        Willow and P01 403, Hill and P02 200, asked as of or known at when it was Willow's (here)
 *   the reorganised household      Lake 403, Reed and P02 200, as of when it was Lake's (here)
 *   an unknown household           caseworker 404 UNKNOWN_HOUSEHOLD (here)
 */

/** The queries a history may be asked with: now, as of a day it was in its first village, known at a day or an instant before its correction. */
const queries = (beforeCorrection: string): [string, string][] => [
  ['no query', ''],
  ['asOf in its first village', '?asOf=2016-03-01'],
  ['knownAt a day', '?knownAt=2016-12-31'],
  ['knownAt an instant before its correction', `?knownAt=${encodeURIComponent(beforeCorrection)}`],
  ['asOf and knownAt', `?asOf=2016-03-01&knownAt=${encodeURIComponent(beforeCorrection)}`],
];

describe('household histories over HTTP: who may read which, whenever it asks about', () => {
  let region: Region;
  const get = (token: string | undefined, path: string, method = 'GET') => region.server.request(method, path, token !== undefined ? { token } : {});

  beforeAll(async () => {
    region = await startRegion();
  });
  afterAll(() => region.server.close());

  it('an auditor reads every household, with every query', async () => {
    for (const id of ['hh-willow', 'hh-stone', 'hh-hill', 'hh-moved', 'hh-lake'])
      for (const [what, query] of queries(region.beforeCorrection))
        expect({ id, what, ...outcome(await get(T.auditor, `/api/households/${id}${query}`)) }).toEqual({ id, what, status: 200, code: undefined });
  });

  it.each([
    ['an analyst', 403, 'FORBIDDEN', T.analyst],
    ['a registrar', 403, 'FORBIDDEN', T.registrar],
    ['a request without a token', 401, 'UNAUTHENTICATED', undefined],
    ['a request with a token no file lists', 401, 'UNAUTHENTICATED', T.wrong],
  ])('%s is answered %i %s for every household and query, an unknown household too, by GET and by HEAD', async (_who, status, code, token) => {
    for (const id of ['hh-willow', 'hh-moved', 'hh-lake', 'hh-nobody'])
      for (const [what, query] of queries(region.beforeCorrection)) {
        const answer = await get(token, `/api/households/${id}${query}`);
        expect({ id, what, ...outcome(answer) }).toEqual({ id, what, status, code });
        expect(answer.text).not.toContain('events');
        expect({ id, what, head: (await get(token, `/api/households/${id}${query}`, 'HEAD')).status }).toEqual({ id, what, head: status });
      }
  });

  describe('a caseworker, by where the household is registered now', () => {
    it.each([
      ['Willow', 'its own household', 'hh-willow', 200, T.willow],
      ['the root', 'a household of the other province', 'hh-hill', 200, T.root],
      ['Stone Bridge', "its neighbour Willow's household", 'hh-willow', 403, T.stone],
      ['the other province', "Willow's household", 'hh-willow', 403, T.p02],
      ['Willow', 'the household it registered, since corrected to Hill', 'hh-moved', 403, T.willow],
      ['the province of Willow', 'the household corrected out of it', 'hh-moved', 403, T.p01],
      ['Hill', 'the household corrected into it', 'hh-moved', 200, T.hill],
      ['the province of Hill', 'the household corrected into it', 'hh-moved', 200, T.p02],
      ['Lake, replaced by Reed', 'the household the reorganisation moved', 'hh-lake', 403, T.lake],
      ['Reed', 'the household the reorganisation moved into it', 'hh-lake', 200, T.reed],
      ['the province of Lake and Reed', 'the household the reorganisation moved', 'hh-lake', 200, T.p02],
    ])('of %s, reading %s (%s): %i with every query', async (_who, _what, id, status, token) => {
      for (const [what, query] of queries(region.beforeCorrection)) {
        const answer = await get(token, `/api/households/${id}${query}`);
        expect({ what, ...outcome(answer) }).toEqual({ what, status, code: status === 403 ? 'FORBIDDEN' : undefined });
        if (status === 403) {
          expect(answer.body.field).toBe('householdId');
          expect(answer.text).not.toContain('events');
        }
      }
    });

    it('of Hill reads the corrected household as it was recorded then, in Willow: access is decided by now, the answer by knownAt', async () => {
      const then = await get(T.hill, `/api/households/hh-moved?knownAt=${encodeURIComponent(region.beforeCorrection)}`);
      expect(then.body).toMatchObject({ householdId: 'hh-moved', divisionCode: WILLOW });
      expect((await get(T.hill, '/api/households/hh-moved')).body).toMatchObject({ divisionCode: HILL });
    });

    it('of Reed reads the reorganised household as of 2016, in Lake', async () => {
      expect((await get(T.reed, '/api/households/hh-lake?asOf=2016-06-30')).body).toMatchObject({ divisionCode: LAKE });
      expect((await get(T.reed, '/api/households/hh-lake')).body).toMatchObject({ divisionCode: REED });
    });

    it('asking for a household nobody registered is 404 UNKNOWN_HOUSEHOLD', async () => {
      expect(outcome(await get(T.willow, '/api/households/hh-nobody'))).toEqual({ status: 404, code: 'UNKNOWN_HOUSEHOLD' });
    });
  });
});
