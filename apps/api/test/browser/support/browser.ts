import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium), never a downloaded browser. */
/** Async, so a missing browser is a rejected promise beside the server starting, not a throw before it is awaited. */
export const launchChromium = async (): Promise<Browser> => {
  const executablePath = process.env['HEARTH_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`no chromium at ${executablePath}: install Debian's (apt-get update && apt-get install -y chromium), as .ci/run does`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
};

export const SCREENSHOTS = resolve(__dirname, '../../../test-output');

export interface Watched {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/** A fresh context (its own sessionStorage) whose every request and console error is recorded. */
export const openPage = async (browser: Browser, locale = 'en-GB'): Promise<Watched> => {
  const context = await browser.newContext({ acceptDownloads: true, locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, context, requests, errors };
};

/** The number of pages the dashboard has mounted (bumped on every route). */
const mounted = (page: Page): Promise<number> => page.evaluate(() => Number(document.getElementById('view')?.dataset['page'] ?? 0));

/** Does `action`, then waits until the dashboard has mounted the next page and its figures are in. */
export const navigating = async (page: Page, action: () => Promise<unknown>): Promise<void> => {
  const before = await mounted(page);
  await action();
  await page.waitForFunction((b) => {
    const view = document.getElementById('view');
    return Number(view?.dataset['page'] ?? 0) > b && view?.dataset['state'] === 'ready';
  }, before);
};

export const signIn = async (page: Page, origin: string, token: string, hash = ''): Promise<void> => {
  await page.goto(`${origin}/dashboard/${hash}`);
  await page.fill('#token', token);
  await navigating(page, () => page.click('#signin-form button[type=submit]'));
};

export const goTo = (page: Page, hash: string): Promise<void> =>
  navigating(page, () => page.evaluate((h) => { location.hash = h; }, hash));

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** The option ECharts holds for the chart in `selector`: what the viewer sees drawn. */
export const chartOption = (page: Page, selector: string): Promise<{ xAxis: { data: string[] }[]; series: { id: string; data: (number | null)[] }[] }> =>
  page.evaluate((s) => {
    const el = document.querySelector(s) as HTMLElement;
    const echarts = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { getOption(): unknown } } }).echarts;
    return JSON.parse(JSON.stringify(echarts.getInstanceByDom(el).getOption()));
  }, selector);
