import { join } from 'node:path';
import Database from 'better-sqlite3';
import { editHouseholdRecord } from '@hearth/projections/testing';
import { hearth, hearthAsync, tempDir } from './support/cli';

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const finished = (child: ReturnType<typeof hearthAsync>): Promise<Finished> =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** Issue 10, item 3 and `verify --read-models`, through the real executable on one SQLite file. */
describe('hearth commands side by side on one store', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  let file: string;
  const at = (...args: string[]) => ['--store', store, ...args];

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'hearth.db');
    store = `sqlite:${file}`;
    const log = join(dir, 'log.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect(hearth(['generate', '--households', '30', '--seed', '5', '--out', log, '--divisions-out', divisions]).code).toBe(0);
    expect(hearth(at('divisions', 'load', divisions)).code).toBe(0);
    expect([0, 3]).toContain(hearth(at('import', '--quiet', log)).code);
  }, 120_000);
  afterAll(() => cleanup());

  const noCrash = (runs: readonly Finished[]): void => {
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/unexpected error|SqliteError|database is locked|\n\s+at /);
      expect(r.code).toBe(0);
    }
  };

  it('three reports at once, on read models never caught up, all answer the same figures', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => finished(hearthAsync(at('--json', 'report', 'clearance', '--year', '2018')))));
    noCrash(runs);
    const baselines = runs.map((r) => JSON.parse(r.stdout).baseline as number);
    expect(new Set(baselines).size).toBe(1);
    expect(baselines[0]).toBeGreaterThan(0);
  }, 120_000);

  it('a report beside a rebuild neither crashes nor answers from half-rebuilt tables', async () => {
    const expected = JSON.parse(hearth(at('--json', 'report', 'clearance', '--year', '2018')).stdout);
    for (let round = 0; round < 3; round++) {
      const rebuild = finished(hearthAsync(at('rebuild')));
      const report = finished(hearthAsync(at('--json', 'report', 'clearance', '--year', '2018')));
      const runs = await Promise.all([report, rebuild]);
      noCrash(runs);
      expect(JSON.parse(runs[0].stdout)).toEqual(expected);
    }
  }, 180_000);

  it('a store locked by another process past every wait ends in one line and exit 6, not a stack trace', async () => {
    const holder = new Database(file);
    holder.pragma('busy_timeout = 5000');
    holder.exec('BEGIN IMMEDIATE');
    try {
      const run = await finished(hearthAsync(at('report', 'clearance', '--year', '2018')));
      expect(run.code).toBe(6);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^hearth: .*the store is locked by another process.*again/)]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 120_000);

  it('verify --read-models exits 0 on healthy read models and 5, naming the row and the figures, after a row is edited behind their back', () => {
    const healthy = hearth(at('--json', 'verify', '--read-models'));
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ differenceCount: 0, differences: [] });

    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    const first = db.prepare<[], { household_id: string; position: number }>("SELECT household_id, position FROM proj_status_changes WHERE event_type = 'HouseholdIdentified' ORDER BY position LIMIT 1").get();
    if (first === undefined) throw new Error('no household identified in the generated region');
    const edited = db.prepare("UPDATE proj_status_changes SET occurred_on = '2016-01-01' WHERE household_id = ? AND position = ?").run(first.household_id, first.position);
    expect(edited.changes).toBe(1);
    // The same date in the household's record, which the backlog reads (decision 110).
    editHouseholdRecord(db, first.household_id, (p) => ({
      ...p,
      t: { ...p.t, statuses: p.t.statuses.map((s): typeof s => (s[0] === first.position ? [s[0], '2016-01-01', s[2], s[3], s[4]] : s)) },
    }));
    db.close();

    const damaged = hearth(at('verify', '--read-models'));
    expect(damaged.code).toBe(5);
    expect(damaged.stdout).toMatch(/[1-9]\d* differences/);
    expect(damaged.stdout).toContain('proj_status_changes');
    expect(damaged.stdout).toContain('in the table, not in a rebuild from the log');
    expect(damaged.stdout).toContain('agg_household_progress');
    // The backlog reads the household records; the monthly and clearance figures read the division counters (ADR 0061), which the edits did not touch.
    expect(damaged.stdout).toMatch(/report\W+backlog \S+ \d{4}-\d{2}-\d{2}/);

    expect(hearth(at('rebuild')).code).toBe(0);
    expect(hearth(at('verify', '--read-models')).code).toBe(0);
  }, 300_000);

  it('verify --read-models --division compares the reports of that division alone (decision 125); a bad --division changes nothing', () => {
    // The whole check first: it catches the read models up, so the counters name a village with data.
    const whole = JSON.parse(hearth(at('--json', 'verify', '--read-models')).stdout);
    const db = new Database(file, { readonly: true });
    const village = db.prepare<[], string>('SELECT village FROM agg_village_series ORDER BY village LIMIT 1').pluck().get();
    db.close();
    if (village === undefined) throw new Error('no village with counters in the generated region');
    const one = hearth(at('--json', 'verify', '--read-models', '--division', village));
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ division: village, divisions: 1, rows: whole.rows, differenceCount: 0 });
    expect(JSON.parse(one.stdout).reportsCompared).toBeLessThan(whole.reportsCompared);
    const text = hearth(at('verify', '--read-models', '--division', village));
    expect(text.stdout).toContain(`(the reports of ${village} and below)`);

    const alone = hearth(at('verify', '--division', village));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--division needs --read-models');
    const unknown = hearth(at('verify', '--read-models', '--division', 'NO-SUCH-DIVISION'));
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('NO-SUCH-DIVISION');
  }, 300_000);
});
