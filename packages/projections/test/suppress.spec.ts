import { suppress } from '../src';

describe('suppress (disclosure control)', () => {
  it('replaces counts from 1 to suppressBelow − 1 by null and names them, with the figures derived from them', () => {
    const row = {
      division: 'V1', year: 2016, baseline: 12, cumulativeShare: 0.25, target: 3, baselineCleared: 2, underReview: 0, achievement: 0.6667,
      identifiedInYear: 5, clearedInYear: 4, relapsedInYear: 1, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    };
    // The target 3 is computed from the baseline 12, which is shown: a goal, not a count of families (decision 176).
    expect(suppress(row, 5)).toEqual({
      ...row,
      baselineCleared: null, achievement: null, clearedInYear: null, relapsedInYear: null,
      suppressed: ['baselineCleared', 'clearedInYear', 'relapsedInYear', 'achievement'],
    });
  });

  it('hides a target with a small baseline it is computed from, and the achievement with the target', () => {
    const row = {
      division: 'V1', year: 2020, baseline: 4, cumulativeShare: 1, target: 4, baselineCleared: 0, underReview: 0, achievement: 0,
      identifiedInYear: 0, clearedInYear: 0, relapsedInYear: 0, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    };
    // Shown, the target would be the baseline itself (a share of 1).
    expect(suppress(row, 5)).toEqual({ ...row, baseline: null, target: null, achievement: null, suppressed: ['baseline', 'target', 'achievement'] });
  });

  it('works through nested tables and by-child rows, and hides the median of a few incomes', () => {
    const table = {
      division: 'T1',
      month: '2016-06',
      rows: [
        { division: 'V1', month: '2016-06', trainingsOffered: { vocational: 7, language: 2 }, incomeRecords: 3, medianMonthlyIncome: 1800, meanMonthlyIncome: 1750.5 },
        { division: 'V2', month: '2016-06', trainingsOffered: { vocational: 0, language: 9 }, incomeRecords: 8, medianMonthlyIncome: 1500, meanMonthlyIncome: 1480 },
      ],
    };
    expect(suppress(table, 5)).toEqual({
      division: 'T1',
      month: '2016-06',
      rows: [
        { division: 'V1', month: '2016-06', trainingsOffered: { vocational: 7, language: null }, incomeRecords: null, medianMonthlyIncome: null, meanMonthlyIncome: null,
          suppressed: ['trainingsOffered.language', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'] },
        { ...table.rows[1], suppressed: [] },
      ],
    });
  });
});
