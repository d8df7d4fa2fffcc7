import { chartOption, screenshot, signIn } from './support/browser';
import { inkPerCategory } from './support/chart-ink';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { labels, Row } from './support/drawn-figures';

/**
 * A suppressed value is drawn unlike a zero. A review found an analyst's bar chart drawing no bar both for a real 0 and
 * for a suppressed cell, and the stock line simply stopping where it was suppressed, as if the data ended: only the
 * tooltip told them apart. Now a suppressed value has a hatched placeholder the height of the plot (whatever the value),
 * named in the legend; a 0 still draws nothing; no number is drawn or held for a suppressed cell.
 */

jest.setTimeout(90_000);

describe("an analyst's charts", () => {
  const { server, open } = dashboardSuite();

  it('draw a suppressed bar as a placeholder and a real 0 as nothing, and name the placeholder in the legend', async () => {
    const { page, errors } = await open();
    // An answer with a real 0 for one prefecture and both figures suppressed for the other.
    const real: { total: Row; byChild: { rows: Row[] }; position: number } = await server().api('/api/reports/clearance?year=2016&withChildren=true', TOKENS.analyst);
    const [north, south] = real.byChild.rows as [Row, Row];
    const served = {
      ...real,
      byChild: {
        rows: [
          { ...north, baselineCleared: 0, target: 0, suppressed: [] },
          { ...south, baselineCleared: null, target: null, suppressed: [...new Set([...(south.suppressed ?? []), 'baselineCleared', 'target'])] },
        ],
      },
    };
    await page.route(/\/api\/reports\/clearance\?year=2016&withChildren=true$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(served) }));
    await signIn(page, server().origin, TOKENS.analyst, '#/clearance?year=2016');
    await screenshot(page, 'suppressed-chart-clearance-analyst');

    const [zero, suppressed] = await inkPerCategory(page, '#clearance-chart');
    expect({ zero, suppressedDrawn: (suppressed ?? 0) > 0 }).toEqual({ zero: 0, suppressedDrawn: true });

    const option = await chartOption(page, '#clearance-chart') as unknown as { legend: { data: string[] }[]; series: { id: string; name: string; data: unknown[] }[] };
    const words = (await labels(page, ['chart.suppressed']))['chart.suppressed'];
    expect(option.legend[0]?.data).toContain(words);
    // The figures' own series still hold null for the suppressed cell; a placeholder holds 0, never the value.
    expect(option.series.filter((s) => s.id === 'baselineCleared' || s.id === 'target').map((s) => s.data)).toEqual([[0, null], [0, null]]);
    for (const s of option.series.filter((x) => x.name === words)) expect(s.data.every((v) => v === 0 || v === '-')).toBe(true);
    expect(errors).toEqual([]);
  });

  it("draw the stock line's and bars' suppressed months as placeholders, unlike months that are 0", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.analyst, '#/stock?year=2016&division=P02');
    await screenshot(page, 'suppressed-chart-stock-analyst');
    const { months }: { months: Row[] } = await server().api('/api/reports/monthly?year=2016&division=P02', TOKENS.analyst);
    const ids = ['stockAtEnd', 'identified', 'cleared'];
    const allZero = months.map((m) => ids.every((id) => m[id] === 0 && !(m.suppressed ?? []).includes(id)));
    const lineSuppressed = months.map((m) => (m.suppressed ?? []).includes('stockAtEnd'));
    // The fixture holds both: months with nothing yet (0), and months whose stock of 3 an analyst sees suppressed.
    expect({ zeros: allZero.some(Boolean), suppressed: lineSuppressed.some(Boolean) }).toEqual({ zeros: true, suppressed: true });

    const ink = await inkPerCategory(page, '#stock-chart');
    expect(months.map((m, i) => ({ month: m['month'], drawn: (ink[i] ?? 0) > 0 })).filter((_, i) => allZero[i] || lineSuppressed[i]))
      .toEqual(months.map((m, i) => ({ month: m['month'], drawn: !!lineSuppressed[i] })).filter((_, i) => allZero[i] || lineSuppressed[i]));

    // The tooltip still says so over a suppressed month.
    const i = lineSuppressed.indexOf(true);
    const point = await page.evaluate((index) => {
      const el = document.getElementById('stock-chart') as HTMLElement;
      const chart = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { convertToPixel(f: object, v: number[]): number[] } } }).echarts.getInstanceByDom(el);
      const [x, y] = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [index, 0]) as [number, number];
      const box = el.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y - 30 };
    }, i);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('#stock-chart div', { hasText: String(months[i]?.['month']) }).first();
    await tooltip.waitFor({ state: 'visible' });
    const words = await labels(page, ['field.stockAtEnd', 'cell.suppressed']);
    expect(await tooltip.textContent()).toContain(`${words['field.stockAtEnd']}${words['cell.suppressed']}`);
    expect(errors).toEqual([]);
  });
});
