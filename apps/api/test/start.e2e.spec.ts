import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NO_LISTENER_PORT } from '@hearth/event-store-esdb/testing';
import { PersonalDataStore } from '@hearth/personal-data';
import { hearth } from './support/cli';
import { killLeftRunning, launch, listening, STARTUP_MS, type Started } from './support/start-process';

/** The demo tokens as printed: "  <role> [division]  <64 hex>". */
const printedTokens = (out: string): Record<string, string> =>
  Object.fromEntries([...out.matchAll(/^ {2}(caseworker|auditor|analyst)\b.*?\s([0-9a-f]{64})$/gm)].map((m) => [m[1] as string, m[2] as string]));

const getJson = async (url: string, token?: string): Promise<{ status: number; body: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of several shapes
  const r = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: r.status, body: await r.json() };
};

/**
 * `npm start` end to end: the real executable (apps/api/bin/hearth-api.js, what the root
 * `start` script runs) on a temporary SQLite store, a real listening server, a signal.
 */
describe('npm start (apps/api/bin/hearth-api.js)', () => {
  let dir: string;
  const running: Started[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-start-'));
  });
  afterEach(async () => {
    await killLeftRunning(running);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'generates a demo region into an empty store, serves it with printed demo tokens, stops on SIGTERM, and reuses the store on a second start',
    async () => {
      const env = { HEARTH_STORE: `sqlite:${join(dir, 'data', 'hearth.db')}`, PORT: '0' };

      const first = launch(['--households', '40', '--seed', '7'], env, dir);
      running.push(first);
      const url = await listening(first);
      expect(first.err()).toMatch(/Empty store: generating a demo region of 40 households/);
      expect(first.err()).toMatch(/households +\[#+\] 100% 40\/40/);
      const tokens = printedTokens(first.out());
      expect(Object.keys(tokens).sort()).toEqual(['analyst', 'auditor', 'caseworker']);

      // The token file the service wrote: beside the store, readable by its owner only, the printed tokens.
      const tokenFile = join(dir, 'data', 'demo-tokens.json');
      expect(first.out()).toContain(tokenFile);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string; role: string; division?: string }[];
      expect(Object.fromEntries(stored.map((t) => [t.role, t.token]))).toEqual(tokens);
      expect(stored.find((t) => t.role === 'caseworker')?.division).toBe('P01');
      expect(existsSync(join(dir, 'data', 'hearth.db.partial'))).toBe(false);

      const health = await getJson(`${url}/health`);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ store: 'ok', behind: 0 });
      expect(health.body.head).toBeGreaterThan(40 * 20); // ~35 events a household

      const dashboard = await fetch(`${url}/dashboard/`);
      expect(dashboard.status).toBe(200);
      expect(dashboard.headers.get('content-type')).toMatch(/^text\/html/);
      expect(first.out()).toContain(`${url}/dashboard/`);
      expect(first.out()).toContain(`Dashboard on the demo's last year: ${url}/dashboard/#/clearance?year=2020`);
      expect((await getJson(`${url}/api/reports/clearance?year=2020`, tokens['auditor'])).body.baselineCleared).toBeGreaterThan(0);

      const report = await getJson(`${url}/api/reports/clearance?year=2017`, tokens['auditor']);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ division: 'R', year: 2017 });
      expect(report.body.baseline).toBeGreaterThan(0);
      expect((await getJson(`${url}/api/reports/clearance?year=2017`)).status).toBe(401);

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.err()).toMatch(/SIGTERM: stopping/);

      const second = launch(['--households', '40', '--seed', '7'], env, dir);
      running.push(second);
      const url2 = await listening(second);
      expect(second.err()).toMatch(/already holds events; no demo region generated/);
      expect(second.err()).not.toMatch(/generating a demo region/);
      expect(printedTokens(second.out())).toEqual(tokens);
      const health2 = await getJson(`${url2}/health`);
      expect(health2.body.head).toBe(health.body.head); // nothing generated or appended the second time
      const report2 = await getJson(`${url2}/api/reports/clearance?year=2017`, tokens['auditor']);
      expect(report2.body).toEqual(report.body);

      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    },
    4 * STARTUP_MS,
  );

  it(
    'decides and reports under the programme policy it is given (--policy FILE), as `hearth --policy FILE` does; a bad file is exit 2',
    async () => {
      // Half of the baseline to clear in 2016 where the reference policy asks a quarter, and an analyst's threshold of 3.
      const policyFile = join(dir, 'policy.json');
      writeFileSync(policyFile, JSON.stringify({ baselineCutoff: '2016-07-31', targetShares: { 2016: 0.5, 2017: 0.5 }, suppressBelow: 3 }));
      const store = `sqlite:${join(dir, 'hearth.db')}`;
      const s = launch(['--households', '40', '--seed', '7', '--policy', policyFile], { HEARTH_STORE: store, PORT: '0' }, dir);
      running.push(s);
      const url = await listening(s);
      expect(s.err()).toContain(`Deciding commands and computing reports under the policy in ${policyFile}.`);
      const auditor = printedTokens(s.out())['auditor'];
      const served = await getJson(`${url}/api/reports/clearance?year=2016&byChild=true`, auditor);
      expect(served.status).toBe(200);
      expect(served.body.rows.map((r: { cumulativeShare: number }) => r.cumulativeShare)).toEqual(served.body.rows.map(() => 0.5));
      for (const r of served.body.rows as { baseline: number; target: number }[]) expect(r.target).toBe(Math.ceil(r.baseline * 0.5));
      const withPolicy = hearth(store, ['--policy', policyFile, '--json', 'report', 'clearance', '--year', '2016', '--by-child']);
      expect(JSON.parse(withPolicy.stdout)).toEqual(served.body);
      const reference = hearth(store, ['--json', 'report', 'clearance', '--year', '2016', '--by-child']);
      expect(JSON.parse(reference.stdout)).not.toEqual(served.body);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);

      writeFileSync(policyFile, JSON.stringify({ targetShares: { 2016: 0.5 } }));
      const refused = launch(['--policy', policyFile], { HEARTH_STORE: store, PORT: '0' }, dir);
      running.push(refused);
      expect(await refused.exited).toBe(2);
      expect(refused.err()).toMatch(/^hearth: policy file .* is invalid: baselineCutoff: required field is missing/);
    },
    2 * STARTUP_MS,
  );

  it(
    'with a real token file (HEARTH_TOKENS) an empty store starts empty: no demo data in a deployment',
    async () => {
      const token = 'a'.repeat(40);
      const tokensFile = join(dir, 'tokens.json');
      const analyst = 'b'.repeat(40);
      writeFileSync(tokensFile, JSON.stringify([{ token, role: 'auditor', name: 'office-auditor' }, { token: analyst, role: 'analyst', name: 'office-analyst' }]));
      const s = launch(['--households', '5'], { HEARTH_STORE: `sqlite:${join(dir, 'hearth.db')}`, PORT: '0', HEARTH_TOKENS: tokensFile }, dir);
      running.push(s);
      const url = await listening(s);
      expect(s.err()).toMatch(/is empty and stays so \(HEARTH_TOKENS is set/);
      expect(s.err()).not.toMatch(/generating a demo region/);
      expect(s.out()).toMatch(/Tokens: 2 from /);
      expect(existsSync(join(dir, 'demo-tokens.json'))).toBe(false);
      expect((await getJson(`${url}/health`)).body).toMatchObject({ store: 'ok', head: 0 });
      expect(await getJson(`${url}/api/divisions`, token)).toMatchObject({ status: 404, body: { code: 'NO_DIVISION_TREE' } });
      // An analyst's backlog is counts cut along the tree: with no tree there is nothing to cut, and no list instead.
      expect(await getJson(`${url}/api/reports/backlog?asOf=2016-04-30`, analyst)).toMatchObject({ status: 404, body: { code: 'NO_DIVISION_TREE' } });
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    },
    STARTUP_MS,
  );

  it(
    'refuses to listen beyond loopback without HEARTH_TOKENS, before touching the store',
    async () => {
      const s = launch(['--households', '5'], { HEARTH_STORE: `sqlite:${join(dir, 'hearth.db')}`, PORT: '0', HOST: '0.0.0.0' }, dir);
      running.push(s);
      expect(await s.exited).toBe(2);
      expect(s.err()).toMatch(/refusing to listen on 0\.0\.0\.0 without tokens: set HEARTH_TOKENS/);
      expect(existsSync(join(dir, 'hearth.db'))).toBe(false);
      expect(existsSync(join(dir, 'demo-tokens.json'))).toBe(false);
    },
    STARTUP_MS,
  );

  it(
    'a port already in use is a usage error, found before any demo data is generated',
    async () => {
      const taken = createServer();
      await new Promise<void>((res) => taken.listen(0, '127.0.0.1', () => res()));
      try {
        const port = (taken.address() as AddressInfo).port;
        const s = launch(['--households', '5'], { HEARTH_STORE: `sqlite:${join(dir, 'hearth.db')}`, PORT: String(port) }, dir);
        running.push(s);
        expect(await s.exited).toBe(2);
        expect(s.err()).toContain(`port ${port} on 127.0.0.1 is in use`);
        expect(s.err()).not.toMatch(/generating a demo region/);
        expect(existsSync(join(dir, 'hearth.db'))).toBe(false);
      } finally {
        await new Promise((res) => taken.close(res));
      }
    },
    STARTUP_MS,
  );

  it(
    "a KurrentDB store out of reach is the machine's failure, exit 6, saying why in one line",
    async () => {
      const port = NO_LISTENER_PORT;
      const s = launch([], { HEARTH_STORE: `kurrentdb://127.0.0.1:${port}?tls=false&defaultDeadline=1000`, PORT: '0' }, dir);
      running.push(s);
      expect(await s.exited).toBe(6);
      expect(s.err()).toBe(`hearth: the store's server cannot be reached: nothing listens on 127.0.0.1:${port} (connection refused): check that it is running and that this machine can reach it, then start again\n`);
    },
    STARTUP_MS,
  );

  it(
    'a store file that is no store is a usage error, exit 2, naming the setting to check',
    async () => {
      const file = join(dir, 'notes.db');
      writeFileSync(file, 'not a database, only some notes\n');
      const s = launch([], { HEARTH_STORE: `sqlite:${file}`, PORT: '0' }, dir);
      running.push(s);
      expect(await s.exited).toBe(2);
      expect(s.err()).toBe('hearth: the store is not a Hearth SQLite database, or is damaged: check the HEARTH_STORE path\n');
      expect(readFileSync(file, 'utf8')).toBe('not a database, only some notes\n');
    },
    STARTUP_MS,
  );

  it(
    'a master key that does not open the personal-data file stops the start: exit 2 in one line, the file untouched (docs/personal-data.md)',
    async () => {
      const file = join(dir, 'personal-data.db');
      const written = PersonalDataStore.open(file, Buffer.alloc(32, 0x11));
      written.close();
      const before = readFileSync(file);
      const s = launch(['--households', '5'], { HEARTH_STORE: `sqlite:${join(dir, 'hearth.db')}`, PORT: '0', HEARTH_PERSONAL_DATA: `sqlite:${file}`, HEARTH_MASTER_KEY: '22'.repeat(32), HEARTH_MASTER_KEY_FILE: '' }, dir);
      running.push(s);
      expect(await s.exited).toBe(2);
      expect(s.err().trim().split('\n').filter((l) => l.startsWith('hearth:'))).toEqual([expect.stringMatching(/^hearth: .*WRONG_MASTER_KEY.*HEARTH_MASTER_KEY/)]);
      expect(s.err()).not.toMatch(/\n\s+at /);
      expect(readFileSync(file).equals(before)).toBe(true);
    },
    STARTUP_MS,
  );

  it(
    'says how it is configured with --help, and rejects a bad argument with exit 2',
    async () => {
      const help = launch(['--help'], {}, dir);
      running.push(help);
      expect(await help.exited).toBe(0);
      for (const word of ['--households', 'PORT', 'HOST', 'HEARTH_STORE', 'HEARTH_TOKENS']) expect(help.out()).toContain(word);

      const bad = launch(['--households', 'many'], {}, dir);
      running.push(bad);
      expect(await bad.exited).toBe(2);
      expect(bad.err()).toMatch(/--households must be a whole number/);
    },
    STARTUP_MS,
  );

  it(
    'starts over a store holding a damaged event, so that an auditor can verify through it: verify names the event, reports answer 500 DAMAGED_LOG (decision 13)',
    async () => {
      const file = join(dir, 'data', 'hearth.db');
      const store = `sqlite:${file}`;
      const examples = join(__dirname, '..', '..', 'cli', 'examples');
      expect(hearth(store, ['divisions', 'load', join(examples, 'divisions.json')]).code).toBe(0);
      expect(hearth(store, ['import', '--quiet', join(examples, 'commands.jsonl')]).code).toBe(3);
      const db = new Database(file);
      const damaged = db.prepare("SELECT position FROM events WHERE stream_id = 'household-hh-002' ORDER BY version LIMIT 1 OFFSET 1").pluck().get() as number;
      db.prepare("UPDATE events SET data = '{not json' WHERE position = ?").run(damaged);
      db.close();

      const s = launch([], { HEARTH_STORE: store, PORT: '0' }, dir);
      running.push(s);
      const url = await listening(s);
      const tokens = printedTokens(s.out());
      const verify = await getJson(`${url}/api/verify`, tokens['auditor']);
      expect(verify.status).toBe(200);
      expect(verify.body.anomalies).toEqual([expect.objectContaining({ householdId: 'hh-002', position: damaged, kind: 'unreadable-event' })]);
      const report = await getJson(`${url}/api/reports/clearance?year=2016`, tokens['auditor']);
      expect(report.status).toBe(500);
      expect(report.body).toMatchObject({ code: 'DAMAGED_LOG' });
      expect(report.body.message).toContain(`position ${damaged}`);
      const health = await getJson(`${url}/health`);
      expect(health.status).toBe(500);
      expect(health.body).toMatchObject({ code: 'DAMAGED_LOG' });
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    },
    STARTUP_MS,
  );
});
