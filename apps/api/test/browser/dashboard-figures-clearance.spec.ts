import type { Page } from 'playwright-core';
import { chartOption, goTo, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { cellMatches, drawnTable, expectedCell, figurePaths, Format, labels, Row } from './support/drawn-figures';
import { hasChildren, nameOf, subtree, VIEWERS } from './support/viewers';

/**
 * Audit: every figure the annual clearance and identified-stock pages draw is the API's, for
 * every role that may see them (caseworker at the root, caseworker of South Prefecture,
 * auditor, analyst), on every division of the viewer's subtree, in 2016 and 2017:
 * - clearance table: all thirteen columns cell by cell (dashboard-one-snapshot.spec.ts compares
 *   eight counts at the viewer's home only), the cumulative share as an exact percentage and the
 *   achievement rounded as README/decision 0156 say, a suppressed cell drawn as the suppressed
 *   mark element, the total row the one answered with its children (withChildren, decision 165);
 * - clearance chart: its categories and both series, an analyst's suppressed bar missing (null), never 0,
 *   and its tooltip saying 'suppressed' for it;
 * - stock page: its chart's three series and its table against the year's one answer, at each division;
 * - shares and achievements the fixture cannot make (0.1859, 0.9996, 0.00033, 0.29), drawn from an
 *   answer the test serves in the API's place: 18.59%, 99.96% (never 100.0%), 0.03% (never 0.0%), 29.0%.
 */

jest.setTimeout(180_000);

const CLEARANCE_COLUMNS: [string, Format][] = [
  ['baseline', 'count'], ['cumulativeShare', 'share'], ['target', 'count'], ['baselineCleared', 'count'], ['achievement', 'ratio'],
  ['underReview', 'count'], ['identifiedInYear', 'count'], ['clearedInYear', 'count'], ['relapsedInYear', 'count'], ['stockAtEnd', 'count'],
  ['withdrawnInYear', 'count'], ['exemptedInYear', 'count'], ['deregisteredInYear', 'count'],
];
/** The fixture's year, and the next, whose cumulative share, target and stock carried over differ. */
const YEARS = [2016, 2017];
const MONTHLY_FIELDS = ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
const WORDS = ['cell.suppressed', 'cell.empty', 'common.total', 'col.month', ...CLEARANCE_COLUMNS.map(([k]) => `field.${k}`), ...MONTHLY_FIELDS.map((k) => `field.${k}`)];

interface Mismatch { division: string; row: string; column: string; drawn: string | undefined; api: string; marked?: boolean }

describe('every figure the clearance and stock pages draw is the API\'s, for every role', () => {
  const { server, open } = dashboardSuite();

  /** Every clearance cell of the page at `division` that differs from the withChildren answer, and the chart's. */
  const clearanceMismatches = async (page: Page, token: string, year: number, division: string, words: Record<string, string>) => {
    const answer: { total: Row; byChild: { rows: Row[] } | null } = await server().api(`/api/reports/clearance?year=${year}&division=${division}&withChildren=true`, token);
    const rows = hasChildren(division) ? [...(answer.byChild?.rows ?? []), answer.total] : [answer.total];
    const names = rows.map((r, i) => (hasChildren(division) && i === rows.length - 1 ? `${words['common.total']} · ${nameOf(division)}` : nameOf(r.division)));
    const { head, body, marked } = await drawnTable(page, '#clearance-table');
    const out: Mismatch[] = [];
    // Every figure the API answers has its column, none left out.
    const omitted = figurePaths(answer.total).filter((f) => !CLEARANCE_COLUMNS.some(([k]) => k === f));
    if (omitted.length > 0) out.push({ division, row: '*', column: 'omitted', drawn: '', api: omitted.join(', ') });
    if (JSON.stringify(body.map((cells) => cells[0])) !== JSON.stringify(names))
      out.push({ division, row: '*', column: 'division', drawn: JSON.stringify(body.map((c) => c[0])), api: JSON.stringify(names) });
    for (const [i, row] of rows.entries())
      for (const [key, format] of CLEARANCE_COLUMNS) {
        const column = head.indexOf(words[`field.${key}`] as string);
        const drawn = body[i]?.[column];
        const suppressed = row.suppressed?.includes(key) ?? false;
        if (!cellMatches(drawn, row, key, format, words) || marked[i]?.[column] !== suppressed)
          out.push({ division, row: row.division, column: key, drawn, api: expectedCell(row, key, format, words), marked: marked[i]?.[column] });
      }
    // The chart draws the children (or the village's own row): an analyst's suppressed bar is null, never 0.
    const chartRows = hasChildren(division) ? (answer.byChild?.rows ?? []) : [answer.total];
    const option = await chartOption(page, '#clearance-chart');
    const chart = { x: option.xAxis[0]?.data, series: ['baselineCleared', 'target'].map((id) => option.series.find((s) => s.id === id)?.data) };
    const api = { x: chartRows.map((r) => nameOf(r.division)), series: ['baselineCleared', 'target'].map((k) => chartRows.map((r) => r[k] ?? null)) };
    if (JSON.stringify(chart) !== JSON.stringify(api)) out.push({ division, row: 'chart', column: 'series', drawn: JSON.stringify(chart), api: JSON.stringify(api) });
    return { out, rows };
  };

  it.each(VIEWERS)('the clearance page of each division %s may see draws the API\'s row for each cell', async (_who, token, home) => {
    const { page, errors } = await open();
    await signIn(page, server().origin, token, '#/clearance?year=2016');
    const words = await labels(page, WORDS);
    const mismatches: Mismatch[] = [];
    const seen: Row[] = [];
    for (const year of YEARS)
      for (const division of subtree(home)) {
        await goTo(page, `#/clearance?year=${year}&division=${division}`);
        const { out, rows } = await clearanceMismatches(page, token, year, division, words);
        mismatches.push(...out.map((m) => ({ ...m, division: `${year} ${m.division}` })));
        if (year === 2016) seen.push(...rows);
      }
    expect(mismatches).toEqual([]);
    // The fixture's own arithmetic, so that a page and an API that agree on a wrong figure still fail.
    const region = seen.find((r) => r.division === 'R');
    if (token === TOKENS.auditor) expect([region?.['baselineCleared'], region?.['target'], region?.['cumulativeShare']]).toEqual([8, 3, 0.25]);
    if (token === TOKENS.analyst) expect(seen.filter((r) => (r.suppressed ?? []).length > 0).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it.each(VIEWERS)('the identified-stock page of each division %s may see draws the year\'s answer in its chart and table', async (_who, token, home) => {
    const { page, errors } = await open();
    await signIn(page, server().origin, token, '#/stock?year=2016');
    const words = await labels(page, WORDS);
    const mismatches: Mismatch[] = [];
    for (const [year, division] of YEARS.flatMap((y) => subtree(home).map((d): [number, string] => [y, d]))) {
      await goTo(page, `#/stock?year=${year}&division=${division}`);
      const { months }: { months: Row[] } = await server().api(`/api/reports/monthly?year=${year}&division=${division}`, token);
      const option = await chartOption(page, '#stock-chart');
      for (const id of ['stockAtEnd', 'identified', 'cleared']) {
        const drawn = option.series.find((s) => s.id === id)?.data;
        const api = months.map((m) => m[id] ?? null);
        if (JSON.stringify(drawn) !== JSON.stringify(api)) mismatches.push({ division, row: 'chart', column: id, drawn: JSON.stringify(drawn), api: JSON.stringify(api) });
      }
      const { head, body, marked } = await drawnTable(page, '#stock-table');
      for (const [i, month] of months.entries()) {
        if (body[i]?.[head.indexOf(words['col.month'] as string)] !== month['month']) mismatches.push({ division, row: String(i), column: 'month', drawn: body[i]?.[0], api: String(month['month']) });
        for (const key of MONTHLY_FIELDS) {
          const column = head.indexOf(words[`field.${key}`] as string);
          const suppressed = month.suppressed?.includes(key) ?? false;
          if (!cellMatches(body[i]?.[column], month, key, 'count', words) || marked[i]?.[column] !== suppressed)
            mismatches.push({ division, row: String(month['month']), column: key, drawn: body[i]?.[column], api: expectedCell(month, key, 'count', words) });
        }
      }
      expect({ division, rows: body.length }).toEqual({ division, rows: 12 });
    }
    expect(mismatches).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('writes a share exactly and an achievement to a tenth, never rounded onto a whole percentage it is not', async () => {
    const { page, errors } = await open();
    const real: { total: Row; byChild: { rows: Row[] }; position: number } = await server().api('/api/reports/clearance?year=2016&withChildren=true', TOKENS.auditor);
    const [north, south] = real.byChild.rows as [Row, Row];
    const served = {
      ...real,
      total: { ...real.total, cumulativeShare: 0.1859, achievement: 0.29 },
      byChild: { rows: [{ ...north, cumulativeShare: 0.1859, achievement: 0.9996 }, { ...south, cumulativeShare: 0.1859, achievement: 0.00033 }] },
    };
    await page.route(/\/api\/reports\/clearance\?year=2016&withChildren=true$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(served) }));
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    const words = await labels(page, WORDS);
    const { head, body } = await drawnTable(page, '#clearance-table');
    const column = (key: string) => body.map((cells) => cells[head.indexOf(words[`field.${key}`] as string)]);
    expect(column('cumulativeShare')).toEqual(['18.59%', '18.59%', '18.59%']);
    expect(column('achievement')).toEqual(['99.96%', '0.03%', '29.0%']);
    const rows = [...served.byChild.rows, served.total];
    expect(rows.map((r, i) => cellMatches(column('achievement')[i], r, 'achievement', 'ratio', words))).toEqual([true, true, true]);
    expect(errors).toEqual([]);
  });

  it("an analyst's chart tooltip says 'suppressed' for a suppressed bar, never 0", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.analyst, '#/clearance?year=2016&division=P02');
    const words = await labels(page, WORDS);
    const answer: { byChild: { rows: Row[] } } = await server().api('/api/reports/clearance?year=2016&division=P02&withChildren=true', TOKENS.analyst);
    const hill = answer.byChild.rows[0] as Row;
    expect(hill.suppressed).toContain('baselineCleared');
    // The viewer's pointer over Hill County's category, just above the axis.
    const point = await page.evaluate(() => {
      const el = document.getElementById('clearance-chart') as HTMLElement;
      const chart = (window as unknown as { echarts: { getInstanceByDom(e: HTMLElement): { convertToPixel(f: object, v: number[]): number[] } } }).echarts.getInstanceByDom(el);
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [0, 0]) as [number, number];
      const box = el.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y - 10 };
    });
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('#clearance-chart div', { hasText: 'Hill County' }).first();
    await tooltip.waitFor({ state: 'visible' });
    const tip = (await tooltip.textContent()) ?? '';
    // Each series' line reads its name then its value: a suppressed one the mark.
    expect(tip).toContain(`${words['field.baselineCleared']}${words['cell.suppressed']}`);
    expect(tip).not.toMatch(new RegExp(`${words['field.baselineCleared']}\\s*\\d`));
    expect(errors).toEqual([]);
  });
});
