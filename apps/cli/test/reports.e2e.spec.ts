import Database from 'better-sqlite3';
import { join } from 'node:path';
import { generatedStore, hearth, onStore, tempDir } from './support/cli';

/** A generated region through the real executable and the real SQLite file. */
describe('hearth generate → import → report / verify / rebuild', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  const { run, json } = onStore(() => store);

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    store = generatedStore(dir);
  }, 120_000);
  afterAll(() => cleanup());

  it('the same seed gives the same bytes', () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    hearth(['generate', '--households', '50', '--seed', '3', '--out', a, '--divisions-out', join(dir, 'ad.json')]);
    hearth(['generate', '--households', '50', '--seed', '3', '--out', b, '--divisions-out', join(dir, 'bd.json')]);
    const { readFileSync } = jest.requireActual('node:fs') as typeof import('node:fs');
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('reports the annual clearance with the figures of domain.md §5, rolling up the children', () => {
    const root = json('report', 'clearance', '--year', '2017');
    const byChild = json('report', 'clearance', '--year', '2017', '--by-child');
    expect(root.year).toBe(2017);
    expect(byChild.rows.length).toBeGreaterThan(1);
    for (const key of ['baseline', 'baselineCleared', 'underReview', 'identifiedInYear', 'clearedInYear', 'relapsedInYear', 'stockAtEnd', 'withdrawnInYear', 'exemptedInYear', 'deregisteredInYear'])
      expect(byChild.rows.reduce((s: number, r: Record<string, number>) => s + r[key]!, 0)).toBe(root[key]);
    expect(root.target).toBe(Math.ceil((root.baseline * 55) / 100 - 1e-9));
  });

  it('keeps the monthly identity', () => {
    for (const month of ['2016-05', '2017-01', '2018-11']) {
      const m = json('report', 'monthly', '--month', month);
      expect(m.stockAtEnd).toBe(m.stockAtStart + m.identified + m.relapsed - m.cleared - m.withdrawn - m.exempted - m.deregistered);
    }
  });

  it('--suppress hides every count from 1 to 4, so that no village figure points at a family', () => {
    const county = json('report', 'clearance', '--year', '2017', '--by-child').rows[0].division;
    const open = json('report', 'clearance', '--year', '2017', '--division', county, '--by-child');
    const shut = json('report', 'clearance', '--year', '2017', '--division', county, '--by-child', '--suppress');
    const small = (v: unknown) => typeof v === 'number' && v >= 1 && v <= 4;
    // A target is computed from the baseline, not counted: hidden only with it (decision 176).
    const countsOf = (row: Record<string, unknown>) => Object.entries(row).filter(([k]) => !['year', 'cumulativeShare', 'achievement', 'target'].includes(k));
    expect(open.rows.some((r: Record<string, unknown>) => countsOf(r).some(([, v]) => small(v)))).toBe(true);
    for (const row of shut.rows) {
      expect(countsOf(row).filter(([, v]) => small(v))).toEqual([]);
      const hidden = countsOf(open.rows.find((r: { division: string }) => r.division === row.division)).filter(([, v]) => small(v)).map(([k]) => k);
      expect(row.suppressed).toEqual(expect.arrayContaining(hidden)); // and figures derived from them, such as achievement
    }
  });

  it('--suppress leaves no figure of a parent and its children with exactly one hidden cell (docs/disclosure-control.md)', () => {
    const prefecture = json('report', 'monthly', '--month', '2017-03', '--by-child').rows[0].division;
    const parent = json('report', 'monthly', '--month', '2017-03', '--division', prefecture, '--suppress');
    const children = json('report', 'monthly', '--month', '2017-03', '--division', prefecture, '--by-child', '--suppress').rows as Record<string, number | null>[];
    const figures = ['stockAtStart', 'identified', 'cleared', 'relapsed', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
    const hidden = (row: Record<string, number | null>) => figures.filter((f) => row[f] === null);
    expect(children.flatMap(hidden).length).toBeGreaterThan(0);
    for (const f of figures) expect([parent, ...children].filter((r) => r[f] === null).length).not.toBe(1);
    for (const row of [parent, ...children]) expect(hidden(row).length).not.toBe(1); // the monthly identity
    expect(run('report', 'monthly', '--month', '2017-03', '--division', 'NOPE', '--suppress').code).toBe(4);
  });

  it('answers 4 for an unknown division and 2 for a bad period', () => {
    expect(run('report', 'clearance', '--year', '2017', '--division', 'NOPE').code).toBe(4);
    expect(run('report', 'monthly', '--month', '2017-13').code).toBe(2);
  });

  it('takes the years the service takes, those of a date (1900-2999): 1800 is exit 2, as the API answers it 400', () => {
    const r = run('report', 'clearance', '--year', '1800');
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('--year must be a four-digit year from 1900 to 2999, got "1800"');
    expect(run('--json', 'report', 'clearance', '--year', '2500').code).toBe(0);
  });

  it('answers 4 for an empty --division (a script\'s unset variable), never the root\'s figures', () => {
    for (const args of [['clearance', '--year', '2017'], ['monthly', '--month', '2017-03'], ['progress', '--month', '2017-03', '--suppress'], ['backlog', '--as-of', '2018-03-01']]) {
      const r = run('--json', 'report', ...args, '--division', '');
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 4, stdout: '' });
      expect(r.stderr).toContain('unknown division ""');
    }
  });

  it('gives the same reports after a rebuild from zero', () => {
    const before = [json('report', 'clearance', '--year', '2018', '--by-child'), json('report', 'progress', '--month', '2017-06')];
    expect(run('rebuild').code).toBe(0);
    expect([json('report', 'clearance', '--year', '2018', '--by-child'), json('report', 'progress', '--month', '2017-06')]).toEqual(before);
  });

  it("rebuilds progress-counters when asked by a retired projection's name, and the backlog it reads is unchanged (decision 110)", () => {
    const before = json('report', 'backlog', '--as-of', '2018-12-31');
    expect(before.referralsOwed.length).toBeGreaterThan(0);
    expect(json('rebuild', 'case-activity', 'member-eligibility').rebuilt).toEqual(['progress-counters']);
    expect(json('report', 'backlog', '--as-of', '2018-12-31')).toEqual(before);
    expect(run('rebuild', 'no-such-projection').code).toBe(2);
  });

  it('verify passes on an untouched store, then exits 5 naming the household and position of an edited event', () => {
    const clean = run('--json', 'verify');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).anomalies).toEqual([]);

    const db = new Database(join(dir, 'hearth.db'));
    const row = db.prepare("SELECT position, stream_id, data FROM events WHERE type = 'MemberEmployed' LIMIT 1").get() as { position: number; stream_id: string; data: string };
    const data = JSON.parse(row.data);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, monthlyIncome: data.monthlyIncome + 1000 }), row.position);
    db.close();

    const tampered = run('--json', 'verify');
    expect(tampered.code).toBe(5);
    const anomalies = JSON.parse(tampered.stdout).anomalies as { householdId: string; position: number; kind: string }[];
    expect(anomalies).toContainEqual(expect.objectContaining({ householdId: row.stream_id.replace('household-', ''), position: row.position, kind: 'hash-break' }));

    // Deleting the LAST event of a stream breaks no hash chain; the gap in positions shows it.
    const db2 = new Database(join(dir, 'hearth.db'));
    const last = db2.prepare("SELECT max(position) AS position, stream_id FROM events WHERE stream_id LIKE 'household-%' GROUP BY stream_id ORDER BY position LIMIT 1").get() as { position: number; stream_id: string };
    db2.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    db2.close();
    const deleted = JSON.parse(run('--json', 'verify').stdout).anomalies as { position: number; kind: string }[];
    expect(deleted).toContainEqual(expect.objectContaining({ position: last.position, kind: 'position-gap' }));
  });
});
