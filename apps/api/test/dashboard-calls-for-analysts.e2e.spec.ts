import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { journey } from './support/hand-worked-journeys';
import { type DisclosureService, getAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * The dashboard only calls the API (decision 186 attacked through it): every path its scripts
 * name is either a report or export an analyst is served suppressed (attacked in
 * hand-worked-disclosure-few-households-everywhere.e2e.spec.ts), a read holding no case
 * figure, or one that refuses an analyst. A new call in the dashboard fails here until it is
 * sorted into one of them.
 */
const PUBLIC_JS = join(__dirname, '../src/dashboard/public/js');
const scripts = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scripts(path) : name.endsWith('.js') ? [readFileSync(path, 'utf8')] : [];
  });
const CALLED = [...new Set(scripts(PUBLIC_JS).flatMap((text) => [...text.matchAll(/['`](\/api\/[^'`?]*|\/health)['`]/g)].map((m) => m[1] as string)))].sort();

const SUPPRESSED_FOR_ANALYSTS = ['/api/exports/${report}.${ext}', '/api/reports/backlog', '/api/reports/clearance', '/api/reports/monthly', '/api/reports/progress'];
const NO_CASE_FIGURES = ['/api/divisions', '/api/session', '/health'];
const REFUSED_TO_ANALYSTS = ['/api/households/${encodeURIComponent(id)}', '/api/households/${encodeURIComponent(id)}/personal-data'];

describe('what the dashboard calls, read with an analyst’s token', () => {
  let service: DisclosureService;
  beforeAll(async () => {
    service = await serveDisclosureRegion(journey('f1', 'VA1', 5));
  });
  afterAll(() => service?.close());

  it('calls only the suppressed reports and exports, reads without case figures, and reads refused to analysts', () => {
    expect(CALLED).toEqual([...SUPPRESSED_FOR_ANALYSTS, ...NO_CASE_FIGURES, ...REFUSED_TO_ANALYSTS].sort());
  });

  it('refuses an analyst f1’s household and its personal data', async () => {
    for (const path of ['/api/households/f1', '/api/households/f1/personal-data?purpose=audit'])
      expect({ path, status: (await getAs(service.url, TOKENS.analyst, path)).status }).toEqual({ path, status: 403 });
  });

  it('gives an analyst no count of members, records or events in the divisions, session or health answers', async () => {
    // The log's position and head (health) count the whole region's events, no division's: no figure of decision 186.
    const numbers: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'number') numbers.push(path);
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    for (const path of NO_CASE_FIGURES) walk((await getAs(service.url, TOKENS.analyst, path)).body, path);
    expect(numbers).toContain('/health.position');
    expect(numbers.filter((n) => !/^\/health\.(position|head|behind|readModels\.restarts)$/.test(n))).toEqual([]);
  });
});
