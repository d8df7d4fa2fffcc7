import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { Ledger } from '@hearth/ledger';
import { DirectReports, openProjections } from '@hearth/projections';
import { hearth, tempDir, writeLines } from './support/cli';
import { RaceWorker, seededRandom } from './support/race-workers';

const ROUNDS = 50;
const SEED = 20261130;

/** Every read-model table's rows in key order: equal dumps mean equal read models. */
const dumpReadModels = (db: Database.Database): string => {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'proj\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as unknown as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]));
};

const YEARS = [2016, 2017, 2018, 2019, 2020];
const MONTHS = YEARS.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));

/** The reports an auditor would compare: every year's clearance by child of the root, every month's table. */
const figures = (r: Pick<DirectReports, 'clearanceReport' | 'monthlyReport'>): unknown => ({
  clearance: YEARS.map((year) => r.clearanceReport({ year, byChild: true })),
  monthly: MONTHS.map((month) => r.monthlyReport({ month })),
});

/**
 * What the store file's read models hold once caught up, as a `report` would leave them,
 * next to a rebuild from zero into a scratch database and the direct fold of the log.
 */
const check = async (url: string): Promise<{ file: string; scratch: string; reports: unknown; direct: unknown }> => {
  const ledger = await Ledger.open({ storeUrl: url, policy: referencePolicy });
  try {
    const ctx = { policy: ledger.policy, divisions: ledger.divisions as NonNullable<Ledger['divisions']> };
    const onFile = openProjections(ledger.store, ctx);
    const scratchDb = new Database(':memory:');
    const scratch = openProjections(ledger.store, { ...ctx, db: scratchDb });
    try {
      await onFile.runner.catchUp();
      await scratch.runner.catchUp();
      const direct = await DirectReports.load(ledger.store, ctx);
      return {
        file: dumpReadModels((ledger.store as SqliteEventStore).db),
        scratch: dumpReadModels(scratchDb),
        reports: figures(onFile.reports),
        direct: figures(direct),
      };
    } finally {
      await onFile.close();
      await scratch.close();
      scratchDb.close();
    }
  } finally {
    await ledger.close();
  }
};

/**
 * Issue 10, item 1: `report`, `rebuild` and `import` (real CLI commands, each in its own
 * process) and the live projection runner of a service (another process) run against one
 * store file at seeded random offsets. After every round the read models, caught up, must
 * equal a rebuild from zero and the direct fold of the log, and no command may crash.
 */
describe('read models under concurrent report, rebuild, import and a live runner', () => {
  let dir: string;
  let cleanup: () => void;
  let url: string;
  let chunks: string[];
  const workers: RaceWorker[] = [];

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    url = `sqlite:${join(dir, 'hearth.db')}`;
    const log = join(dir, 'log.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '40', '--seed', '7', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    expect(hearth(['--store', url, 'divisions', 'load', divisions]).code).toBe(0);
    // The log in ROUNDS + 1 chunks, in order: the first is imported before the race, one more in every round.
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const size = Math.ceil(lines.length / (ROUNDS + 1));
    chunks = Array.from({ length: ROUNDS + 1 }, (_, i) => writeLines(join(dir, `chunk-${i}.jsonl`), lines.slice(i * size, (i + 1) * size)));
    expect([0, 3]).toContain(hearth(['--store', url, 'import', '--quiet', chunks[0] as string]).code);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    cleanup();
  });

  it(`ends every one of ${ROUNDS} rounds with read models equal to a rebuild and to the direct fold`, async () => {
    const reporter = new RaceWorker('report', url);
    const rebuilder = new RaceWorker('rebuild', url);
    const importer = new RaceWorker('import', url);
    const live = new RaceWorker('live', url);
    workers.push(reporter, rebuilder, importer, live);
    expect(await live.request('follow')).toBe(0);

    const random = seededRandom(SEED);
    const after = <T>(ms: number, f: () => Promise<T>): Promise<T> => new Promise((resolve, reject) => setTimeout(() => f().then(resolve, reject), ms));
    const failures: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const [tReport, tRebuild, tImport] = [random() * 250, random() * 250, random() * 250];
      const codes = await Promise.all([
        after(tReport, () => reporter.request('cli --json report clearance --year 2018')),
        after(tRebuild, () => rebuilder.request('cli rebuild')),
        after(tImport, () => importer.request(`cli import --quiet ${chunks[round] as string}`)),
      ]);
      expect(await live.request('sync')).toBe(0);
      const where = `round ${round} (seed ${SEED}; report at ${tReport.toFixed(0)} ms, rebuild at ${tRebuild.toFixed(0)} ms, import at ${tImport.toFixed(0)} ms)`;
      if (codes[0] !== 0 || codes[1] !== 0 || ![0, 3].includes(codes[2] as number)) failures.push(`${where}: exit codes report ${codes[0]}, rebuild ${codes[1]}, import ${codes[2]}`);
      const seen = await check(url);
      if (seen.file !== seen.scratch) failures.push(`${where}: the read models differ from a rebuild from zero`);
      if (JSON.stringify(seen.reports) !== JSON.stringify(seen.direct)) failures.push(`${where}: the reports differ from the direct fold of the log`);
      if (failures.length > 0) break;
    }
    const stderr = workers.map((w) => w.stderr).join('\n');
    expect({ failures, crashes: stderr.split('\n').filter((l) => /unexpected error|failed|SqliteError/.test(l)) }).toEqual({ failures: [], crashes: [] });
  }, 600_000);
});
