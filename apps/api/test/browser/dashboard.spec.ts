import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { chartOption, goTo, navigating, screenshot, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { CLEAR_S1, DIVISIONS, WILLOW } from './support/fixture-region';

jest.setTimeout(90_000);

const nameOf = (code: string) => DIVISIONS.find((d) => d.code === code)?.name;

describe('the dashboard in headless Chromium', () => {
  const { server, open } = dashboardSuite();

  it('loads every page with no console error and no request leaving the host', async () => {
    const w = await open();
    await signIn(w.page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    await goTo(w.page, '#/stock?year=2016');
    await screenshot(w.page, 'stock-auditor');
    const months = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      server().api(`/api/reports/monthly?month=2016-${String(i + 1).padStart(2, '0')}`, TOKENS.auditor)));
    const stock = await chartOption(w.page, '#stock-chart');
    expect(stock.series.find((s) => s.id === 'stockAtEnd')?.data).toEqual(months.map((m) => m.stockAtEnd));
    expect(stock.series.find((s) => s.id === 'cleared')?.data).toEqual(months.map((m) => m.cleared));
    expect(months.map((m) => m.stockAtEnd)).toEqual([0, 0, 0, 10, 10, 10, 2, 2, 2, 2, 2, 2]);
    await goTo(w.page, '#/monthly?month=2016-07&asOf=2016-12-31');
    await screenshot(w.page, 'monthly-auditor');
    await goTo(w.page, '#/household/w1');
    await screenshot(w.page, 'household-auditor');
    expect(w.errors).toEqual([]);
    expect(w.requests.length).toBeGreaterThan(10);
    expect(w.requests.filter((u) => new URL(u).origin !== server().origin)).toEqual([]);
    expect(w.requests).toContain(`${server().origin}/dashboard/vendor/echarts.min.js`);
  });

  it("draws the clearance chart with the API's figures, one bar pair per prefecture", async () => {
    const w = await open();
    await signIn(w.page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const report = await server().api('/api/reports/clearance?year=2016&byChild=true', TOKENS.auditor);
    const option = await chartOption(w.page, '#clearance-chart');
    expect(option.xAxis[0]?.data).toEqual(report.rows.map((r: { division: string }) => nameOf(r.division)));
    expect(option.series.find((s) => s.id === 'baselineCleared')?.data).toEqual(report.rows.map((r: { baselineCleared: number }) => r.baselineCleared));
    expect(option.series.find((s) => s.id === 'target')?.data).toEqual(report.rows.map((r: { target: number }) => r.target));
    // The fixture's own arithmetic, so that a chart and an API that agree on a wrong figure still fail.
    expect(option.series.find((s) => s.id === 'baselineCleared')?.data).toEqual([6, 2]);
    expect(option.series.find((s) => s.id === 'target')?.data).toEqual([2, 1]);
    await screenshot(w.page, 'clearance-region');
    expect(w.errors).toEqual([]);
  });

  it('drills down from the region to a village by clicking a bar, then table rows, and back up by the breadcrumb', async () => {
    const w = await open();
    const { page } = w;
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const crumb = () => page.locator('#breadcrumb [aria-current=page]').textContent();
    expect(await crumb()).toBe('Fixture Region');

    // A click in the middle of North Prefecture's first bar, where ECharts laid it out.
    const point = await page.evaluate(() => {
      const el = document.getElementById('clearance-chart') as HTMLElement;
      type Layout = { x: number; y: number; width: number; height: number };
      type Chart = { getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): Layout } } } };
      const chart = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): Chart } }).echarts.getInstanceByDom(el);
      const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);
      const box = el.getBoundingClientRect();
      return { x: box.left + bar.x + bar.width / 2, y: box.top + bar.y + bar.height / 2 };
    });
    await navigating(page, () => page.mouse.click(point.x, point.y));
    expect(await crumb()).toBe('North Prefecture');

    for (const next of ['River County', 'Ferry Township', 'Willow Village']) {
      await navigating(page, () => page.locator('#clearance-table tr.clickable', { hasText: next }).click());
      expect(await crumb()).toBe(next);
    }
    expect(await page.locator('#breadcrumb [aria-current=page]').getAttribute('data-level')).toBe('village');
    const village = await server().api(`/api/reports/clearance?year=2016&division=${WILLOW}`, TOKENS.auditor);
    const option = await chartOption(page, '#clearance-chart');
    expect(option.series.find((s) => s.id === 'baselineCleared')?.data).toEqual([village.baselineCleared]);
    expect(village.baselineCleared).toBe(6);
    await screenshot(page, 'clearance-village');

    await navigating(page, () => page.locator('#breadcrumb a', { hasText: 'North Prefecture' }).click());
    expect(await crumb()).toBe('North Prefecture');
    expect(w.errors).toEqual([]);
  });

  it("keeps a caseworker's pickers and breadcrumbs inside their division, which the pages open on", async () => {
    const { page, errors, requests } = await open();
    await signIn(page, server().origin, TOKENS.pine, '#/clearance?year=2016');
    expect(await page.locator('#breadcrumb > *').allTextContents()).toEqual(['South Prefecture']);
    const option = await chartOption(page, '#clearance-chart');
    expect(option.xAxis[0]?.data).toEqual(['Hill County']);
    await goTo(page, '#/stock?year=2016');
    expect(await page.locator('select[name=division] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['P02', 'P02C01', 'P02C01T01', 'P02C01T01V01']);
    expect(await page.locator('select[name=division]').inputValue()).toBe('P02');
    expect(requests.filter((u) => u.includes('division=P01') || u.includes('division=R'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows an analyst no count from 1 to 4, in tables or charts, only 'suppressed'", async () => {
    const { page, errors } = await open();
    // A target is computed from the baseline, not counted: shown beside a shown baseline, whatever its size (decision 176).
    const visibleSmallCounts = () => page.evaluate(() =>
      Array.from(document.querySelectorAll('#view table')).flatMap((table) => {
        const headers = Array.from(table.querySelectorAll('th')).map((th) => (th.textContent ?? '').trim());
        return Array.from(table.querySelectorAll('td')).filter((td) => headers[td.cellIndex] !== 'Target')
          .map((td) => (td.textContent ?? '').trim()).filter((text) => /^[1-4]$/.test(text));
      }));
    const targetsBesideHiddenBaselines = () => page.evaluate(() =>
      Array.from(document.querySelectorAll('#view table')).flatMap((table) => {
        const headers = Array.from(table.querySelectorAll('th')).map((th) => (th.textContent ?? '').trim());
        const [baseline, target] = [headers.indexOf('Baseline'), headers.indexOf('Target')];
        if (target < 0) return [];
        return Array.from(table.querySelectorAll('tbody tr')).filter((tr) => {
          const cells = (tr as HTMLTableRowElement).cells;
          return cells[baseline]?.querySelector('.suppressed') !== null && cells[target]?.querySelector('.suppressed') === null;
        }).map((tr) => (tr.textContent ?? '').slice(0, 40));
      }));
    const chartSmallCounts = async (selector: string) =>
      (await chartOption(page, selector)).series.filter((s) => s.id !== 'target').flatMap((s) => s.data).filter((v) => typeof v === 'number' && v >= 1 && v <= 4);

    await signIn(page, server().origin, TOKENS.analyst, '#/clearance?year=2016');
    expect(await visibleSmallCounts()).toEqual([]);
    expect(await targetsBesideHiddenBaselines()).toEqual([]);
    expect(await chartSmallCounts('#clearance-chart')).toEqual([]);
    expect(await page.locator('#clearance-table .suppressed').count()).toBeGreaterThan(0);
    await screenshot(page, 'clearance-analyst');

    await navigating(page, () => page.locator('#clearance-table tr.clickable', { hasText: 'South Prefecture' }).click());
    expect(await visibleSmallCounts()).toEqual([]);
    expect(await chartSmallCounts('#clearance-chart')).toEqual([]);

    await goTo(page, '#/stock?year=2016&division=P02');
    expect(await visibleSmallCounts()).toEqual([]);
    expect(await chartSmallCounts('#stock-chart')).toEqual([]);

    await goTo(page, '#/monthly?month=2016-07&asOf=2016-12-31');
    expect(await visibleSmallCounts()).toEqual([]);
    expect(await page.locator('#monthly-table .suppressed').count()).toBeGreaterThan(0);
    await screenshot(page, 'monthly-analyst');
    expect(errors).toEqual([]);
  });

  it("downloads the monthly table as .xlsx holding the API's figures, and an analyst's suppressed", async () => {
    const month = '2016-07';
    for (const token of [TOKENS.auditor, TOKENS.analyst]) {
      const { page, errors } = await open();
      await signIn(page, server().origin, token, `#/monthly?month=${month}`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="monthly.xlsx"]')]);
      expect(download.suggestedFilename()).toBe(`monthly-${month}-R.xlsx`);
      const bytes = readFileSync(await download.path());
      const workbook = new Workbook();
      await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      const header = (sheet?.getRow(1).values as unknown[]).slice(1);
      const rows = [2, 3, 4].map((n) => (sheet?.getRow(n).values as unknown[]).slice(1));
      const byColumn = (row: unknown[]) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? null]));

      const total = await server().api(`/api/reports/monthly?month=${month}`, token);
      const byChild = await server().api(`/api/reports/monthly?month=${month}&byChild=true`, token);
      const expected = [total, ...byChild.rows];
      expect(rows.map(byColumn).map((r) => r['division'])).toEqual(expected.map((r) => r.division));
      for (const [i, row] of rows.map(byColumn).entries())
        for (const field of ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'])
          expect({ division: row['division'], field, value: row[field] }).toEqual({
            division: expected[i].division, field, value: expected[i][field] === null ? 'suppressed' : expected[i][field],
          });
      if (token === TOKENS.auditor) expect(byColumn(rows[0] as unknown[])['cleared']).toBe(8);
      else expect(rows.flat().filter((v) => typeof v === 'number' && v >= 1 && v <= 4)).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('offers the progress table as CSV with the same figures as the API', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-06');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="progress.csv"]')]);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(','));
    const header = lines[0] as string[];
    const total = await server().api('/api/reports/progress?month=2016-06', TOKENS.auditor);
    const col = (name: string) => header.indexOf(name);
    expect(lines[1]?.[col('division')]).toBe('R');
    expect(Number(lines[1]?.[col('employmentsStartedByForm.enterprise')])).toBe(total.employmentsStartedByForm.enterprise);
    expect(total.employmentsStartedByForm.enterprise).toBe(8);
    expect(Number(lines[1]?.[col('referralsAccepted')])).toBe(total.referralsAccepted);
    expect(errors).toEqual([]);
  });

  it('lists the members owed a referral, each household linked to its timeline', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-12&asOf=2016-12-31');
    const backlog = await server().api('/api/reports/backlog?asOf=2016-12-31', TOKENS.auditor);
    const owed = page.locator('[data-list=referralsOwed] tbody tr');
    expect(await owed.count()).toBe(backlog.referralsOwed.length);
    expect(backlog.referralsOwed.map((r: { householdId: string }) => r.householdId).sort()).toEqual(['p3', 's1']);
    await navigating(page, () => page.locator('[data-list=referralsOwed] a.household-link', { hasText: 's1' }).click());
    expect(page.url()).toContain('#/household/s1?asOf=2016-12-31');
    expect(await page.locator('#household-status').getAttribute('data-status')).toBe('identified');
    expect(errors).toEqual([]);
  });

  it("draws a long backlog list's first 100 rows, counts it whole, and draws the rest when asked", async () => {
    const { page, errors } = await open();
    const real = await server().api('/api/reports/backlog?asOf=2016-12-31', TOKENS.auditor);
    const entry = real.referralsOwed[0] as { householdId: string; memberId: string };
    // The service's answer, its first list made as long as a whole region's: 250 members owed referrals.
    const long = { ...real, referralsOwed: Array.from({ length: 250 }, (_, i) => ({ ...entry, householdId: `${entry.householdId}-${i}`, memberId: `m${i}` })) };
    await page.route('**/api/reports/backlog?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(long) }));
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-12&asOf=2016-12-31');
    const list = page.locator('[data-list=referralsOwed]');
    expect(await list.locator('tbody tr').count()).toBe(100);
    expect(await list.locator('h4').textContent()).toContain('(250)');
    expect(await list.locator('p.more').textContent()).toContain('The first 100 of 250 are shown.');
    expect(await list.locator('tbody tr').nth(99).textContent()).toContain(`${entry.householdId}-99`);
    await list.locator('button.show-all').click();
    expect(await list.locator('tbody tr').count()).toBe(250);
    expect(await list.locator('p.more').count()).toBe(0);
    expect(await list.locator('tbody tr').last().textContent()).toContain(`${entry.householdId}-249`);
    // A short list is drawn whole, with no button.
    expect(await page.locator('[data-list=followUpsOverdue] button.show-all').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('refuses a wrong token and forgets the token on sign-out', async () => {
    const { page } = await open();
    await page.goto(`${server().origin}/dashboard/`);
    await page.fill('#token', 'not-a-token-anyone-was-given');
    await page.click('#signin-form button[type=submit]');
    await page.locator('#signin-error').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.getItem('hearth.token'))).toBeNull();
    await signIn(page, server().origin, TOKENS.auditor);
    expect(await page.evaluate(() => sessionStorage.getItem('hearth.token'))).toBe(TOKENS.auditor);
    await page.click('#signout');
    expect(await page.evaluate(() => sessionStorage.getItem('hearth.token'))).toBeNull();
    expect(await page.locator('#signin').isVisible()).toBe(true);
  });

  it('switches every label to Simplified Chinese and back', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    expect(await page.locator('#view h2').textContent()).toContain('Annual clearance against target');
    await navigating(page, () => page.click('#lang'));
    expect(await page.locator('#view h2').textContent()).toContain('年度清零目标完成情况');
    expect(await page.locator('#nav').textContent()).toContain('家庭档案');
    for (const hash of ['#/stock?year=2016', '#/monthly?month=2016-07&asOf=2016-12-31', '#/household/w1']) await goTo(page, hash);
    await screenshot(page, 'household-zh');
    // A string, so that the test's compiler leaves the browser's dynamic import alone.
    const check = await page.evaluate(`(async () => {
      const i18n = await import('/dashboard/js/i18n.js');
      const en = Object.keys(i18n.dictionaries.en).sort();
      const zh = Object.keys(i18n.dictionaries.zh).sort();
      return { missing: [...i18n.missing], sameKeys: JSON.stringify(en) === JSON.stringify(zh), keys: en.length };
    })()`);
    expect(check).toEqual({ missing: [], sameKeys: true, keys: expect.any(Number) });
    await navigating(page, () => page.click('#lang'));
    expect(await page.locator('#view h2').textContent()).toContain('Household audit timeline');
    expect(errors).toEqual([]);
  });

  it('refreshes the figures by itself after a command is accepted', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const northCleared = async () => (await chartOption(page, '#clearance-chart')).series.find((s) => s.id === 'baselineCleared')?.data[0];
    expect(await northCleared()).toBe(6);
    const results: { status: number }[] = await server().api('/api/commands/batch', TOKENS.caseworker, CLEAR_S1);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    await page.waitForFunction(() => {
      const el = document.getElementById('clearance-chart') as HTMLElement;
      const option = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { getOption(): { series: { data: number[] }[] } } } }).echarts.getInstanceByDom(el).getOption();
      return option.series[0]?.data[0] === 7;
    });
    const report = await server().api('/api/reports/clearance?year=2016&byChild=true', TOKENS.auditor);
    expect(report.rows[0].baselineCleared).toBe(7);
    expect(await page.locator('#clearance-table tbody tr').first().textContent()).toContain('North Prefecture');
    expect(errors).toEqual([]);
  });
});
