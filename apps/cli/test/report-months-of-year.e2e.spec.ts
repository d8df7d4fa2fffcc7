import { monthsOf } from '@hearth/projections';
import { generatedStore, onStore, tempDir } from './support/cli';

type Month = Record<string, unknown> & { division: string; month: string };

/**
 * `hearth report monthly --year` (docs/decisions/0171): a division's twelve monthly tables of a
 * year, read in one snapshot, through the real executable and a real SQLite file.
 */
describe('hearth report monthly --year', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  const { run, json } = onStore(() => store);

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    store = generatedStore(dir);
  }, 120_000);
  afterAll(() => cleanup());

  it.each([
    ['the root', [], 'R'],
    ['a prefecture', ['--division', 'P01'], 'P01'],
    ['a prefecture, suppressed', ['--division', 'P01', '--suppress'], 'P01'],
  ])('of %s: the twelve answers --month gives, January first', (_what, options, division) => {
    const year = json('report', 'monthly', '--year', '2017', ...options);
    const alone = monthsOf(2017).map((month) => json('report', 'monthly', '--month', month, ...options));
    expect(year).toEqual({ division, year: 2017, months: alone });
  }, 120_000);

  it('compares figures that are there: some moves in the year, and some of them suppressed', () => {
    const figures = (m: Month) => Object.entries(m).filter(([k]) => !['division', 'month', 'suppressed'].includes(k)).map(([, v]) => v);
    const open = json('report', 'monthly', '--year', '2017', '--division', 'P01')['months'] as Month[];
    const shut = json('report', 'monthly', '--year', '2017', '--division', 'P01', '--suppress')['months'] as Month[];
    expect(open.flatMap(figures).some((v) => typeof v === 'number' && v >= 1 && v <= 4)).toBe(true);
    expect(shut.flatMap(figures)).toContain(null);
  });

  it('prints a table of one row per month, the month in the first column and the figures --json gives', () => {
    const { months } = json('report', 'monthly', '--year', '2017', '--division', 'P01') as { months: Month[] };
    const r = run('report', 'monthly', '--year', '2017', '--division', 'P01');
    expect(r.code).toBe(0);
    const [title, header, , ...rows] = r.stdout.trimEnd().split('\n').map((line) => line.trim().split(/\s+/));
    expect(title).toEqual(['monthly', '—', 'year', '2017', '—', 'P01']);
    expect(header?.[0]).toBe('month');
    expect(rows.map((cells) => cells[0])).toEqual(monthsOf(2017));
    expect(rows).toEqual(months.map((m) => (header ?? []).map((h) => String(m[h]))));
  });

  it.each([
    ['both --month and --year', ['--month', '2017-03', '--year', '2017'], ['--month', '--year']],
    ['neither --month nor --year', [], ['--month', '--year']],
    ['--by-child with --year', ['--year', '2017', '--by-child'], ['--by-child', 'not offered for a year of months']],
    ['a malformed --year', ['--year', '17'], ['--year must be a four-digit year', '"17"']],
  ])('refuses %s as a usage error (exit 2) naming the options, printing nothing', (_what, options, named) => {
    const r = run('report', 'monthly', ...options);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    for (const words of named) expect(r.stderr).toContain(words);
  });

  it('answers 4 for an unknown division, suppressed or not', () => {
    for (const options of [[], ['--suppress']]) {
      const r = run('--json', 'report', 'monthly', '--year', '2017', '--division', 'NOPE', ...options);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 4, stdout: '' });
      expect(r.stderr).toContain('unknown division "NOPE"');
    }
  });

  it('says all this in its help', () => {
    const help = run('report', 'monthly', '--help');
    expect(help.code).toBe(0);
    for (const words of ['--year <year>', 'Exactly one of --month and --year', '--by-child is not offered with --year', 'gives each month exactly as --suppress --month gives it'])
      expect(help.stdout).toContain(words);
  });
});
