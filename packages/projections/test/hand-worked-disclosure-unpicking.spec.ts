import { parentsIn, suppress, type Reports } from '../src';
import { attack, baselineEquations, cellId, learn, linearAttack, periodEquations, yearEquations, type Equation, type Knowledge } from '../src/testing';
import { answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { DISCLOSURE_DIVISIONS, disclosureContext, disclosureHouseholds, disclosureRegion } from './support/hand-worked-disclosure';

/**
 * Can anything an analyst is served on the hand-worked disclosure region
 * (support/hand-worked-disclosure.ts) be unpicked? Decision 0037 and docs/disclosure-control.md
 * ("What is guaranteed") promise that no relation of the published tables has exactly one
 * hidden cell, so that repeated subtraction recovers nothing "whichever answers are combined;
 * this holds across months and years too, since the tables that share a figure agree on it".
 * The attacker of `@hearth/projections/testing` knows the relations from the contract; the
 * tables are every division's rows, which is the union of every answer an analyst can ask for.
 */
describe('hand-worked disclosure control: what an analyst can unpick', () => {
  let answered: AnsweredByTwoStores;
  let reports: Reports;
  beforeAll(async () => {
    answered = await answerByTwoStores(disclosureHouseholds.flat(), disclosureContext);
    reports = answered.byHousehold.p.reports;
  });
  afterAll(() => answered.close());

  const parentOf = parentsIn(disclosureRegion);
  const divisions = [...DISCLOSURE_DIVISIONS];
  const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  /** What the years' served tables teach, with every relation the contract makes public among them. */
  const readYears = (years: readonly number[], show: (year: number) => { annual: { rows: readonly object[] }; months: readonly { rows: readonly object[] }[] }) => {
    const known: Knowledge = new Map();
    const periods: string[] = [];
    for (const year of years) {
      const { annual, months } = show(year);
      learn(known, String(year), annual.rows);
      months.forEach((m, i) => learn(known, monthsOf(year)[i] as string, m.rows));
      periods.push(String(year), ...monthsOf(year));
    }
    const equations: Equation[] = periods.flatMap((p) => periodEquations(known, p, divisions, parentOf));
    // the exits only conservatively (docs/disclosure-control.md)
    equations.push(...yearEquations(divisions, years, { exits: true }));
    return { known, equations };
  };
  const served = (year: number) => reports.suppressedClearanceYear({ year, suppressBelow: 5 });
  const primaryOnly = (year: number) => ({
    annual: suppress(reports.clearanceReport({ year, subtree: true }), 5),
    months: monthsOf(year).map((month) => suppress(reports.monthlyReport({ month, subtree: true }), 5)),
  });

  it('in June 2016, every relation holding VA2’s lone clearance has at least two hidden cells', () => {
    const year = served(2016);
    const june = new Map(year.months[5]?.rows.map((r) => [r.division, r]));
    const annual = new Map(year.annual.rows.map((r) => [r.division, r]));
    // PA = VA1 + VA2 + VA3; VA2's identity stockAtStart − cleared = stockAtEnd; VA2's year = its months (June's alone non-zero)
    expect([june.get('PA')?.cleared, june.get('VA1')?.cleared, june.get('VA2')?.cleared, june.get('VA3')?.cleared]).toEqual([null, null, null, 0]);
    expect([june.get('VA2')?.stockAtStart, june.get('VA2')?.stockAtEnd]).toEqual([null, null]);
    expect(annual.get('VA2')?.clearedInYear).toBeNull();
  });

  it('the attacker unpicks primary suppression alone: VA2’s June clearance is 6 − 5 − 0 = 1', () => {
    // the control that the attack can succeed: with only the counts 1–4 hidden, PA's 6 and VA1's 5 are shown
    const { known, equations } = readYears([2016], primaryOnly);
    const recovered = attack(known, equations);
    expect(recovered.get(cellId('2016-06', 'VA2', 'cleared'))).toBe(1);
    // and, as June's VA2 row then shows, stocks before June: PA 9 − VA1 5 − VA3 0 = 4
    expect(recovered.get(cellId('2016-05', 'VA2', 'stockAtEnd'))).toBe(4);
  });

  it('nothing of 2016’s clearance tables is recovered, by subtraction or by any combination of relations', () => {
    const { known, equations } = readYears([2016], served);
    expect([...attack(new Map(known), equations)]).toEqual([]);
    expect([...linearAttack(known, equations)]).toEqual([]);
  });

  it('nothing of the June 2016 progress table is recovered, by subtraction or by any combination of relations', () => {
    const known: Knowledge = new Map();
    learn(known, 'progress 2016-06', reports.suppressedProgress({ month: '2016-06', suppressBelow: 5 }).rows);
    const equations = periodEquations(known, 'progress 2016-06', divisions, parentOf);
    expect([...attack(new Map(known), equations)]).toEqual([]);
    expect([...linearAttack(known, equations)]).toEqual([]);
  });

  it('what is left is ranges: VA2’s and VB1’s hidden 2016 baselineCleared add up to 2 (the documented limit of bounds)', () => {
    // docs/disclosure-control.md, "Limits: Bounds" and "An attacker who knows this method": not protected against, shown here
    // R 7 = PA + PB + PC 0, PA = VA1 5 + VA2 + VA3 0, PB = VB1 + VB2 0: VA2 + VB1 = 7 − 5 = 2. Each is hidden and a hidden
    // cell is a count from 1 to 4 or, but for want of any other, a non-zero complement: whoever assumes so reads 1 and 1.
    const rows = new Map(served(2016).annual.rows.map((r) => [r.division, r.baselineCleared]));
    const shown = ['R', 'VA1', 'VA3', 'VB2', 'PC'].map((d) => rows.get(d));
    expect(shown).toEqual([7, 5, 0, 0, 0]);
    expect(['PA', 'VA2', 'PB', 'VB1'].map((d) => rows.get(d))).toEqual([null, null, null, null]);
    const [r, va1, va3, vb2, pc] = shown as number[];
    expect((r as number) - (va1 as number) - (va3 as number) - (vb2 as number) - (pc as number)).toBe(2);
  });

  it('nothing is recovered from the 2016 and 2017 tables together, the baseline being one figure in both (decision 0176)', () => {
    // domain.md §5 defines the baseline without a year, so the 2016 and 2017 annual tables show one figure each division.
    // Found by this audit: 2016 hid R's baseline 14 and PA's 9 only because their targets, ceil(14 × 0.25) = 4 and
    // ceil(9 × 0.25) = 3, were small, and 2017 showed both (targets 8 and 5), so 2016's baselines were read off 2017 and the
    // hidden targets with them. Now a target is hidden only with its baseline (decision 0176): both years show R's 14 and
    // PA's 9 with their targets, and hide VA1's 5 (VA2's complement) and the small ones alike.
    const rows = (year: number) => served(year).annual.rows.map((r) => [r.division, r.baseline]);
    expect(rows(2016)).toEqual(rows(2017));
    const { known, equations } = readYears([2016, 2017], served);
    equations.push(...baselineEquations(divisions, [2016, 2017]));
    expect(Object.fromEntries(attack(known, equations))).toEqual({});
  });
});
