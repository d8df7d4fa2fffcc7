import type { Page } from 'playwright-core';
import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { drawnTable, labels } from './support/drawn-figures';
import { DIVISIONS } from './support/fixture-region';
import { lineage, nameOf, subtree } from './support/viewers';

/**
 * Audit: what the pickers offer and what the household page draws, for every role that may see them.
 * - pickers: on the monthly and stock pages a caseworker at the root is offered every division,
 *   the caseworker of South Prefecture only its subtree (dashboard.spec.ts pins the stock page's
 *   for South Prefecture only), depth-first, the division shown selected; the clearance page's
 *   breadcrumb of a village starts at the viewer's home;
 * - household page: its summary (status, division's lineage, as-of date), every member's cells and
 *   every event's position, date, type, actor, recording time, note and hash mark, as the API
 *   answers the same token, for a caseworker at the root, the caseworker of South Prefecture (its
 *   own household) and an auditor, latest and as of a date; the event count in its heading;
 * - a household outside a caseworker's subtree, or any to an analyst: the page draws the refusal, no figure.
 */

jest.setTimeout(180_000);

const pickerOffers = (page: Page) => page.locator('select[name=division] option').evaluateAll((os) =>
  os.map((o) => ({ code: (o as HTMLOptionElement).value, text: (o.textContent ?? '').replace(/\u00a0/g, ' ') })));

interface Member { memberId: string; birthYear: number; sex?: string; laborCapacity?: string; willing: boolean; eligible: boolean; employed: boolean; removed: boolean }
interface Event { position: number; occurredOn: string; type: string; actor: string; recordedAt: string; note: string | null; hashOk: boolean }

describe('what the pickers offer and what the household page draws, for every role', () => {
  const { server, open } = dashboardSuite();

  it('a division outside a caseworker\'s subtree, asked by its link, is the one the picker names, and Show asks for it again (a review, 2026-12-08)', async () => {
    const { page } = await open();
    await signIn(page, server().origin, TOKENS.pine, '#/clearance?year=2016');
    for (const hash of ['#/stock?year=2016&division=P01', '#/monthly?month=2016-07&asOf=2016-12-31&division=P01']) {
      await goTo(page, hash);
      // Before, the picker (offering only South Prefecture's subtree) fell back to its first option, P02, and Show opened it.
      expect({ hash, selected: await page.locator('select[name=division]').inputValue() }).toEqual({ hash, selected: 'P01' });
      await navigating(page, () => page.click('form.controls button[type=submit]'));
      expect({ hash, after: await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('division')) }).toEqual({ hash, after: 'P01' });
    }
  });

  it('the clearance page\'s hint is one sentence pair in each language, ended as that language ends them', async () => {
    const { page } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2016');
    expect(await page.locator('#breadcrumb + p.hint').textContent()).toBe('By Prefecture. Click a bar or a row to go down a level.');
    await navigating(page, () => page.locator('#lang').click());
    const zh = (await page.locator('#breadcrumb + p.hint').textContent()) ?? '';
    expect(zh).toMatch(/^按.+。点击柱形或表格行可进入下一级。$/);
    expect(zh).not.toContain('. ');
  });

  it.each([
    ['a caseworker at the root', TOKENS.caseworker, 'R'],
    ['a caseworker of South Prefecture', TOKENS.pine, 'P02'],
  ])('%s is offered its subtree, and only it, in every picker', async (_who, token, home) => {
    const { page, errors, requests } = await open();
    await signIn(page, server().origin, token, '#/clearance?year=2016');
    const words = await labels(page, ['level.region', 'level.prefecture', 'level.county', 'level.township', 'level.village']);
    const depth = (code: string) => lineage(code).length - lineage(home).length;
    const expected = subtree(home).map((code) => {
      const level = DIVISIONS.find((d) => d.code === code)?.level as string;
      return { code, text: `${'  '.repeat(depth(code))}${nameOf(code)} · ${words[`level.${level}`]}` };
    });
    for (const hash of ['#/monthly?month=2016-07&asOf=2016-12-31', '#/stock?year=2016']) {
      await goTo(page, hash);
      expect({ hash, offers: await pickerOffers(page) }).toEqual({ hash, offers: expected });
      expect({ hash, selected: await page.locator('select[name=division]').inputValue() }).toEqual({ hash, selected: home });
    }
    // Choosing a village from the picker opens its figures and keeps it selected.
    const village = subtree(home).at(-1) as string;
    await goTo(page, '#/monthly?month=2016-07&asOf=2016-12-31');
    const before = await page.evaluate(() => Number(document.getElementById('view')?.dataset['page']));
    await page.selectOption('select[name=division]', village);
    await page.waitForFunction((b) => Number(document.getElementById('view')?.dataset['page']) > b && document.getElementById('view')?.dataset['state'] === 'ready', before);
    expect(await page.locator('select[name=division]').inputValue()).toBe(village);
    await goTo(page, `#/clearance?year=2016&division=${village}`);
    expect(await page.locator('#breadcrumb > *').allTextContents()).toEqual(lineage(village).slice(lineage(home).length - 1).map(nameOf));
    if (home !== 'R') expect(requests.filter((u) => /division=(R|P01)\b/.test(u))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['a caseworker at the root', 'w1', 'latest', TOKENS.caseworker],
    ['a caseworker at the root', 's1', '2016-03-15', TOKENS.caseworker],
    ['a caseworker of South Prefecture', 'p1', 'latest', TOKENS.pine],
    ['an auditor', 'p3', 'latest', TOKENS.auditor],
    ['an auditor', 'w2', '2016-06-15', TOKENS.auditor],
  ])("%s: the household page of %s as of %s draws the API's members and events", async (_who, id, asOf, token) => {
    const { page, errors } = await open();
    const query = asOf === 'latest' ? '' : `?asOf=${asOf}`;
    await signIn(page, server().origin, token, `#/household/${id}${query}`);
    const v: { status: string; divisionCode: string; asOf: string | null; members: Member[]; events: Event[] } = await server().api(`/api/households/${id}${query}`, token);
    const words = await labels(page, ['yes', 'no', 'cell.empty', 'household.asOfLatest', 'household.hashOk', 'household.hashBroken',
      ...v.members.flatMap((m) => [`sex.${m.sex}`, `capacity.${m.laborCapacity}`]), ...v.events.map((e) => `event.${e.type}`)]);
    const yesNo = (b: boolean) => words[b ? 'yes' : 'no'];

    expect(await page.locator('#household-status').getAttribute('data-status')).toBe(v.status);
    const summary = await page.locator('#household dl.summary dd').allTextContents();
    expect(summary.slice(0, 3)).toEqual([id, lineage(v.divisionCode).map(nameOf).join(' › '), v.asOf ?? words['household.asOfLatest']]);

    // No anomaly and no later correction here: the members' table is the page's first, the timeline its second.
    expect(await page.locator('#household-anomalies, #household-later-corrections').count()).toBe(0);
    const members = await drawnTable(page, '#household .table-wrap:nth-of-type(1) table');
    expect(members.body).toEqual(v.members.map((m) => [m.memberId, String(m.birthYear),
      m.sex ? words[`sex.${m.sex}`] : words['cell.empty'], m.laborCapacity ? words[`capacity.${m.laborCapacity}`] : words['cell.empty'],
      yesNo(m.willing), yesNo(m.eligible), yesNo(m.employed), yesNo(m.removed)]));

    const events = await page.evaluate(() => {
      const tablesIn = Array.from(document.querySelectorAll('#household table'));
      const timeline = tablesIn.find((t) => t.querySelector('.hash-ok, .hash-broken')) as HTMLTableElement;
      return Array.from(timeline.tBodies[0]?.rows ?? []).map((tr) => Array.from(tr.cells).slice(0, 7).map((td) => (td.textContent ?? '').trim()));
    });
    expect(events).toEqual(v.events.map((e) => [String(e.position), e.occurredOn, words[`event.${e.type}`], e.actor, e.recordedAt, e.note ?? '',
      `${e.hashOk ? '✓' : '✗'} ${words[e.hashOk ? 'household.hashOk' : 'household.hashBroken']}`]));
    expect(await page.locator('#household h3', { hasText: `(${v.events.length})` }).count()).toBe(1);
    // The fixture's own arithmetic: w1 is cleared in eight events; s1 on 2016-03-15 has applied, not yet identified.
    if (id === 'w1') expect([v.status, v.events.length]).toEqual(['cleared', 8]);
    if (id === 's1') expect([v.status, v.events.length]).toEqual(['applied', 3]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['the caseworker of South Prefecture, a North Prefecture household', TOKENS.pine, 'w1'],
    ['an analyst, any household', TOKENS.analyst, 'p1'],
  ])('the household page of %s draws the refusal and no figure', async (_who, token, id) => {
    const { page } = await open();
    const answer = await fetch(`${server().origin}/api/households/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(403);
    await signIn(page, server().origin, token, `#/household/${id}`);
    const words = await labels(page, ['error.forbidden']);
    expect(await page.locator('#household [role=alert]').textContent()).toBe(words['error.forbidden']);
    expect(await page.locator('#household table').count()).toBe(0);
    expect(await page.locator('#household-status').count()).toBe(0);
  });
});
