import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startService } from './service-process';

/**
 * The dashboard over a store, as a viewer meets it (docs/performance/full-region.md, "The
 * dashboard over the full region"): starts the service (`apps/api/bin/hearth-api.js`, the
 * product's executable) on a store (and its read models' own file, if given), signs in in headless
 * Chromium (Debian's, as the browser tests drive it) as an auditor and as an analyst, and
 * times each page from the navigation until every figure is in (`data-state="ready"`),
 * and the progress page's three sections one by one (the monthly table, the progress
 * table, the service backlog), each the first time and again. Wall times on the machine
 * as it is: the browser, the service and this script share its cores.
 *
 *   npx tsx apps/bench/src/region-run/dashboard-latency.ts --store FILE [--read-models FILE] [--year 2018] [--month 2018-06] [--as-of 2020-12-31] [--division P01] [--rounds 2]
 */

const CHROMIUM = process.env['HEARTH_CHROMIUM'] ?? '/usr/bin/chromium';

/** What the functions run in the page use of it (this script is compiled without the DOM's types; the page's CSP forbids evaluating strings). */
interface InPage {
  readonly document: { getElementById(id: string): { readonly dataset: Record<string, string | undefined> } | null };
  readonly location: { hash: string };
}

/** Milliseconds from `action` until the dashboard has mounted the next page with every figure in; and until each selector first matched. */
const timed = async (page: Page, action: () => Promise<unknown>, selectors: readonly string[] = []): Promise<Record<string, number>> => {
  const before = Number((await page.getAttribute('#view', 'data-page')) ?? 0);
  const start = Date.now();
  const parts: Record<string, number> = {};
  await action();
  const sections = selectors.map(async (s) => {
    await page.waitForSelector(s, { timeout: 600_000 });
    parts[s] = Date.now() - start;
  });
  await page.waitForFunction(
    (b: number) => {
      const view = (globalThis as unknown as InPage).document.getElementById('view');
      return Number(view?.dataset['page'] ?? 0) > b && view?.dataset['state'] === 'ready';
    },
    before,
    { timeout: 600_000, polling: 50 },
  );
  await Promise.all(sections);
  return { ...parts, ready: Date.now() - start };
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      store: { type: 'string' },
      'read-models': { type: 'string' },
      year: { type: 'string', default: '2018' },
      month: { type: 'string', default: '2018-06' },
      'as-of': { type: 'string', default: '2020-12-31' },
      division: { type: 'string', default: 'P01' },
      rounds: { type: 'string', default: '2' },
    },
  });
  if (values.store === undefined) throw new Error('usage: dashboard-latency --store FILE [--read-models FILE] [--year Y] [--month YYYY-MM] [--as-of DATE] [--division CODE] [--rounds N]');
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const service = await startService({ store: values.store, ...(values['read-models'] === undefined ? {} : { readModels: values['read-models'] }), roles: ['auditor', 'analyst'] });
  const { origin, tokens } = service;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const out: Record<string, unknown> = { startMs: service.startMs };
    const { year, month, division } = values;
    const asOf = values['as-of'];
    const sections = ['#monthly-table table', '#progress-table table', '#backlog .backlog-list'];
    for (const [role, token] of Object.entries(tokens)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${origin}/dashboard/#/clearance?year=${year}`);
      await page.fill('#token', token);
      const runs: Record<string, unknown>[] = [];
      for (let round = 0; round < Number(values.rounds); round++) {
        const go = (hash: string) => () => page.evaluate((h) => { (globalThis as unknown as InPage).location.hash = h; }, hash);
        runs.push({
          // The first round signs in: the landing page (the clearance report by prefecture and its chart).
          clearanceRoot: round === 0 ? await timed(page, () => page.click('#signin-form button[type=submit]')) : await timed(page, go(`#/clearance?year=${Number(year) - 1}`)),
          progressRoot: await timed(page, go(`#/monthly?month=${month}&asOf=${asOf}`), sections),
          progressDivision: await timed(page, go(`#/monthly?month=${month}&asOf=${asOf}&division=${division}`), sections),
          clearanceDivision: await timed(page, go(`#/clearance?year=${year}&division=${division}`)),
        });
      }
      const rows = await page.locator('tr').count();
      out[role] = { runs, errors, rowsOnLastPage: rows };
      await context.close();
    }
    out['serviceRssMiB'] = service.peakRssMiB();
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } finally {
    await browser.close();
    await service.stop();
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
