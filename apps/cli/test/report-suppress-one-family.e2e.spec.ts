import { join } from 'node:path';
import { employedFamily } from '@hearth/projections/testing';
import { hearth, onStore, tempDir, writeLines } from './support/cli';

/**
 * docs/cli.md, `report … --suppress`: a `report progress` count with 1 to suppressBelow − 1
 * households behind it is hidden whatever its value (decision 186). One household, f1 in VA1,
 * of five members, each employed on 2016-06-01 with a June income (`employedFamily` of
 * @hearth/projections/testing): June's counts of members, employments and incomes are 5, all
 * from one family. R > PA > {VA1, VA2}, R > PB > {VB1}.
 */
const DIVISIONS = [
  ['R', null, 'region'], ['PA', 'R', 'prefecture'], ['VA1', 'PA', 'village'], ['VA2', 'PA', 'village'], ['PB', 'R', 'prefecture'], ['VB1', 'PB', 'village'],
].map(([code, parentCode, level]) => ({ code, name: `Division ${code}`, parentCode, level }));

const COMMANDS = employedFamily('f1', 'VA1');

const FIGURES = ['employmentsStartedByForm.enterprise', 'employmentsStartedByPlace.local', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'];
const figuresOf = (row: Record<string, unknown>) => FIGURES.map((path) => path.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], row));

describe('hearth report progress --suppress: five of a kind from one family', () => {
  let store: string;
  let cleanup: () => void;
  const { json } = onStore(() => store);

  beforeAll(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    store = `sqlite:${join(made.dir, 'hearth.db')}`;
    const tree = writeLines(join(made.dir, 'divisions.json'), [JSON.stringify({ effectiveFrom: '2015-01-01', divisions: DIVISIONS })]);
    expect(hearth(['--store', store, 'divisions', 'load', tree]).code).toBe(0);
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(made.dir, 'log.jsonl'), COMMANDS.map((c) => JSON.stringify(c)))]).code).toBe(0);
  }, 60_000);
  afterAll(() => cleanup());

  it('shows the five employments and incomes, and their median and mean, without --suppress', () => {
    expect(figuresOf(json('report', 'progress', '--month', '2016-06', '--division', 'VA1'))).toEqual([5, 5, 5, 1200, 1200]);
  });

  it('hides each of those fives with --suppress, in VA1, PA and R alike, and names them in suppressed', () => {
    for (const division of ['VA1', 'PA', 'R']) {
      const row = json('report', 'progress', '--month', '2016-06', '--division', division, '--suppress');
      expect({ division, figures: figuresOf(row) }).toEqual({ division, figures: FIGURES.map(() => null) });
      expect({ division, suppressed: row.suppressed }).toEqual({ division, suppressed: expect.arrayContaining(FIGURES) });
    }
  });
});
