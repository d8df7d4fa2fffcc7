import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { hearth } from './support/cli';
import { journey } from './support/journey';
import { EXAMPLES } from './support/server';
import { TOKEN_ENTRIES, TOKENS, WILLOW } from './support/tokens';

const KILLS = 10;
const WRITERS = 6;
/** 201s each service instance answers before its random moment of death is drawn. */
const ANSWERS_BEFORE_KILL = 5;

/** A small seeded generator (mulberry32): the kill moments are random but reproducible from the printed seed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Service {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const REPO = resolve(__dirname, '../../..');

/**
 * The real app in a child process on the store file (support/service-process.ts), run by
 * tsx with a tsconfig that enables decorators for every source file of the repository
 * (the packages' own tsconfigs enable them only for their own files).
 */
const startService = (store: string, tokensFile: string, tsconfig: string): Promise<Service> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'support/service-process.ts'), store, tokensFile], {
      cwd: __dirname, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child, exited }));
    void exited.then(({ code }) => reject(new Error(`the service exited (${code}) before it listened:\n${stderr}`)));
  });

interface Appended {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
}

describe('crash under load: kill -9 the service while HTTP writers write', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${KILLS} kills at random moments: every 201 is in the log, verify passes, the read models equal a rebuild`, async () => {
    const store = `sqlite:${join(dir, 'hearth.db')}`;
    const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    expect((await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01'))._tag).toBe('Right');
    await ledger.close();
    const tokensFile = join(dir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(TOKEN_ENTRIES));
    const tsconfig = join(dir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true }, include: [`${REPO}/apps/**/*.ts`, `${REPO}/packages/**/*.ts`] }));
    const seed = Number(process.env['HEARTH_CRASH_SEED'] ?? Date.now() % 1_000_000);
    const next = random(seed);

    let service = await startService(store, tokensFile, tsconfig);
    let restarted: Promise<void> = Promise.resolve();
    let stop = false;
    const answered: Appended[] = [];
    const statuses = new Map<string, number>();
    let sinceStart = 0;

    /** One writer: households one after another, each command sent until the service answers it (a lost answer is sent again). */
    const writer = async (w: number): Promise<void> => {
      for (let h = 0; !stop; h++) {
        for (const command of journey(`hh-w${w}-${h}`, WILLOW)) {
          for (;;) {
            if (stop) return;
            let status: number;
            let body: { code?: string; appended?: Appended[] };
            try {
              const res = await fetch(`${service.url}/api/commands`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json' }, body: JSON.stringify(command) });
              status = res.status;
              body = (await res.json()) as typeof body;
            } catch {
              // The service died under this request: wait for the next one and send the command again.
              statuses.set('network error', (statuses.get('network error') ?? 0) + 1);
              await restarted;
              await sleep(20);
              continue;
            }
            const key = `${status}${body.code ? ` ${body.code}` : ''}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            expect(status).not.toBe(500);
            if (status === 201) {
              answered.push(...(body.appended ?? []));
              sinceStart += 1;
            }
            // 409/503: nothing was written, send it again; 422: it was applied before the answer was lost (or cannot apply): go on.
            if (status !== 409 && status !== 503) break;
          }
        }
      }
    };

    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    let kills = 0;
    try {
      for (; kills < KILLS; kills++) {
        while (sinceStart < ANSWERS_BEFORE_KILL) await sleep(10);
        await sleep(Math.floor(next() * 400));
        let resume: () => void = () => undefined;
        restarted = new Promise((r) => (resume = r));
        service.child.kill('SIGKILL');
        expect((await service.exited).signal).toBe('SIGKILL');
        sinceStart = 0;
        service = await startService(store, tokensFile, tsconfig);
        resume();
      }
      while (sinceStart < ANSWERS_BEFORE_KILL) await sleep(10);
    } finally {
      stop = true;
      await Promise.all(writers);
      service.child.kill('SIGTERM');
      await service.exited;
    }

    // Every event a 201 named is in the log, at the position and with the type it was answered with.
    const db = new Database(join(dir, 'hearth.db'), { readonly: true });
    const logged = new Map((db.prepare("SELECT event_id, position, type FROM events WHERE stream_id LIKE 'household-%'").all() as { event_id: string; position: number; type: string }[]).map((r) => [r.event_id, r]));
    db.close();
    const missing = answered.filter((a) => logged.get(a.eventId)?.position !== a.position || logged.get(a.eventId)?.type !== a.type);
    expect(missing).toEqual([]);
    // What the log holds beyond the answers: commands whose answer died with the service (at most one per writer per kill).
    const unanswered = logged.size - answered.length;
    expect(unanswered).toBeGreaterThanOrEqual(0);
    expect(unanswered).toBeLessThanOrEqual(WRITERS * KILLS);

    const verify = hearth(store, ['--json', 'verify']);
    expect(verify.code).toBe(0);
    const readModels = hearth(store, ['--json', 'verify', '--read-models']);
    expect(readModels.code).toBe(0);
    expect(JSON.parse(readModels.stdout)).toMatchObject({ differenceCount: 0 });

    const count = [...statuses].map(([k, n]) => `${k}: ${n}`).join(', ');
    process.stdout.write(`crash under load (seed ${seed}): ${kills} kills -9 of the service, ${WRITERS} writers; answers ${count}; ${answered.length} events answered 201, all in the log (${logged.size} household events, ${unanswered} whose answer was lost); verify exit ${verify.code}; verify --read-models exit ${readModels.code}\n`);
    // Ten restarts of the real service plus two verifies: a hang guard, not a speed limit, on a loaded 2-core machine.
  }, 400_000);
});
