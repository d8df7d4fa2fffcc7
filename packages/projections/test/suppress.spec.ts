import { suppress } from '../src';

describe('suppress (disclosure control)', () => {
  it('replaces counts from 1 to suppressBelow − 1 by null and names them, with the figures derived from them', () => {
    const row = {
      division: 'V1', year: 2016, baseline: 12, cumulativeShare: 0.25, target: 3, baselineCleared: 2, underReview: 0, achievement: 0.6667,
      identifiedInYear: 5, clearedInYear: 4, relapsedInYear: 1, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    };
    expect(suppress(row, 5)).toEqual({
      ...row,
      target: null, baselineCleared: null, achievement: null, clearedInYear: null, relapsedInYear: null,
      suppressed: ['target', 'baselineCleared', 'clearedInYear', 'relapsedInYear', 'achievement'],
    });
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
