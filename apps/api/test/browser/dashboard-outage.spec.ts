import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { labels } from './support/drawn-figures';

/**
 * A server that stops answering, then answers again (a restart, a network cut): the header says
 * the figures shown may be out of date meanwhile, and the page is asked again once the server is
 * back, the ledger's position moved or not; Show asks again whatever its inputs. A review found
 * the header claiming "Live" through an outage, and a page whose load failed in it failed for good.
 */

jest.setTimeout(120_000);

/** Longer than a few of the page's 2 s polls of /health: a wait that fails says the page never acted. */
const POLLS = 15_000;

const reportRequests = (requests: string[], from: number): string[] =>
  requests.slice(from).filter((u) => new URL(u).pathname.startsWith('/api/reports/')).map((u) => { const url = new URL(u); return `${url.pathname}${url.search}`; });

describe('the dashboard through a server outage', () => {
  const { server, open } = dashboardSuite();

  it('says the figures may be out of date while /health fails, and draws the page again once it answers', async () => {
    const { page } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const words = await labels(page, ['app.unreachable', 'error.network']);
    // The server is gone: every request fails as a stopped server's does.
    await page.route('**/health', (route) => route.abort('connectionrefused'));
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.locator('#position', { hasText: words['app.unreachable'] as string }).waitFor({ timeout: POLLS });

    await goTo(page, '#/clearance?year=2016&division=P01');
    expect(await page.locator('#clearance-table .error').textContent()).toBe(words['error.network']);

    await page.unroute('**/health');
    await page.unroute('**/api/**');
    await page.locator('#clearance-table table').waitFor({ timeout: POLLS });
    expect(await page.locator('#breadcrumb [aria-current=page]').textContent()).toBe('North Prefecture');
    expect(await page.locator('#view .error').count()).toBe(0);
    expect(await page.locator('#position').textContent()).not.toBe(words['app.unreachable']);
  });

  it('Show asks for the figures again, its inputs unchanged', async () => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    await page.route('**/api/reports/**', (route) => route.fulfill({
      status: 503, contentType: 'application/json', body: JSON.stringify({ code: 'STORE_UNAVAILABLE', message: 'the store does not answer' }),
    }));
    await goTo(page, '#/clearance?year=2016&division=P01');
    expect(await page.locator('#clearance-table .error').textContent()).toContain('the store does not answer');
    await page.unroute('**/api/reports/**');

    const from = requests.length;
    await navigating(page, () => page.click('#view form.controls button[type=submit]'));
    expect(reportRequests(requests, from)).toEqual(['/api/reports/clearance?year=2016&division=P01&withChildren=true']);
    expect(await page.locator('#clearance-table table').count()).toBe(1);
    expect(await page.locator('#view .error').count()).toBe(0);
    // The 503 the route answered is the only console error.
    expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
  });
});
