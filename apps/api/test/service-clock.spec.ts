import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { journey } from './support/journey';
import { EXAMPLES, Server, startServer } from './support/server';
import { TOKEN_ENTRIES, TOKENS, WILLOW } from './support/tokens';

/**
 * The service's clock (ApiOptions.now) is the only "today" it has: a request carries no zone.
 * In this process through the injected clock; then the real service in a process of its own
 * with TZ set and its clock stopped (@hearth/ledger's testing/stopped-clock.js), to show the zone moves nothing.
 */
/** 18:00 UTC on 28 February 2017: 02:00 on 1 March in Shanghai. */
const SHANGHAI_SMALL_HOURS = '2017-02-28T18:00:00.000Z';
/** 02:00 UTC on 1 March 2017: 21:00 on 28 February in New York. */
const NEW_YORK_EVENING = '2017-03-01T02:00:00.000Z';

describe("the service's clock and the day it names", () => {
  let server: Server;
  let clock = SHANGHAI_SMALL_HOURS;
  const post = (json: unknown) => server.request('POST', '/api/commands', { token: TOKENS.willow, json });
  const get = (path: string) => server.request('GET', path, { token: TOKENS.auditor });

  beforeAll(async () => {
    server = await startServer({ now: () => clock });
    for (const command of journey('hh-clock', WILLOW)) expect((await post(command)).status).toBe(201);
  });
  afterAll(() => server.close());

  it('answers the backlog without asOf as of the UTC date of its clock', async () => {
    // Decision 0138 leaves the service on UTC's date (a server cannot know its caller's zone),
    // where `hearth report backlog` in Shanghai at this instant is as of 2017-03-01 (cli-time-zone.spec.ts).
    clock = SHANGHAI_SMALL_HOURS;
    const shanghai = await get('/api/reports/backlog');
    expect(shanghai.status).toBe(200);
    expect(shanghai.body.asOf).toBe('2017-02-28');
    expect(shanghai.body).toEqual((await get('/api/reports/backlog?asOf=2017-02-28')).body);
    clock = NEW_YORK_EVENING;
    expect((await get('/api/reports/backlog')).body.asOf).toBe('2017-03-01');
  });

  it('records a command dated the caller\'s today east of UTC, and refuses one two days after the UTC date naming `on`', async () => {
    clock = SHANGHAI_SMALL_HOURS;
    const register = (householdId: string, on: string) => ({ type: 'RegisterHousehold', householdId, on, divisionCode: WILLOW, members: [{ memberId: `${householdId}-a`, birthYear: 1980 }] });
    expect((await post(register('hh-march', '2017-03-01'))).status).toBe(201);
    const refused = await post(register('hh-too-soon', '2017-03-02'));
    expect({ status: refused.status, code: refused.body.code, field: refused.body.field }).toEqual({ status: 400, code: 'INVALID_COMMAND', field: 'on' });
    expect((await get('/api/households/hh-too-soon')).status).toBe(404);
  });

  it('writes the recording time in UTC, and reads knownAt as a UTC day or a time with its zone', async () => {
    clock = SHANGHAI_SMALL_HOURS;
    const history = await get('/api/households/hh-march');
    expect(history.body.events.map((e: { recordedAt: string }) => e.recordedAt)).toEqual([SHANGHAI_SMALL_HOURS]);
    // 2017-02-28 is the end of that day in UTC (decision 0154), after 18:00 UTC: the registration is known.
    expect((await get('/api/households/hh-march?knownAt=2017-02-28')).body.status).toBe('registered');
    // The end of 28 February in Shanghai is 15:59:59 UTC, before it was recorded.
    const shanghaiEnd = await get('/api/households/hh-march?knownAt=2017-02-28T23:59:59%2B08:00');
    expect(shanghaiEnd.body).toMatchObject({ knownAt: '2017-02-28T15:59:59.000Z', status: 'unregistered', events: [] });
  });
});

const REPO = resolve(__dirname, '../../..');
const STOPPED_CLOCK = join(__dirname, '../../../packages/ledger/src/testing/stopped-clock.js');

/** The real app (support/service-process.ts) in a process with TZ `timeZone`, its clock stopped `at`. */
const serviceIn = (timeZone: string, at: string, store: string, tokensFile: string, tsconfig: string): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', STOPPED_CLOCK, '--require', 'tsx/cjs', join(__dirname, 'support/service-process.ts'), store, tokensFile], {
      cwd: __dirname, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: timeZone, STOPPED_CLOCK_AT: at, TSX_TSCONFIG_PATH: tsconfig },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => fail(new Error(`the service exited (${code}) before it listened:\n${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => done({ url: (JSON.parse(line) as { url: string }).url, child }));
  });

describe('the service in a process whose TZ is not UTC', () => {
  let dir: string;
  let store: string;
  let tokensFile: string;
  let tsconfig: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-service-clock-'));
    store = `sqlite:${join(dir, 'hearth.db')}`;
    const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    expect((await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01'))._tag).toBe('Right');
    await ledger.close();
    tokensFile = join(dir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(TOKEN_ENTRIES));
    // tsx compiles every source with decorators on (the packages' own tsconfigs do it only for their files), as crash.e2e.spec.ts does.
    tsconfig = join(dir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true }, include: [`${REPO}/apps/**/*.ts`, `${REPO}/packages/**/*.ts`] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['Asia/Shanghai', SHANGHAI_SMALL_HOURS, '2017-02-28'],
    ['America/New_York', NEW_YORK_EVENING, '2017-03-01'],
  ])('in %s at %s, the backlog without asOf is as of %s, the UTC date, and a command is recorded at that UTC instant', async (timeZone, at, utcDate) => {
    const service = await serviceIn(timeZone, at, store, tokensFile, tsconfig);
    try {
      const request = (path: string, init: RequestInit = {}) => fetch(`${service.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json' } });
      expect(((await (await request('/api/reports/backlog')).json()) as { asOf: string }).asOf).toBe(utcDate);
      const householdId = `hh-${timeZone.replace('/', '-')}`;
      const register = { type: 'RegisterHousehold', householdId, on: utcDate, divisionCode: WILLOW, members: [{ memberId: `${householdId}-a`, birthYear: 1980 }] };
      expect((await request('/api/commands', { method: 'POST', body: JSON.stringify(register) })).status).toBe(201);
      const history = (await (await request(`/api/households/${householdId}`)).json()) as { events: { recordedAt: string }[] };
      expect(history.events.map((e) => e.recordedAt)).toEqual([at]);
    } finally {
      service.child.removeAllListeners('exit');
      service.child.kill('SIGTERM');
      await new Promise((r) => service.child.once('exit', r));
    }
  });
});
