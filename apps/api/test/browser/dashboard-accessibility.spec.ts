import type { Page } from 'playwright-core';
import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { CLEAR_S1 } from './support/fixture-region';

/**
 * What a keyboard and a screen reader get. A review found a focused clickable row drawn with `outline: none` on a
 * background of 1.13:1 against white; rows that were `tr`s with no role, Space doing nothing, and the Total row a tab
 * stop that opened nothing; tables with no caption and no row headers; all of <main> `aria-live`, so every live refresh
 * read whole tables out again; and the language button named "Language" while it reads "中文" (WCAG 2.5.3).
 */

jest.setTimeout(120_000);

/** WCAG's contrast ratio of two CSS colours `rgb(…)`. */
const contrast = (a: string, b: string): number => {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** Tabs from the page's Show button until the focus is in the clearance table; what it reached there. */
const tabIntoTable = async (page: Page) => {
  await page.locator('#view form.controls button[type=submit]').focus();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.closest('#clearance-table') !== null)) break;
  }
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const cell = el.closest('td, th') as HTMLElement | null;
    return {
      tag: el.tagName, text: (el.textContent ?? '').trim(),
      outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor },
      rowBackground: cell ? getComputedStyle(cell).backgroundColor : '',
    };
  });
};

describe('the dashboard for a keyboard and a screen reader', () => {
  const { server, open } = dashboardSuite();

  it("a clearance row's division is a link with a visible focus, which Enter and Space both open; the Total row is no tab stop", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    expect(await page.locator('#view tr[tabindex], #view tr[role]').count()).toBe(0);
    // The Total row opens nothing, so nothing in it takes the focus.
    expect(await page.locator('#clearance-table tr.total').count()).toBe(1);
    expect(await page.locator('#clearance-table tr.total a, #clearance-table tr.total [tabindex]').count()).toBe(0);

    const focused = await tabIntoTable(page);
    expect({ tag: focused.tag, text: focused.text }).toEqual({ tag: 'A', text: 'North Prefecture' });
    expect(focused.outline.style).toBe('solid');
    expect(focused.outline.width).toBeGreaterThanOrEqual(2);
    expect(contrast(focused.outline.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
    expect(contrast(focused.outline.color, focused.rowBackground)).toBeGreaterThanOrEqual(3);

    // Space on the next row's name opens South Prefecture; back at the root, Enter opens North Prefecture.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('South Prefecture');
    await navigating(page, () => page.keyboard.press(' '));
    expect(new URL(page.url()).hash).toBe('#/clearance?year=2016&division=P02');
    await goTo(page, '#/clearance?year=2016');
    await tabIntoTable(page);
    await navigating(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).hash).toBe('#/clearance?year=2016&division=P01');
    expect(errors).toEqual([]);
  });

  it('every figure table has a caption, and each row a header naming it', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const tables = (p: Page) => p.evaluate(() => Array.from(document.querySelectorAll('#view table')).map((table) => ({
      caption: (table.querySelector('caption')?.textContent ?? '').trim(),
      rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) => {
        const headers = tr.querySelectorAll('th[scope=row], [role=rowheader]');
        return headers.length === 1 ? (headers[0]?.textContent ?? '').trim() : `${headers.length} row headers`;
      }),
    })));
    expect(await tables(page)).toEqual([{ caption: 'Annual clearance against target · 2016 · Fixture Region', rows: ['North Prefecture', 'South Prefecture', 'Total · Fixture Region'] }]);
    // Read as a screen reader reads them: the table named by its caption, the row header by its division.
    expect(await page.getByRole('table', { name: 'Annual clearance against target · 2016 · Fixture Region' }).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'South Prefecture' }).count()).toBe(1);

    await goTo(page, '#/stock?year=2016&division=P01');
    const stock = await tables(page);
    expect(stock.map((t) => t.caption)).toEqual(['Identified stock, month by month · North Prefecture · 2016']);
    expect(stock[0]?.rows).toEqual(Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`));

    await goTo(page, '#/monthly?month=2016-07&asOf=2016-12-31');
    const monthly = await tables(page);
    expect(monthly.filter((t) => t.caption === '' || t.rows.some((r) => r.endsWith('row headers')))).toEqual([]);
    expect(monthly.slice(0, 2).map((t) => t.caption)).toEqual(['Monthly dynamic clearance table · 2016-07 · Fixture Region', 'Monthly progress table · 2016-07 · Fixture Region']);
    expect(monthly[0]?.rows).toEqual(['North Prefecture', 'South Prefecture', 'Total · Fixture Region']);
    expect(errors).toEqual([]);
  });

  it("the language button's accessible name is the text it shows", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const lang = page.locator('#lang');
    expect(await lang.textContent()).toBe('中文');
    expect(await page.getByRole('button', { name: '中文', exact: true }).count()).toBe(1);
    expect(await lang.ariaSnapshot()).toBe('- button "中文"');
    await navigating(page, () => lang.click());
    expect(await lang.textContent()).toBe('English');
    expect(await lang.ariaSnapshot()).toBe('- button "English"');
    expect(errors).toEqual([]);
  });

  it('only a short status line is live: a refresh announces where the figures now stand, not the tables', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const live = () => page.evaluate(() => Array.from(document.querySelectorAll('[aria-live], [role=status], [role=log], [role=alert]'))
      .filter((el) => el.getAttribute('aria-live') !== 'off' && el.closest('[hidden]') === null)
      .map((el) => ({ id: el.id, tables: el.querySelectorAll('table').length })));
    expect(await page.locator('#view').getAttribute('aria-live')).toBeNull();
    expect(await live()).toEqual([{ id: 'figures-status', tables: 0 }]);

    // The ledger moves: the page draws the new figures, and the line says so.
    const results: { status: number }[] = await server().api('/api/commands/batch', TOKENS.caseworker, CLEAR_S1);
    expect(results.every((r) => r.status < 300)).toBe(true);
    await page.waitForFunction(() => /\d/.test(document.getElementById('figures-status')?.textContent ?? ''));
    const position = await page.evaluate(() => document.getElementById('view')?.dataset['position']);
    const expected = await page.evaluate(`(async () => (await import('/dashboard/js/i18n.js')).t('app.figuresUpdated', { position: ${JSON.stringify(position)} }))()`);
    expect(expected).toBe(`Figures updated to ledger position ${position}.`);
    expect(await page.locator('#figures-status').textContent()).toBe(expected);
    expect(await live()).toEqual([{ id: 'figures-status', tables: 0 }]);
    expect(errors).toEqual([]);
  });
});
