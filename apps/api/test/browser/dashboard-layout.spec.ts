import { screenshot, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';

/**
 * The tables use the width they are given. A review found <main> capped at 1200 px on a 1400 px and a 2560 px screen
 * while the 13-column clearance table scrolled sideways beside empty space; and on a 375 px phone the scrolled table
 * lost the column naming its rows.
 */

jest.setTimeout(90_000);

describe('the dashboard at several widths', () => {
  const { server, open } = dashboardSuite();

  it('at 1600 px the clearance table fits its container, no sideways scroll', async () => {
    const { page, errors } = await open();
    await page.setViewportSize({ width: 1600, height: 900 });
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const sizes = await page.evaluate(() => {
      const wrap = document.getElementById('clearance-table') as HTMLElement;
      const table = wrap.querySelector('table') as HTMLElement;
      return { wrap: wrap.clientWidth, scroll: wrap.scrollWidth, table: table.getBoundingClientRect().width };
    });
    await screenshot(page, 'layout-1600-clearance');
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.wrap);
    expect(sizes.table).toBeLessThanOrEqual(sizes.wrap);
    expect(errors).toEqual([]);
  });

  it('at 375 px the table scrolls under its division column, which stays in view', async () => {
    const { page, errors } = await open();
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const wrap = page.locator('#clearance-table');
    const scrolled = await wrap.evaluate((el) => {
      const before = el.getBoundingClientRect().left;
      el.scrollLeft = 400;
      const row = el.querySelector('tbody tr') as HTMLTableRowElement;
      const [name, second] = [row.cells[0], row.cells[1]].map((c) => (c as HTMLElement).getBoundingClientRect().left);
      return { overflows: el.scrollWidth > el.clientWidth, scrolled: el.scrollLeft > 0, wrapLeft: before, name, second };
    });
    expect({ overflows: scrolled.overflows, scrolled: scrolled.scrolled }).toEqual({ overflows: true, scrolled: true });
    // The division's cell stays at the container's left edge while the figures move under it.
    expect(Math.abs((scrolled.name as number) - scrolled.wrapLeft)).toBeLessThan(1);
    expect(scrolled.second as number).toBeLessThan(scrolled.wrapLeft);
    // And it is drawn over them, not seen through.
    const top = await page.evaluate(() => {
      const cell = document.querySelector('#clearance-table tbody tr td') as HTMLElement;
      window.scrollBy(0, cell.getBoundingClientRect().top - 200);
      const box = cell.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
      return hit?.closest('td') === cell ? true : `${hit?.tagName}.${hit?.className} ${(hit?.textContent ?? '').slice(0, 30)} at ${box.left},${box.top}`;
    });
    expect(top).toBe(true);
    await page.locator('#clearance-table a.row-link').first().focus();
    await screenshot(page, 'layout-375-clearance-scrolled');
    expect(errors).toEqual([]);
  });
});
