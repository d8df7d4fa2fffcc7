import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Division, HouseholdCommand } from '@hearth/domain';
import { DirectReports, openProjections, Projections } from '@hearth/projections';
import { generateDivisions, generateHouseholdCommands } from '@hearth/simulator';
import { importCommands, Ledger } from '@hearth/ledger';
import { referencePolicy } from '@hearth/domain';
import { tempDir } from './support/cli';

/**
 * Issue 3's acceptance on a generated region: three independent computations agree for
 * every year and month, by child at every level of one branch and for a village;
 * the monthly identity holds for every division; every division is the sum of its
 * children; and the import order (household by household, or day by day) changes nothing.
 */
const HOUSEHOLDS = 2000;
const SEED = 20161;
const YEARS = [2016, 2017, 2018, 2019, 2020];
const MONTHS = YEARS.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));

const region = { households: HOUSEHOLDS, seed: SEED };
const divisions: Division[] = generateDivisions(region);
const perHousehold: HouseholdCommand[][] = Array.from({ length: HOUSEHOLDS }, (_, i) => generateHouseholdCommands(region, i));

const root = divisions.find((d) => d.parentCode === null) as Division;
const childrenOf = (code: string) => divisions.filter((d) => d.parentCode === code);
const parents = divisions.filter((d) => d.level !== 'village').map((d) => d.code);
/** Rows every comparison covers: by child of the root, of two prefectures and of a county, and one village on its own. */
const views = (() => {
  const [p1, p2] = childrenOf(root.code) as [Division, Division];
  const county = childrenOf(p1.code)[0] as Division;
  const village = divisions.find((d) => d.level === 'village') as Division;
  return [
    { division: root.code, byChild: true as const },
    { division: p1.code, byChild: true as const },
    { division: p2.code, byChild: true as const },
    { division: county.code, byChild: true as const },
    { division: village.code, byChild: false as const },
  ];
})();

interface Loaded { ledger: Ledger; projections: Projections }

const load = async (dir: string, name: string, order: 'household' | 'date', live: boolean): Promise<Loaded> => {
  const commands = order === 'household'
    ? perHousehold.flat()
    : perHousehold.flat().map((c, i) => ({ c, i })).sort((a, b) => (a.c.on < b.c.on ? -1 : a.c.on > b.c.on ? 1 : a.i - b.i)).map(({ c }) => c);
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, `${commands.map((c) => JSON.stringify(c)).join('\n')}\n`);
  const ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, `${name}.db`)}`, policy: referencePolicy });
  await ledger.recordDivisionTree(divisions, '2016-01-01');
  const projections = openProjections(ledger.store, { policy: referencePolicy, divisions: ledger.divisions! });
  if (live) await projections.runner.start(); // (a) maintained incrementally, live, while the import runs
  await importCommands(ledger, { source: file, batchSize: 500 });
  await projections.runner.catchUp();
  return { ledger, projections };
};

/** What both Reports and DirectReports answer. */
interface Source {
  clearanceReport(q: { year: number; division: string; byChild: boolean }): unknown;
  monthlyReport(q: { month: string; division: string; byChild: boolean }): unknown;
  progressReport(q: { month: string; division: string; byChild: boolean }): unknown;
}
const snapshot = (r: Source) => ({
  clearance: views.flatMap((v) => YEARS.map((year) => r.clearanceReport({ year, ...v }))),
  monthly: views.flatMap((v) => MONTHS.map((month) => r.monthlyReport({ month, ...v }))),
  progress: views.flatMap((v) => MONTHS.filter((_, i) => i % 5 === 0).map((month) => r.progressReport({ month, ...v }))),
});

describe(`a generated region of ${HOUSEHOLDS} households, 2016–2020`, () => {
  let dir: string;
  let cleanup: () => void;
  let byHousehold: Loaded;
  let byDate: Loaded;
  let live: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    byHousehold = await load(dir, 'by-household', 'household', true);
    live = snapshot(byHousehold.projections.reports);
    byDate = await load(dir, 'by-date', 'date', false);
  }, 300_000);
  afterAll(async () => {
    for (const l of [byHousehold, byDate]) {
      await l?.projections.close();
      await l?.ledger.close();
    }
    cleanup();
  });

  it('is a region worth testing: relapses, declines, withdrawals, exemptions and labour concerns', () => {
    const types = new Set(perHousehold.flat().map((c) => c.type));
    for (const t of ['RecordRelapse', 'DeclineReferral', 'DeclineTraining', 'WithdrawFromProgramme', 'ExemptHousehold', 'ResolveLaborConcern', 'DeregisterHousehold'])
      expect(types).toContain(t);
    const concerns = perHousehold.flat().filter((c) => c.type === 'RecordFollowUp' && c.laborConcerns.length > 0);
    expect(concerns.length).toBeGreaterThan(5);
  });

  it('(a) live read models = (c) a direct fold of every household to the date', async () => {
    const direct = await DirectReports.load(byHousehold.ledger.store, { policy: referencePolicy, divisions: byHousehold.ledger.divisions! });
    expect(snapshot(direct)).toEqual(live);
  });

  it('(a) live read models = (b) a rebuild from zero', async () => {
    await byHousehold.projections.rebuild();
    expect(snapshot(byHousehold.projections.reports)).toEqual(live);
  });

  it('reports are identical whether the commands were imported household by household or day by day', () => {
    expect(snapshot(byDate.projections.reports)).toEqual(live);
  });

  it('the monthly identity holds for every division and every month', () => {
    const broken: string[] = [];
    for (const month of MONTHS) {
        const { rows } = byHousehold.projections.reports.monthlyReport({ month, division: root.code, subtree: true });
        expect(rows).toHaveLength(divisions.length);
        for (const m of rows)
          if (m.stockAtEnd !== m.stockAtStart + m.identified + m.relapsed - m.cleared - m.withdrawn - m.exempted - m.deregistered)
            broken.push(`${m.division} ${month}`);
      }
    expect(broken).toEqual([]);
  });

  it("every division's annual and monthly figures are the sum of its children's", () => {
    const r = byHousehold.projections.reports;
    const annualKeys = ['baseline', 'baselineCleared', 'underReview', 'identifiedInYear', 'clearedInYear', 'relapsedInYear', 'stockAtEnd', 'withdrawnInYear', 'exemptedInYear', 'deregisteredInYear'] as const;
    const monthlyKeys = ['stockAtStart', 'identified', 'cleared', 'relapsed', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'] as const;
    const mismatches: string[] = [];
    const check = <R extends { division: string }>(rows: readonly R[], keys: readonly (keyof R)[], label: string) => {
      const byCode = new Map(rows.map((x) => [x.division, x]));
      for (const parent of parents) {
        const kids = childrenOf(parent).map((c) => byCode.get(c.code) as R);
        for (const k of keys) if (kids.reduce((s, x) => s + (x[k] as number), 0) !== (byCode.get(parent) as R)[k]) mismatches.push(`${parent} ${label} ${String(k)}`);
      }
    };
    for (const year of YEARS) check(r.clearanceReport({ year, division: root.code, subtree: true }).rows, annualKeys, String(year));
    for (const month of MONTHS) check(r.monthlyReport({ month, division: root.code, subtree: true }).rows, monthlyKeys, month);
    expect(mismatches).toEqual([]);
    const whole = r.clearanceReport({ year: 2020, division: root.code });
    expect(whole.baseline).toBeGreaterThan(HOUSEHOLDS / 3);
    expect(whole.relapsedInYear + whole.clearedInYear).toBeGreaterThan(0);
  });
});
