import { cutClearanceYear, parentsIn } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { disclosureContext, disclosureHouseholds, disclosureRegion, rowOf } from './support/hand-worked-disclosure';

/**
 * Disclosure control worked out by hand (domain.md §5; decisions 0028, 0037; the method in
 * docs/disclosure-control.md) on the region of support/hand-worked-disclosure.ts: the 2016
 * and 2017 clearance tables (annual and monthly) an analyst is served, which are cut from
 * one suppressed grid a year (`Reports.suppressedClearanceYear`), beside the unsuppressed
 * tables that caseworkers and auditors get.
 *
 * How each hidden cell was decided, with suppressBelow = 5:
 * - primary: every count from 1 to 4 but a `target`, which is computed from the baseline, not
 *   counted: hidden only with its baseline (decisions 0037, 0176);
 * - together: a hidden baseline's target goes with it (0037);
 * - complements (0037: the smallest non-zero cell of a relation with one hidden cell, a child
 *   before its parent, then the earliest). The order in which relations are visited is not
 *   in the decision; the code visits, table by table (annual, then January to December),
 *   each parent's sums in the tree's depth-first order (R's before PA's), then each row's
 *   identity, then a year's sums of months: that order is taken as the code's answer.
 * - derived: achievement goes with its target or baselineCleared.
 */
describe('hand-worked disclosure control: the clearance tables an analyst is served', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(disclosureHouseholds.flat(), disclosureContext);
  });
  afterAll(() => answered.close());

  /** A year's grid as the analyst's answers are cut from it; both read models must give the same. */
  const servedYear = (year: number) => {
    const a = answered.byHousehold.p.reports.suppressedClearanceYear({ year, suppressBelow: 5 });
    expect(answered.byDay.p.reports.suppressedClearanceYear({ year, suppressBelow: 5 })).toEqual(a);
    return a;
  };

  const ANNUAL = ['baseline', 'target', 'baselineCleared', 'underReview', 'achievement', 'identifiedInYear', 'clearedInYear',
    'relapsedInYear', 'stockAtEnd', 'withdrawnInYear', 'exemptedInYear', 'deregisteredInYear'];
  const MONTHLY = ['stockAtStart', 'identified', 'cleared', 'relapsed', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
  const annual = (year: number, share: number) => (division: string, values: (number | null)[], suppressed?: string[]) =>
    rowOf(ANNUAL, { year, cumulativeShare: share }, division, values, suppressed);
  const monthly = (month: string) => (division: string, values: (number | null)[], suppressed?: string[]) => rowOf(MONTHLY, { month }, division, values, suppressed);
  const ALL_HIDDEN_2016 = ['baseline', 'target', 'baselineCleared', 'clearedInYear', 'stockAtEnd', 'achievement'];

  it('caseworkers and auditors get the 2016 tables whole: the counts 0, 1, 4 and 5 as counted', () => {
    // PA's villages: VA1 {a1–a5} 5 households, VA2 {a6–a9} 4, VA3 none; all identified 2015-03-02 (baseline)
    // targets ceil(5 × 0.25) = 2, ceil(4 × 0.25) = 1, 0; cleared in June: a1–a5, a6
    const rows = agreedOn(answered, (r) => r.clearanceReport({ year: 2016, division: 'PA', byChild: true })).rows;
    expect(rows).toEqual([
      annual(2016, 0.25)('VA1', [5, 2, 5, 0, 2.5, 0, 5, 0, 0, 0, 0, 0]),
      annual(2016, 0.25)('VA2', [4, 1, 1, 0, 1, 0, 1, 0, 3, 0, 0, 0]),
      annual(2016, 0.25)('VA3', [0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0]),
    ]);
    // June: 14 in the stock at the start, 7 cleared (a1–a5, a6, b1), 7 left
    expect(agreedOn(answered, (r) => r.monthlyReport({ month: '2016-06', division: 'VA2' })))
      .toEqual({ division: 'VA2', month: '2016-06', stockAtStart: 4, identified: 0, cleared: 1, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: 3 });
  });

  it('the 2016 annual table: small counts, their targets, their complements and the achievements they give hidden', () => {
    const row = annual(2016, 0.25);
    // baseline R 14, PA 9, VA1 5, VA2 4, VA3 0, PB 2, VB1 1, VB2 1, PC 3, VC1 3: VA2, PB, VB1, VB2, PC, VC1 small
    // R 14 = 9 + [2] + [3] hides two; PA 9 = 5 + [4] + 0 hides one → VA1's 5 (smallest non-zero, a child before its parent);
    //   PB [2] = [1] + [1], PC [3] = [3]: nothing more. Shown: R 14, PA 9, VA3 0 — every year alike, the baseline having no year
    // target = ceil(baseline × 0.25): R 4, PA 3, VA3 0 shown beside their baselines (decision 0176), the rest hidden with theirs
    // baselineCleared = clearedInYear: R 7, PA 6, VA1 5, VA2 1, PB 1, VB1 1, others 0; stockAtEnd R 7, PA 3, VA2 3, PB 1, VB2 1, PC 3, VC1 3
    // R = PA + PB + PC: 7 = 6 + [1] + 0 → PA's 6 (smallest non-zero) for baselineCleared and clearedInYear;
    //   then PA = VA1 + VA2 + VA3: [6] = 5 + [1] + 0 already hides two, so VA1's baselineCleared 5 stays
    // VA1's clearedInYear 5 is hidden by the year's sum of months: June's 5 is hidden (see the June test), the other months are 0
    // achievement: hidden wherever the target or baselineCleared is; R's 7 / 4 = 1.75 shown; VA3's is null (target 0) and not
    // suppressed, an absent figure
    expect(servedYear(2016).annual.rows).toEqual([
      row('R', [14, 4, 7, 0, 1.75, 0, 7, 0, 7, 0, 0, 0], []),
      row('PA', [9, 3, null, 0, null, 0, null, 0, null, 0, 0, 0], ['baselineCleared', 'clearedInYear', 'stockAtEnd', 'achievement']),
      row('VA1', [null, null, 5, 0, null, 0, null, 0, 0, 0, 0, 0], ['baseline', 'target', 'clearedInYear', 'achievement']),
      row('VA2', [null, null, null, 0, null, 0, null, 0, null, 0, 0, 0], ALL_HIDDEN_2016),
      row('VA3', [0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0], []),
      row('PB', [null, null, null, 0, null, 0, null, 0, null, 0, 0, 0], ALL_HIDDEN_2016),
      row('VB1', [null, null, null, 0, null, 0, null, 0, 0, 0, 0, 0], ['baseline', 'target', 'baselineCleared', 'clearedInYear', 'achievement']),
      row('VB2', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
      row('PC', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
      row('VC1', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
    ]);
  });

  it('June 2016: VA2’s one clearance, which PA’s total less VA1 and VA3 would give, is hidden with PA’s total and VA1’s', () => {
    const row = monthly('2016-06');
    // cleared: R 7, PA 6, VA1 5, VA2 1, VA3 0, PB 1, VB1 1 — VA2 = 6 − 5 − 0 if nothing else went
    // R's sum first: 7 = 6 + [1] + 0 → PA's 6; PA's sum then hides two cells (PA, VA2)
    // stocks at the start (as on every date before June): PA 9 = 5 + [4] + 0 → VA1's 5 (R 14 = 9 + [2] + [3] already hides two)
    // VA1's identity: [5] + 0 − cleared 5 − 0 = stockAtEnd 0 has one hidden cell; stocks never protect, so its move goes: cleared 5
    // stocks at the end: R 7 = [3] + [1] + [3], PA [3] = 0 + [3] + 0, PB [1] = 0 + [1], PC [3] = [3]: nothing more
    expect(servedYear(2016).months[5]?.rows).toEqual([
      row('R', [14, 0, 7, 0, 0, 0, 0, 7], []),
      row('PA', [9, 0, null, 0, 0, 0, 0, null], ['cleared', 'stockAtEnd']),
      row('VA1', [null, 0, null, 0, 0, 0, 0, 0], ['stockAtStart', 'cleared']),
      row('VA2', [null, 0, null, 0, 0, 0, 0, null], ['stockAtStart', 'cleared', 'stockAtEnd']),
      row('VA3', [0, 0, 0, 0, 0, 0, 0, 0], []),
      row('PB', [null, 0, null, 0, 0, 0, 0, null], ['stockAtStart', 'cleared', 'stockAtEnd']),
      row('VB1', [null, 0, null, 0, 0, 0, 0, 0], ['stockAtStart', 'cleared']),
      row('VB2', [null, 0, 0, 0, 0, 0, 0, null], ['stockAtStart', 'stockAtEnd']),
      row('PC', [null, 0, 0, 0, 0, 0, 0, null], ['stockAtStart', 'stockAtEnd']),
      row('VC1', [null, 0, 0, 0, 0, 0, 0, null], ['stockAtStart', 'stockAtEnd']),
    ]);
  });

  it('the months without moves hide a stock alike on both of their dates, as June does on the same date', () => {
    // before June every stock is the identified count: R 14, PA 9, VA1 5 (PA's complement), VA2 4, VA3 0, PB 2, VB1 1, VB2 1, PC 3, VC1 3
    // after June: R 7, PA 3, VA1 0, VA2 3, VA3 0, PB 1, VB1 0, VB2 1, PC 3, VC1 3
    const before: Record<string, number | null> = { R: 14, PA: 9, VA1: null, VA2: null, VA3: 0, PB: null, VB1: null, VB2: null, PC: null, VC1: null };
    const after: Record<string, number | null> = { R: 7, PA: null, VA1: 0, VA2: null, VA3: 0, PB: null, VB1: 0, VB2: null, PC: null, VC1: null };
    const stocksOnly = (month: string, stock: Record<string, number | null>) => Object.entries(stock).map(([d, s]) =>
      monthly(month)(d, [s, 0, 0, 0, 0, 0, 0, s], s === null ? ['stockAtStart', 'stockAtEnd'] : []));
    const year = servedYear(2016);
    for (const m of [1, 2, 3, 4, 5]) expect(year.months[m - 1]?.rows).toEqual(stocksOnly(`2016-0${m}`, before));
    for (const m of [7, 8, 9, 10, 11, 12]) expect(year.months[m - 1]?.rows).toEqual(stocksOnly(`2016-${String(m).padStart(2, '0')}`, after));
  });

  it('the 2017 annual table publishes the region’s achievement, whose target and cleared count are not small', () => {
    const row = annual(2017, 0.55);
    // target = ceil(baseline × 0.55): R ceil(7.7) = 8, PA ceil(4.95) = 5, VA1 ceil(2.75) = 3, VA2 ceil(2.2) = 3, PB ceil(1.1) = 2,
    //   VB1, VB2 ceil(0.55) = 1, PC, VC1 ceil(1.65) = 2: R's and PA's shown, with their baselines 14 and 9
    // baselineCleared at end of 2017 as in 2016: R 7 = 6 + [1] + 0 → PA's 6 again, so PA's achievement 6 / 5 goes; R's 7 / 8 = 0.875 stays
    // baseline PA 9 = [5] + [4] + 0 hides two, as in 2016 (VA1's 5 as VA2's complement); nothing moves in 2017, stocks as after June 2016
    expect(servedYear(2017).annual.rows).toEqual([
      row('R', [14, 8, 7, 0, 0.875, 0, 0, 0, 7, 0, 0, 0], []),
      row('PA', [9, 5, null, 0, null, 0, 0, 0, null, 0, 0, 0], ['baselineCleared', 'stockAtEnd', 'achievement']),
      row('VA1', [null, null, 5, 0, null, 0, 0, 0, 0, 0, 0, 0], ['baseline', 'target', 'achievement']),
      row('VA2', [null, null, null, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'baselineCleared', 'stockAtEnd', 'achievement']),
      row('VA3', [0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0], []),
      row('PB', [null, null, null, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'baselineCleared', 'stockAtEnd', 'achievement']),
      row('VB1', [null, null, null, 0, null, 0, 0, 0, 0, 0, 0, 0], ['baseline', 'target', 'baselineCleared', 'achievement']),
      row('VB2', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
      row('PC', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
      row('VC1', [null, null, 0, 0, null, 0, 0, 0, null, 0, 0, 0], ['baseline', 'target', 'stockAtEnd', 'achievement']),
    ]);
  });

  it('an answer by child is the grid’s rows unchanged: PA’s villages in June and PB’s in the 2016 annual table', () => {
    const parentOf = parentsIn(disclosureRegion);
    const year = servedYear(2016);
    expect(cutClearanceYear(year, '2016-06', parentOf, { division: 'PA', byChild: true })).toEqual({
      division: 'PA',
      month: '2016-06',
      rows: [
        monthly('2016-06')('VA1', [null, 0, null, 0, 0, 0, 0, 0], ['stockAtStart', 'cleared']),
        monthly('2016-06')('VA2', [null, 0, null, 0, 0, 0, 0, null], ['stockAtStart', 'cleared', 'stockAtEnd']),
        monthly('2016-06')('VA3', [0, 0, 0, 0, 0, 0, 0, 0], []),
      ],
    });
    // PB, whose own total (2 households, 1 cleared) is small: its row and both villages hide every non-zero count
    expect(cutClearanceYear(year, 'annual', parentOf, { division: 'PB', byChild: false }))
      .toEqual(annual(2016, 0.25)('PB', [null, null, null, 0, null, 0, null, 0, null, 0, 0, 0], ALL_HIDDEN_2016));
  });
});
