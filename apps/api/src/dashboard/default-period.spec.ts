import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The period a page opens on when the URL names none is the viewer's own year, month and day
 * (docs/decisions/0138). The page's modules are browser ES modules: a Node process in the
 * viewer's time zone imports them, with the clock stopped and the browser's storage stubbed.
 */
const COMMON = pathToFileURL(join(__dirname, 'public/js/pages/common.js')).href;

const defaultsAt = (instant: string, timeZone: string): { year: number; month: string; day: string } => {
  const script = `
    const RealDate = Date;
    globalThis.Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [${JSON.stringify(instant)}])); } static now() { return new RealDate(${JSON.stringify(instant)}).getTime(); } };
    globalThis.localStorage = { getItem: () => null, setItem: () => {} };
    globalThis.sessionStorage = globalThis.localStorage;
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en' }, configurable: true });
    const { thisYear, thisMonth, today } = await import(${JSON.stringify(COMMON)});
    console.log(JSON.stringify({ year: thisYear(), month: thisMonth(), day: today() }));`;
  return JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { env: { ...process.env, TZ: timeZone }, encoding: 'utf8' }));
};

describe("the dashboard's default period", () => {
  it("is the viewer's calendar at a year's end, not UTC's: 02:00 on 1 January in Beijing is 2017-01 on every page", () => {
    expect(defaultsAt('2016-12-31T18:00:00Z', 'Asia/Shanghai')).toEqual({ year: 2017, month: '2017-01', day: '2017-01-01' });
  });

  it("is the viewer's calendar west of UTC too: 20:00 on 31 March in Mexico City is still March", () => {
    expect(defaultsAt('2017-04-01T02:00:00Z', 'America/Mexico_City')).toEqual({ year: 2017, month: '2017-03', day: '2017-03-31' });
  });
});
