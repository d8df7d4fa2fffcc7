import { personalDataSetup } from './support/personal-data';
import { HILL, LAKE, REED, Region, startRegion, T, WILLOW } from './support/hand-worked-access';

/*
 * Every endpoint outside commands, histories, reports and exports, against every role
 * (docs/http-api.md, "Authentication and roles" and "Endpoints"), over the hand-worked region
 * of support/hand-worked-access.ts with personal data configured. One row an endpoint; the
 * registrar asks last, so that its erasure comes after everyone else's refusal.
 *
 *   endpoint                         none  wrong  cw Willow  cw root  auditor  analyst  registrar
 *   GET /api/divisions               401   401    200        200      200      200      200
 *   GET /api/verify                  401   401    403        403      200      403      403
 *   GET /api/verify/notices          401   401    403        403      200      403      403
 *   GET /api/anchor                  401   401    403        403      200      403      403
 *   PUT, GET member personal data    401   401    403        403      403      403      200
 *   GET, DELETE household's          401   401    403        403      403      403      200
 *   GET /api/personal-data/access-log 401  401    403        403      200      403      403
 *   GET /api/session                 401   401    200        200      200      200      200
 *   GET /api/divisions: the whole tree to every role, not a subtree; every division ever recorded,
 *   with the replaced village named in `retired` (decision 182)
 *   /health, /api/openapi.json, /api/docs and its files, /dashboard/ and its files: 200 for all,
 *   a wrong token too; / redirects to /dashboard/.
 * Already pinned elsewhere, cell by cell: personal data refused to willow/analyst/auditor and
 * access-log to registrar/willow/analyst (personal-data.e2e.spec.ts), anchor (anchor.e2e.spec.ts),
 * verify/notices (verify-notices.e2e.spec.ts); here as the whole matrix, with the roles' bodies,
 * a caseworker at the root, an unknown token, and what a refusal leaves unchanged.
 */

const RECORD = { fullName: 'Wen Lihua', phone: '+86 139 0000 2222' };
const member = (query = '') => `/api/households/hh-willow/members/hh-willow-a/personal-data${query}`;

type Who = 'none' | 'wrong' | 'willow' | 'root' | 'auditor' | 'analyst' | 'registrar';
const WHO: readonly Who[] = ['none', 'wrong', 'willow', 'root', 'auditor', 'analyst', 'registrar'];
const TOKEN: Readonly<Record<Who, string | undefined>> = { none: undefined, wrong: T.wrong, willow: T.willow, root: T.root, auditor: T.auditor, analyst: T.analyst, registrar: T.registrar };
const only = (allowed: readonly Who[]): Record<Who, number> =>
  Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? 200 : w === 'none' || w === 'wrong' ? 401 : 403])) as Record<Who, number>;

// Four entries a row, always: a test function declaring more parameters than its row has would be handed jest's `done`.
const MATRIX: [string, string, Record<Who, number>, unknown][] = [
  ['GET', '/api/divisions', only(['willow', 'root', 'auditor', 'analyst', 'registrar']), undefined],
  ['GET', '/api/verify', only(['auditor']), undefined],
  ['GET', '/api/verify/notices?after=0&limit=10', only(['auditor']), undefined],
  ['GET', '/api/anchor', only(['auditor']), undefined],
  ['PUT', member(), only(['registrar']), RECORD],
  ['GET', member('?purpose=visit'), only(['registrar']), undefined],
  ['GET', '/api/households/hh-willow/personal-data?purpose=visit', only(['registrar']), undefined],
  ['DELETE', '/api/households/hh-stone/personal-data?purpose=moved%20away', only(['registrar']), undefined],
  ['GET', '/api/personal-data/access-log', only(['auditor']), undefined],
  ['GET', '/api/personal-data/access-log?householdId=hh-willow', only(['auditor']), undefined],
  ['GET', '/api/session', only(['willow', 'root', 'auditor', 'analyst', 'registrar']), undefined],
];
const PUBLIC = ['/health', '/api/openapi.json', '/api/docs', '/api/docs/swagger-initializer.js', '/dashboard/', '/dashboard/js/api.js', '/dashboard/styles.css'];

describe('every other endpoint over HTTP, role by role', () => {
  let region: Region;
  const setup = personalDataSetup();
  const ask = (who: Who, method: string, path: string, json?: unknown) => {
    const token = TOKEN[who];
    return region.server.request(method, path, { ...(token !== undefined ? { token } : {}), ...(json !== undefined ? { json } : {}) });
  };
  const accessLog = async () => (await ask('auditor', 'GET', '/api/personal-data/access-log')).body.entries as { actor: string; householdId: string }[];

  beforeAll(async () => {
    region = await startRegion({ personalData: setup.options });
    expect((await ask('registrar', 'PUT', member(), RECORD)).status).toBe(200);
    expect((await ask('registrar', 'PUT', '/api/households/hh-stone/members/hh-stone-a/personal-data', RECORD)).status).toBe(200);
  });
  afterAll(async () => {
    await region.server.close();
    setup.cleanup();
  });

  it.each(MATRIX)('%s %s answers each role as the table says; a refusal is 401 UNAUTHENTICATED or 403 FORBIDDEN and changes nothing', async (method, path, expected, json) => {
    const head = await region.head();
    const logged = (await accessLog()).length;
    const answers = {} as Record<Who, number>;
    for (const who of WHO) {
      const answer = await ask(who, method, path, json === undefined ? undefined : who === 'registrar' ? json : { fullName: 'Someone Else' });
      answers[who] = answer.status;
      if (answer.status >= 400) {
        expect({ who, code: answer.body.code }).toEqual({ who, code: answer.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
        expect(answer.text).not.toContain(RECORD.fullName);
      }
    }
    expect(answers).toEqual(expected);
    expect(await region.head()).toBe(head);
    // Only the registrar's own call (one, last) may add an entry to the personal-data access log.
    const entries = await accessLog();
    expect(entries.slice(logged).map((e) => e.actor)).toEqual(expected.registrar === 200 && path.includes('personal-data') && !path.includes('access-log') ? ['registrar-1'] : []);
  });

  it.each([
    ['willow', { role: 'caseworker', actor: 'cw-willow', division: WILLOW }],
    ['root', { role: 'caseworker', actor: 'cw-root', division: 'R' }],
    ['auditor', { role: 'auditor', actor: 'auditor-1' }],
    ['analyst', { role: 'analyst', actor: expect.stringMatching(/^token:[0-9a-f]{12}$/) }],
    ['registrar', { role: 'registrar', actor: 'registrar-1' }],
  ] as const)('the session of the %s token names its role, actor and (for a caseworker only) division', async (who, session) => {
    const answer = await ask(who, 'GET', '/api/session');
    expect(answer.body).toEqual(session);
    expect(answer.text).not.toContain(TOKEN[who]);
  });

  it.each(['willow', 'analyst', 'registrar'] as const)('the division tree given to the %s token is the whole tree in force, not a subtree', async (who) => {
    const tree = await ask(who, 'GET', '/api/divisions');
    const codes = (tree.body.divisions as { code: string }[]).map((d) => d.code);
    expect(tree.body.root).toBe('R');
    expect(codes).toEqual(expect.arrayContaining(['R', 'P01', 'P02', WILLOW, HILL, REED]));
  });

  // The audit found the answer was every division ever recorded where the document said the tree in force; the
  // dashboard names a past period's divisions from it, so decision 182 keeps them and says which are retired.
  it('the divisions are every one ever recorded, the village the reorganisation replaced named as retired', async () => {
    const body = (await ask('auditor', 'GET', '/api/divisions')).body as { divisions: { code: string; parentCode: string | null }[]; retired: string[] };
    expect(body.divisions.map((d) => d.code)).toEqual(expect.arrayContaining([LAKE, REED]));
    expect(body.divisions.find((d) => d.code === LAKE)?.parentCode).toBe('P02');
    expect(body.retired).toEqual([LAKE]);
  });

  it.each(PUBLIC)('%s needs no token, and a wrong one is no reason to refuse it', async (path) => {
    for (const who of ['none', 'wrong', 'analyst'] as const) expect({ who, status: (await ask(who, 'GET', path)).status }).toEqual({ who, status: 200 });
  });

  it('/ redirects to the dashboard without a token', async () => {
    const res = await fetch(`${region.server.url}/`, { redirect: 'manual' });
    expect([res.status >= 300 && res.status < 400, res.headers.get('location')]).toEqual([true, '/dashboard/']);
  });
});
