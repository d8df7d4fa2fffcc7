import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How the dashboard writes a share and a ratio (docs/decisions/0156). `figures.js` is a browser
 * ES module; a Node process imports it as it is and writes each figure as the clearance table does.
 */
const FIGURES = pathToFileURL(join(__dirname, 'public/js/figures.js')).href;

const written = (values: Record<string, number>, format: 'sharePercent' | 'ratioPercent'): Record<string, string> => {
  const script = `
    const figures = await import(${JSON.stringify(FIGURES)});
    const values = ${JSON.stringify(values)};
    console.log(JSON.stringify(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, figures.${format}(v)]))));`;
  return JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' }));
};

describe("the dashboard's shares and ratios", () => {
  it('writes a cumulative share exactly, as a percentage: every policy share has at most four decimals', () => {
    expect(written({ reference2017: 0.55, fourDecimals: 0.1859, half: 0.0625, all: 1, none: 0 }, 'sharePercent'))
      .toEqual({ reference2017: '55%', fourDecimals: '18.59%', half: '6.25%', all: '100%', none: '0%' });
  });

  it('writes an achievement to a tenth of a percent, never rounded onto a whole percentage it is not', () => {
    expect(written({ twoThirds: 2 / 3, met: 1, over: 5 / 4, floating: 0.29, notMet: 2499 / 2500, almostNone: 1 / 3000, none: 0 }, 'ratioPercent'))
      .toEqual({ twoThirds: '66.7%', met: '100.0%', over: '125.0%', floating: '29.0%', notMet: '99.96%', almostNone: '0.03%', none: '0.0%' });
  });
});
