import type { Browser } from 'playwright-core';
import { identified, journey } from '../support/journey';
import { Server, startServer } from '../support/server';
import { STONE_BRIDGE, TOKENS, TOWNSHIP, WILLOW } from '../support/tokens';
import { chartOption, goTo, launchChromium, openPage, signIn, Watched } from './support/browser';
import { drawnTable, Format, labels, Mismatch, Row, rowMismatches } from './support/drawn-figures';
import { nameOf } from './support/viewers';

/**
 * Audit: a caseworker of a village, and one of a township, see the API's figures on every page
 * (the dashboard fixture has caseworkers at the root and a prefecture only): on the example
 * region, Willow's caseworker and Ferry Township's, each page of its home:
 * - clearance: the one row (a village has no children) or the children and total, every column, and the chart;
 * - identified stock: the chart's series and the table's twelve months;
 * - monthly: the monthly table, the backlog lists' lengths and households;
 * - the picker offers the home's subtree only, and the breadcrumb starts at the home;
 * - a household of the other village is refused on the household page, no figure drawn.
 */

jest.setTimeout(180_000);

const CLEARANCE: [string, Format][] = [
  ['baseline', 'count'], ['cumulativeShare', 'share'], ['target', 'count'], ['baselineCleared', 'count'], ['achievement', 'ratio'],
  ['underReview', 'count'], ['identifiedInYear', 'count'], ['clearedInYear', 'count'], ['relapsedInYear', 'count'], ['stockAtEnd', 'count'],
  ['withdrawnInYear', 'count'], ['exemptedInYear', 'count'], ['deregisteredInYear', 'count'],
];
const MONTHLY: [string, Format][] = ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'].map((k) => [k, 'count']);
const LISTS = ['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'];
const WORDS = ['cell.suppressed', 'cell.empty', 'common.total', ...[...CLEARANCE, ...MONTHLY].map(([k]) => `field.${k}`)];

describe("a village's and a township's caseworker see the API's figures on every page", () => {
  let server: Server;
  let browser: Browser;
  const opened: Watched[] = [];
  const api = async (path: string, token: string): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any -- report rows of several shapes
    const answer = await server.request('GET', path, { token });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    return answer.body;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    // Willow: three cleared and visited once, one cleared and never visited, one identified; Stone Bridge: one cleared, one identified.
    const commands: [string, Record<string, unknown>[]][] = [
      ...['w1', 'w2', 'w3'].map((id): [string, Record<string, unknown>[]] => [TOKENS.willow, journey(id, WILLOW)]),
      [TOKENS.willow, journey('w4', WILLOW).slice(0, 8)], [TOKENS.willow, identified('w5', WILLOW)],
      [TOKENS.stoneBridge, journey('s1', STONE_BRIDGE).slice(0, 8)], [TOKENS.stoneBridge, identified('s2', STONE_BRIDGE)],
    ];
    for (const [token, steps] of commands)
      for (const json of steps) expect((await server.request('POST', '/api/commands', { token, json })).status).toBe(201);
  });
  afterEach(async () => {
    for (const w of opened.splice(0)) await w.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['Willow Village', TOKENS.willow, WILLOW, [WILLOW]],
    ['Ferry Township', TOKENS.township, TOWNSHIP, [TOWNSHIP, WILLOW, STONE_BRIDGE]],
  ])("%s's caseworker: every page of its home draws the API's figures, its picker offers its subtree", async (_home, token, home, offered) => {
    const w = await openPage(browser);
    opened.push(w);
    const { page, errors, requests } = w;
    await signIn(page, server.url, token, '#/clearance?year=2016');
    const words = await labels(page, WORDS);
    const mismatches: Mismatch[] = [];
    const children = home === TOWNSHIP;

    const clearance: { total: Row; byChild: { rows: Row[] } | null } = await api('/api/reports/clearance?year=2016&withChildren=true', token);
    const rows = children ? [...(clearance.byChild?.rows ?? []), clearance.total] : [clearance.total];
    const c = await drawnTable(page, '#clearance-table');
    expect(c.body.map((cells) => cells[0])).toEqual(rows.map((r, i) => (children && i === rows.length - 1 ? `${words['common.total']} · ${nameOf(home)}` : nameOf(r.division))));
    mismatches.push(...rowMismatches('clearance', c, rows, CLEARANCE, words));
    const bars = children ? rows.slice(0, -1) : rows;
    const option = await chartOption(page, '#clearance-chart');
    expect({ x: option.xAxis[0]?.data, cleared: option.series.find((s) => s.id === 'baselineCleared')?.data, target: option.series.find((s) => s.id === 'target')?.data })
      .toEqual({ x: bars.map((r) => nameOf(r.division)), cleared: bars.map((r) => r['baselineCleared']), target: bars.map((r) => r['target']) });
    expect(await page.locator('#breadcrumb > *').allTextContents()).toEqual([nameOf(home)]);

    await goTo(page, '#/stock?year=2016');
    const { months }: { months: Row[] } = await api('/api/reports/monthly?year=2016', token);
    const s = await drawnTable(page, '#stock-table');
    expect(s.body.map((cells) => cells[0])).toEqual(months.map((m) => m['month']));
    mismatches.push(...rowMismatches('stock', s, months, MONTHLY, words));
    const stock = await chartOption(page, '#stock-chart');
    for (const id of ['stockAtEnd', 'identified', 'cleared'])
      expect({ id, data: stock.series.find((x) => x.id === id)?.data }).toEqual({ id, data: months.map((m) => m[id]) });
    expect(await page.locator('select[name=division] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(offered);

    await goTo(page, '#/monthly?month=2016-07&asOf=2016-12-31');
    const monthly: { total: Row; byChild: { rows: Row[] } | null } = await api('/api/reports/monthly?month=2016-07&withChildren=true', token);
    mismatches.push(...rowMismatches('monthly', await drawnTable(page, '#monthly-table'), [...(children ? monthly.byChild?.rows ?? [] : []), monthly.total], MONTHLY, words));
    const backlog: Record<string, { householdId: string }[]> = await api('/api/reports/backlog?asOf=2016-12-31', token);
    for (const key of LISTS) {
      const list = page.locator(`[data-list=${key}]`);
      const drawn = { heading: /\(\d+\)$/.exec(((await list.locator('h4').textContent()) ?? '').trim())?.[0], households: await list.locator('tbody tr td:first-child').allTextContents() };
      expect({ key, ...drawn }).toEqual({ key, heading: `(${backlog[key]?.length})`, households: backlog[key]?.map((r) => r.householdId) });
    }
    expect(mismatches).toEqual([]);
    // The fixture's own arithmetic: Willow cleared four of its five; the township five of seven.
    expect(clearance.total['baselineCleared']).toBe(children ? 5 : 4);
    expect(backlog['referralsOwed']?.map((r) => r.householdId).sort()).toEqual(children ? ['s2', 'w5'] : ['w5']);
    expect(backlog['followUpsOverdue']?.map((r) => r.householdId).sort()).toEqual(children ? ['s1', 'w1', 'w2', 'w3', 'w4'] : ['w1', 'w2', 'w3', 'w4']);
    expect(requests.filter((u) => /division=(R|P01)(&|$)/.test(u))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("Willow's caseworker is refused a Stone Bridge household, and the page draws no figure of it", async () => {
    const w = await openPage(browser);
    opened.push(w);
    expect((await server.request('GET', '/api/households/s1', { token: TOKENS.willow })).status).toBe(403);
    await signIn(w.page, server.url, TOKENS.willow, '#/household/s1');
    expect(await w.page.locator('#household [role=alert]').count()).toBe(1);
    expect(await w.page.locator('#household table').count()).toBe(0);
  });
});
