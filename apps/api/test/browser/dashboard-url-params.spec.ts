import type { Page } from 'playwright-core';
import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';

/**
 * What the URL's year, month and date say is what the page shows, or the page says why it cannot.
 * A review found the monthly page keeping the last backlog date under a new month's tables
 * (month=2019-06&asOf=2018-03-31), `year=abc` drawn as "· NaN" over the API codec's words, and
 * `month=abc` drawn as another month while the URL still said abc.
 */

jest.setTimeout(120_000);

/** The paths and queries of the figure requests the page made since `from`. */
const figureRequests = (requests: string[], from: number): string[] =>
  requests.slice(from).filter((u) => /^\/api\/(reports|exports|households)\//.test(new URL(u).pathname)).map((u) => { const url = new URL(u); return `${url.pathname}${url.search}`; });

const hashParams = (page: Page): Record<string, string> => Object.fromEntries(new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? ''));

const backlogDay = async (page: Page): Promise<string | undefined> => (await page.locator('#view section h3').last().textContent())?.split(' · ')[1];

describe('the parameters a dashboard URL holds', () => {
  const { server, open } = dashboardSuite();

  it("the monthly page's backlog follows a new month, unless As of is set with it", async () => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-07&asOf=2016-12-31');
    expect(await backlogDay(page)).toBe('2016-12-31');

    let from = requests.length;
    await page.fill('#view input[name=month]', '2016-09');
    // The date the backlog will be asked as of is shown before Show is clicked.
    expect(await page.locator('#view input[name=asOf]').inputValue()).toBe('2016-09-30');
    await navigating(page, () => page.click('#view form.controls button[type=submit]'));
    expect(hashParams(page)).toEqual({ month: '2016-09', division: 'R' });
    expect(await backlogDay(page)).toBe('2016-09-30');
    expect(figureRequests(requests, from).filter((u) => u.startsWith('/api/reports/backlog'))).toEqual(['/api/reports/backlog?asOf=2016-09-30&division=R']);

    from = requests.length;
    await page.fill('#view input[name=month]', '2016-10');
    await page.fill('#view input[name=asOf]', '2016-12-31');
    await navigating(page, () => page.click('#view form.controls button[type=submit]'));
    expect(hashParams(page)).toEqual({ month: '2016-10', division: 'R', asOf: '2016-12-31' });
    expect(await backlogDay(page)).toBe('2016-12-31');
    expect(figureRequests(requests, from).filter((u) => u.startsWith('/api/reports/backlog'))).toEqual(['/api/reports/backlog?asOf=2016-12-31&division=R']);

    // Another division keeps the month and the date set.
    await navigating(page, () => page.selectOption('#view select[name=division]', 'P01'));
    expect(hashParams(page)).toEqual({ month: '2016-10', division: 'P01', asOf: '2016-12-31' });
    expect(errors).toEqual([]);
  });

  it.each([
    ['#/clearance?year=abc', 'year', 'abc'],
    ['#/clearance?year=2018.5&division=P01', 'year', '2018.5'],
    ['#/stock?year=99999', 'year', '99999'],
    ['#/monthly?month=abc', 'month', 'abc'],
    ['#/monthly?month=2017-13&division=P01', 'month', '2017-13'],
    ['#/monthly?month=2016-07&asOf=2017-02-30', 'asOf', '2017-02-30'],
    ['#/household/w1?asOf=2016-13-01', 'asOf', '2016-13-01'],
  ])('%s: the page names the parameter and why, asks and draws no figure, and links to the page without it', async (hash, name, value) => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const from = requests.length;
    await goTo(page, hash);
    const alert = page.locator('#view [role=alert]');
    expect(await alert.count()).toBe(1);
    expect(await alert.getAttribute('data-param')).toBe(name);
    expect(await alert.textContent()).toMatch(new RegExp(`^The address gives ${name}=${value.replace('.', '\\.')}, which is not a (year|month|day)`));
    expect({ tables: await page.locator('#view table').count(), charts: await page.locator('#view .chart').count() }).toEqual({ tables: 0, charts: 0 });
    expect(figureRequests(requests, from)).toEqual([]);

    await navigating(page, () => page.locator('#view a.default-link').click());
    const asked = Object.fromEntries(new URLSearchParams(hash.split('?')[1]));
    delete asked[name];
    expect(hashParams(page)).toEqual(asked);
    expect(new URL(page.url()).hash.split('?')[0]).toBe(hash.split('?')[0]);
    expect(await page.locator('#view [role=alert]').count()).toBe(0);
    expect(await page.locator('#view table').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
