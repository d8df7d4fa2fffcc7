import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, onStore, tempDir } from './support/cli';

/**
 * Division trees over time (docs/decisions/0015): a later tree never turns an old, valid
 * event into an anomaly nor changes a figure of a period before it; a tree that drops a
 * village still in use is refused unless it names the village's successor, and then the
 * households move by events dated on the day of the change.
 */
describe('hearth divisions load: a new tree over an existing log', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  const { run, json } = onStore(() => store);
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const upper = [
    { code: 'R', name: 'Example Region', parentCode: null, level: 'region' },
    { code: 'P01', name: 'North Prefecture', parentCode: 'R', level: 'prefecture' },
    { code: 'P01C01', name: 'River County', parentCode: 'P01', level: 'county' },
    { code: 'P01C01T01', name: 'Ferry Township', parentCode: 'P01C01', level: 'township' },
  ];
  const newVillages = [
    { code: 'P02', name: 'South Prefecture', parentCode: 'R', level: 'prefecture' },
    { code: 'P02C01', name: 'Lake County', parentCode: 'P02', level: 'county' },
    { code: 'P02C01T01', name: 'Harbour Township', parentCode: 'P02C01', level: 'township' },
    { code: 'P02C01T01V01', name: 'Reed Village', parentCode: 'P02C01T01', level: 'village' },
    { code: 'P01C01T01V09', name: 'New Willow Village', parentCode: 'P01C01T01', level: 'village' },
  ];

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = `sqlite:${join(dir, 'hearth.db')}`;
    expect(run('divisions', 'load', join(EXAMPLES, 'divisions.json')).code).toBe(0);
    expect(run('import', '--quiet', join(EXAMPLES, 'commands.jsonl')).code).toBe(3);
    expect(json('report', 'clearance', '--year', '2016').baseline).toBe(2);
  }, 60_000);
  afterEach(() => cleanup());

  it('refuses a valid tree that lacks the villages in use, names the households, and changes nothing', () => {
    const lacking = file('lacking.json', [...upper, { code: 'P01C01T01V03', name: 'Other Village', parentCode: 'P01C01T01', level: 'village' }]);
    const r = run('divisions', 'load', lacking);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hh-001');
    expect(r.stderr).toContain('hh-002');
    expect(r.stderr).toContain('P01C01T01V01');
    expect(r.stdout).not.toContain('Recorded');

    const refused = run('--json', 'divisions', 'load', lacking);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).households).toEqual(expect.arrayContaining([expect.objectContaining({ householdId: 'hh-001', divisionCode: 'P01C01T01V01' })]));

    expect(run('verify').code).toBe(0);
    expect(json('report', 'clearance', '--year', '2016').baseline).toBe(2);
    // nothing was recorded: the example's tree is still in force
    expect(run('import', '--quiet', '-').code).toBe(0);
    const again = run('divisions', 'load', join(EXAMPLES, 'divisions.json'));
    expect(again.stdout).toContain('nothing changed');
  });

  it('moves the households of a mapped reorganisation by events: verify stays clean and earlier figures stay put', () => {
    const before2016 = json('report', 'clearance', '--year', '2016', '--by-child');
    const beforeJanuary = json('report', 'monthly', '--month', '2017-01', '--division', 'P01C01T01', '--by-child');
    const beforeHistory = json('history', 'hh-001');
    const reorganised = file('reorganised.json', {
      effectiveFrom: '2017-07-01',
      divisions: [...upper, ...newVillages],
      successors: { P01C01T01V01: 'P01C01T01V09', P01C01T01V02: 'P02C01T01V01' },
    });
    const r = run('divisions', 'load', reorganised);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/moved 2 households/);

    expect(run('verify').code).toBe(0);
    // 2016 is before the change: the same figures, the same rows (P02 is new and empty then)
    const after2016 = json('report', 'clearance', '--year', '2016', '--by-child');
    expect(after2016.rows.find((row: { division: string }) => row.division === 'P01')).toEqual(before2016.rows.find((row: { division: string }) => row.division === 'P01'));
    expect(json('report', 'clearance', '--year', '2016').baseline).toBe(2);
    expect(json('report', 'clearance', '--year', '2016', '--division', 'P01C01T01V01').baseline).toBe(1);
    expect(json('report', 'clearance', '--year', '2016', '--division', 'P01C01T01V02').baseline).toBe(1);
    expect(json('report', 'monthly', '--month', '2017-01', '--division', 'P01C01T01', '--by-child').rows.filter((row: { division: string }) => row.division !== 'P01C01T01V09'))
      .toEqual(beforeJanuary.rows);
    // 2017: every household counts under its new village
    expect(json('report', 'clearance', '--year', '2017', '--division', 'P01C01T01V01').baseline).toBe(0);
    const v09 = json('report', 'clearance', '--year', '2017', '--division', 'P01C01T01V09');
    const p02 = json('report', 'clearance', '--year', '2017', '--division', 'P02');
    expect([v09.baseline, p02.baseline]).toEqual([1, 1]);
    expect(json('report', 'clearance', '--year', '2017').baseline).toBe(2);

    const history = json('history', 'hh-001');
    expect(history.divisionCode).toBe('P01C01T01V09');
    expect(history.events.at(-1)).toMatchObject({ type: 'HouseholdTransferred', occurredOn: '2017-07-01', data: { from: 'P01C01T01V01', to: 'P01C01T01V09' } });
    expect(history.events.slice(0, -1)).toEqual(beforeHistory.events);
    expect(json('history', 'hh-001', '--as-of', '2017-06-30').divisionCode).toBe('P01C01T01V01');

    // loading the same reorganisation again changes nothing
    expect(run('divisions', 'load', reorganised).stdout).toContain('nothing changed');
  });
});
