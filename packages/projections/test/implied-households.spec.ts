import { fieldsToStore, impliedHouseholds } from '../src/reports/implied-households';

/**
 * Decision 189, by hand: a village's month in which one household had three members
 * surveyed, two households were each referred once, and one household recorded two
 * incomes. Only the households that differ from their counts are written; reading the
 * row gives the others back.
 */
describe('a progress row leaves out the households equal to their counts', () => {
  const month = new Map([
    ['membersSurveyed', 3],
    ['h:membersSurveyed', 1],
    ['referralsMade', 2],
    ['h:referralsMade', 2],
    ['income.1200', 1],
    ['income.3000', 1],
    ['h:incomeRecords', 1],
  ]);

  it('stores the households of the members surveyed (1 of 3) and of the income records (1 of 2), not of the referrals (2 of 2)', () => {
    expect(fieldsToStore(month)).toEqual([
      ['h:incomeRecords', 1],
      ['h:membersSurveyed', 1],
      ['income.1200', 1],
      ['income.3000', 1],
      ['membersSurveyed', 3],
      ['referralsMade', 2],
    ]);
  });

  it('reads the referrals\' two households back from their count', () => {
    const stored = Object.fromEntries(fieldsToStore(month));
    expect([...impliedHouseholds(stored)]).toEqual([['referralsMade', 2]]);
  });

  it('writes out a 0 when a count has no household behind it, so that reading does not put the count there', () => {
    const stored = Object.fromEntries(fieldsToStore(new Map([['referralsMade', 1]])));
    expect(stored).toEqual({ 'h:referralsMade': 0, referralsMade: 1 });
    expect([...impliedHouseholds(stored)]).toEqual([]);
  });

  it('keeps households whose count is zero, and puts nothing back for them', () => {
    const stored = Object.fromEntries(fieldsToStore(new Map([['h:referralsMade', 1], ['referralsMade', 0]])));
    expect(stored).toEqual({ 'h:referralsMade': 1 });
    expect([...impliedHouseholds(stored)]).toEqual([]);
  });
});
