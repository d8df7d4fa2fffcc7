import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import { countPathsOf, hideCells, hideCountsAt, pushCounts } from '../src/reports/suppress';

/**
 * A whole-tree table's counts are read by walking each row once (`pushCounts`) and its rows
 * hidden from paths read once (`hideCountsAt`), not by looking up or walking every path of
 * every row (`countPaths`, `hideCells`): the same counts and rows come out, field order
 * included, and the input row is left as it was.
 */

const count = fc.integer({ min: 0, max: 12 });
/** A row of one of the reports' shapes: counts, nested count groups, figures that are not counts, a derived figure and its count. */
const row = fc.record({
  division: fc.constantFrom('V1', 'T2'),
  month: fc.constant('2016-06'),
  stockAtStart: count,
  identified: count,
  trainingsOffered: fc.record({ vocational: count, language: count }),
  // A nested field named as a top-level figure that is not a count (`year`) is a count all the same.
  byYear: fc.record({ year: count }),
  employmentsStartedByForm: fc.record({ wage: count, self: count }),
  incomeRecords: count,
  medianMonthlyIncome: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: null }),
  target: count,
  baselineCleared: count,
  achievement: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  cumulativeShare: fc.constant(0.25),
});

describe('pushCounts', () => {
  it("reads a row's counts in the order and by the rule of its count paths", () => {
    fc.assert(
      fc.property(row, (r) => {
        const byPaths = countPathsOf(r).map((p) => p.keys.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], r));
        const read: number[] = [7];
        expect(pushCounts(r, read)).toBe(byPaths.length);
        expect(read).toEqual([7, ...byPaths]);
      }),
      propertyRuns(100, process.env),
    );
  });
});

describe('hideCountsAt', () => {
  it('hides what hideCells hides for the same cells, in the same order, and leaves the input row unchanged', () => {
    let derivedHidden = 0;
    fc.assert(
      fc.property(row, fc.array(fc.boolean(), { minLength: 17, maxLength: 17 }), (r, flags) => {
        const paths = countPathsOf(r);
        const hiddenNames = new Set(paths.filter((_, k) => flags[k] === true).map((p) => p.name));
        const before = JSON.stringify(r);
        const fast = hideCountsAt(r, paths, (k) => flags[k] === true);
        const walked = hideCells(r, (path) => hiddenNames.has(path));
        expect(JSON.stringify(fast)).toBe(JSON.stringify(walked));
        expect(JSON.stringify(r)).toBe(before);
        const counted = new Set(paths.map((p) => p.name));
        if (((fast as { suppressed?: string[] }).suppressed ?? []).some((name) => !counted.has(name))) derivedHidden++;
      }),
      propertyRuns(100, process.env),
    );
    // The runs hid figures derived from a hidden count (a median, an achievement), the part a walk of count paths alone would miss.
    expect(derivedHidden).toBeGreaterThan(20);
  });

  it('nulls a nested count and the figures derived from a hidden count', () => {
    const r = { division: 'V1', trainingsOffered: { vocational: 7, language: 2 }, incomeRecords: 3, medianMonthlyIncome: 1800, meanMonthlyIncome: 1750.5 };
    const paths = countPathsOf(r);
    expect(paths.map((p) => p.name)).toEqual(['trainingsOffered.vocational', 'trainingsOffered.language', 'incomeRecords']);
    expect(hideCountsAt(r, paths, (k) => k !== 0)).toEqual({
      division: 'V1', trainingsOffered: { vocational: 7, language: null }, incomeRecords: null, medianMonthlyIncome: null, meanMonthlyIncome: null,
      suppressed: ['trainingsOffered.language', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'],
    });
  });
});
