import { showFraction } from '../src/output/figure';
import { renderTable } from '../src/output/table';

/** docs/decisions/0156: what a text table shows of a figure that is not a whole number. */
describe('a figure that is not a whole number, in a text table', () => {
  it('shows every share exactly: four decimals, the most a policy share has', () => {
    expect(showFraction(0.1859)).toBe('0.1859');
    expect(showFraction(0.0625)).toBe('0.0625');
    expect(showFraction(0.55)).toBe('0.55');
    expect(showFraction(1234 / 10000 + 3000 / 10000)).toBe('0.4234');
  });

  it('shows money to the cent', () => {
    expect(showFraction(1000.02)).toBe('1000.02');
    expect(showFraction(1962.5)).toBe('1962.5');
  });

  it('rounds a ratio to four decimals, never onto a whole number it is not', () => {
    expect(showFraction(2 / 3)).toBe('0.6667');
    // 2,499 cleared of a target of 2,500: not met, so never "1".
    expect(showFraction(2499 / 2500)).toBe('0.9996');
    expect(showFraction(19_999 / 20_000)).toBe('0.99995');
    expect(showFraction(39_999 / 40_000)).toBe('0.99997');
    // One cleared of a target of 30,000: not none, so never "0".
    expect(showFraction(1 / 30_000)).toBe('0.00003');
    expect(showFraction(1 / 20_000)).toBe('0.0001');
    expect(showFraction(30_001 / 30_000)).toBe('1.00003');
  });

  it('is what the report table prints in the achievement and share columns', () => {
    const table = renderTable(['division', 'cumulativeShare', 'target', 'baselineCleared', 'achievement'], [['P01', 0.1859, 2500, 2499, 2499 / 2500], ['P02', 0.1859, 30_000, 1, 1 / 30_000]]);
    const [, , p01, p02] = table.split('\n');
    expect(p01?.split(/\s+/)).toEqual(['P01', '0.1859', '2500', '2499', '0.9996']);
    expect(p02?.split(/\s+/)).toEqual(['P02', '0.1859', '30000', '1', '0.00003']);
  });
});
