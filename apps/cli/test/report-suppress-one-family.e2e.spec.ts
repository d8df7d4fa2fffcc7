import { join } from 'node:path';
import { hearth, onStore, tempDir, writeLines } from './support/cli';

/**
 * docs/cli.md, `report … --suppress`: a `report progress` count with 1 to suppressBelow − 1
 * households behind it is hidden whatever its value (decision 186). One household, f1 in VA1,
 * of five members, each employed on 2016-06-01 with a June income: June's counts of members,
 * employments and incomes are 5, all from one family. R > PA > {VA1, VA2}, R > PB > {VB1}.
 */
const DIVISIONS = [
  ['R', null, 'region'], ['PA', 'R', 'prefecture'], ['VA1', 'PA', 'village'], ['VA2', 'PA', 'village'], ['PB', 'R', 'prefecture'], ['VB1', 'PB', 'village'],
].map(([code, parentCode, level]) => ({ code, name: `Division ${code}`, parentCode, level }));

const FAMILY = ['m1', 'm2', 'm3', 'm4', 'm5'];
const surveyed = (memberId: string) => ({
  memberId, health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [],
});
const COMMANDS = [
  { type: 'RegisterHousehold', householdId: 'f1', on: '2015-01-05', divisionCode: 'VA1', members: FAMILY.map((memberId, i) => ({ memberId, birthYear: 1985 + i })) },
  { type: 'SurveyHousehold', householdId: 'f1', on: '2015-01-06', householdSize: 5, povertyCauses: ['lack-of-skills'], members: FAMILY.map(surveyed) },
  { type: 'ApplyForIdentification', householdId: 'f1', on: '2015-01-07' },
  { type: 'IdentifyHousehold', householdId: 'f1', on: '2015-03-02' },
  ...FAMILY.map((memberId, i) => ({
    type: 'RecordEmployment', householdId: 'f1', on: '2016-06-01', employmentId: `j${i + 1}`, memberId, form: 'enterprise', place: 'local', monthlyIncome: 1000 + 100 * i, contractSigned: true,
  })),
  ...FAMILY.map((_, i) => ({ type: 'RecordIncome', householdId: 'f1', on: '2016-06-30', employmentId: `j${i + 1}`, month: '2016-06', amount: 1000 + 100 * i })),
];

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
