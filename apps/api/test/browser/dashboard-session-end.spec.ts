import type { Page } from 'playwright-core';
import { signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';

/**
 * A session's end, however it comes (Sign out, or the server refusing the token during a live
 * refresh), leaves nothing of it on the page: not its figures, which the next viewer to sign in
 * in the tab may have no right to (an analyst after an auditor), nor its live refresh, whose late
 * answers used to redraw the signed-out page. Both were seen by a review in headless Chromium.
 */

jest.setTimeout(120_000);

/** /health's real answer, the ledger's position in it moved on: what the page reads as a command accepted. */
const movedHealth = async (origin: string): Promise<string> => {
  const real = (await (await fetch(`${origin}/health`)).json()) as { position: number };
  return JSON.stringify({ ...real, position: real.position + 1 });
};

/** A route's request is answered only when `release` is called (the page may be gone by then). */
const holding = () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  return { held, release: () => release() };
};

/** Starts recording, in the page, every moment #view holds a table cell or a chart, from now on. */
const watchView = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const view = document.getElementById('view') as HTMLElement;
    const w = window as unknown as { figuresSeen: string[] };
    w.figuresSeen = [];
    const note = () => {
      if (view.querySelector('td, .chart, canvas')) w.figuresSeen.push((view.textContent ?? '').slice(0, 120));
    };
    note();
    new MutationObserver(note).observe(view, { childList: true, subtree: true, characterData: true });
  });

const figuresSeen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { figuresSeen: string[] }).figuresSeen);

describe('the end of a dashboard session', () => {
  const { server, open } = dashboardSuite();

  it("a token refused during a live refresh clears the view and its chart: the next viewer never sees the last one's figures", async () => {
    const { page } = await open();
    const origin = server().origin;
    await signIn(page, origin, TOKENS.auditor, '#/clearance?year=2016');
    // The auditor's answer: South Prefecture's baseline of 3, which an analyst sees suppressed.
    expect(await page.locator('#clearance-table tbody tr', { hasText: 'South Prefecture' }).locator('td').nth(1).textContent()).toBe('3');
    await page.evaluate(() => { (window as unknown as { auditorChart: Element | null }).auditorChart = document.getElementById('clearance-chart'); });

    // The ledger moves, and the server refuses the token when the page asks again (as after a token was revoked).
    await page.route('**/health', async (route) => route.fulfill({ status: 200, contentType: 'application/json', body: await movedHealth(origin) }));
    await page.route('**/api/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ code: 'UNAUTHENTICATED', message: 'no such token' }) }));
    await page.locator('#signin-error').waitFor({ state: 'visible' });
    await watchView(page);
    // Disposed as Sign out disposes it, not left for the next page to find.
    expect(await page.evaluate(() => {
      const el = (window as unknown as { auditorChart: HTMLElement }).auditorChart;
      return (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): unknown } }).echarts.getInstanceByDom(el) === undefined;
    })).toBe(true);
    await page.unroute('**/health');
    await page.unroute('**/api/**');

    // An analyst signs in in the same tab; its figures are held back by the server until the test has looked.
    const { held, release } = holding();
    await page.route('**/api/reports/**', async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/api/reports/'));
    await page.fill('#token', TOKENS.analyst);
    await page.click('#signin-form button[type=submit]');
    await asked;
    expect(await page.evaluate(() => document.body.classList.contains('signed-in'))).toBe(true);
    expect(await figuresSeen(page)).toEqual([]);

    release();
    await page.waitForFunction(() => document.getElementById('view')?.dataset['state'] === 'ready' && document.querySelector('#clearance-table table') !== null);
    const south = page.locator('#clearance-table tbody tr', { hasText: 'South Prefecture' });
    expect(await south.locator('td').nth(1).textContent()).toBe('suppressed');
    // The figures drawn at all since the auditor's session ended are the analyst's, suppressed.
    expect((await figuresSeen(page)).every((text) => !text.includes('South Prefecture3'))).toBe(true);
  });

  it('after Sign out, a live poll answered late changes nothing on the page, and none is sent after it', async () => {
    const { page } = await open();
    const origin = server().origin;
    await signIn(page, origin, TOKENS.auditor, '#/clearance?year=2016');
    // The page has read a position, so that the held answer's is a move.
    await page.waitForResponse((r) => new URL(r.url()).pathname === '/health');
    const moved = await movedHealth(origin);
    const { held, release } = holding();
    const polls: string[] = [];
    let polled: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => { polled = resolve; });
    await page.route('**/health', async (route) => {
      polls.push(route.request().url());
      polled();
      await held;
      await route.fulfill({ status: 200, contentType: 'application/json', body: moved }).catch(() => undefined);
    });
    await inFlight;
    await page.click('#signout');
    const header = await page.locator('#position').textContent();
    release();
    // Three of the follower's 2 s intervals: one not stopped would have polled again, and drawn the moved position.
    await page.waitForTimeout(6_500);
    expect(polls.length).toBe(1);
    expect(await page.locator('#position').textContent()).toBe(header);
    expect(await page.locator('#signin-error').isHidden()).toBe(true);
    expect(await page.locator('#signin').isVisible()).toBe(true);
  });
});
