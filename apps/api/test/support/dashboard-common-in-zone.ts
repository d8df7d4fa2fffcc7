import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const COMMON = pathToFileURL(join(__dirname, '../../src/dashboard/public/js/pages/common.js')).href;

/**
 * `expression` evaluated over the dashboard's `pages/common.js` (its exports in scope by name) as a
 * viewer in `timeZone` would run it at `instant`: the page's modules are browser ES modules, so a
 * Node process whose TZ is the viewer's imports them, with its clock stopped and the browser's
 * storage stubbed (jest cannot change the zone of the process it runs in).
 */
export const commonInZone = <T>(timeZone: string, instant: string, expression: string): T => {
  const script = `
    const RealDate = Date;
    globalThis.Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [${JSON.stringify(instant)}])); } static now() { return new RealDate(${JSON.stringify(instant)}).getTime(); } };
    globalThis.localStorage = { getItem: () => null, setItem: () => {} };
    globalThis.sessionStorage = globalThis.localStorage;
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en' }, configurable: true });
    Object.assign(globalThis, await import(${JSON.stringify(COMMON)}));
    console.log(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { env: { ...process.env, TZ: timeZone }, encoding: 'utf8' })) as T;
};
