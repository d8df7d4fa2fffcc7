import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';

/**
 * A URL naming a division the dashboard's tree does not hold (a stale link, a mistyped code):
 * the page says so, naming the code, draws no figure and asks for none, and links to the
 * viewer's home (decision 187). It used to draw the home's figures under that URL, which a
 * viewer following the link read as the named division's.
 */

jest.setTimeout(180_000);

const UNKNOWN = 'P09';
const figureRequests = (requests: string[]) => requests.filter((u) => /\/api\/(reports|exports)\//.test(u));

describe('a dashboard URL naming a division the tree does not hold', () => {
  const { server, open } = dashboardSuite();

  it.each([
    ['clearance', `#/clearance?year=2016&division=${UNKNOWN}`, '#clearance-table'],
    ['stock', `#/stock?year=2016&division=${UNKNOWN}`, '#stock-table'],
    ['monthly', `#/monthly?month=2016-07&division=${UNKNOWN}&asOf=2016-12-31`, '#monthly-table'],
  ])('the %s page names the unknown code, draws and asks no figure, and links to the home', async (_page, hash, table) => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/household');
    const from = requests.length;
    await goTo(page, hash);
    expect(await page.locator('#view [role=alert]').allTextContents()).toEqual([expect.stringContaining(`No division ${UNKNOWN}`)]);
    expect({ tables: await page.locator('#view table').count(), charts: await page.locator('#view .chart').count() }).toEqual({ tables: 0, charts: 0 });
    expect(figureRequests(requests.slice(from))).toEqual([]);

    const home = page.locator('#view a.home-link');
    expect(await home.textContent()).toContain('Fixture Region');
    await navigating(page, () => home.click());
    const asked = new URLSearchParams(hash.split('?')[1]);
    asked.set('division', 'R');
    const opened = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(Object.fromEntries(opened)).toEqual(Object.fromEntries(asked));
    expect(await page.locator(`${table} table`).count()).toBe(1);
    expect(await page.locator('#view [role=alert]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a caseworker's link leads to its own division, not the region's", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.pine, `#/clearance?year=2016&division=${UNKNOWN}`);
    expect(await page.locator('#view [role=alert]').allTextContents()).toEqual([expect.stringContaining(`No division ${UNKNOWN}`)]);
    const home = page.locator('#view a.home-link');
    expect(await home.textContent()).toContain('South Prefecture');
    await navigating(page, () => home.click());
    expect(new URL(page.url()).hash).toBe('#/clearance?year=2016&division=P02');
    expect(await page.locator('#breadcrumb [aria-current=page]').textContent()).toBe('South Prefecture');
    expect(errors).toEqual([]);
  });

  it('a page with no division named still opens on the home', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.pine, '#/clearance?year=2016');
    expect(await page.locator('#view [role=alert]').count()).toBe(0);
    expect(await page.locator('#breadcrumb [aria-current=page]').textContent()).toBe('South Prefecture');
    expect(errors).toEqual([]);
  });
});
