import type { Page } from 'playwright-core';
import { goTo, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { CLEAR_S1 } from './support/fixture-region';
import { cellMatches, drawnTable, expectedCell, figurePaths, Format, labels, Row, valueAt } from './support/drawn-figures';
import { hasChildren, nameOf, subtree, VIEWERS } from './support/viewers';

/**
 * Audit: every figure the monthly tables and backlog page draws is the API's, for every role
 * that may see it (caseworker at the root, caseworker of South Prefecture, auditor, analyst), at
 * every division of the viewer's subtree, for a month of employments (2016-06) and one of clearances (2016-07):
 * - the monthly table's eight counts and the progress table's every figure (dashboard-one-snapshot.spec.ts
 *   compares seven of its forty-three, at the viewer's home only): trainings by kind, employments by
 *   form, place and end reason, incomes to the cent; a suppressed cell drawn as the suppressed mark
 *   element; each table's total the one answered with its children (withChildren, decision 165);
 * - the backlog: each list's length in its heading and its households, in the API's order (each
 *   list here is under the 100 rows drawn at first); an analyst's lists, which are counts, drawn as
 *   the count or the suppressed mark;
 * - incomes the fixture has none of (it records no income), drawn to the cent from an answer the
 *   test serves in the API's place;
 * - after a command is accepted, the figures the page redraws by itself are the API's new ones.
 */

jest.setTimeout(240_000);

const MONTHLY_FIELDS = ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
const grouped = (group: string, prefix: string, keys: string[]) => keys.map((k) => ({ path: `${group}.${k}`, label: [`field.${group}`, `${prefix}.${k}`] }));
/** The progress table's figures, one row each, as the README's "progress table" names them. */
const PROGRESS_FIGURES: { path: string; label: string[]; format?: Format }[] = [
  ...['membersSurveyed', 'eligibleMembers'].map((p) => ({ path: p, label: [`field.${p}`] })),
  ...['trainingsOffered', 'trainingsAccepted', 'trainingsDeclined', 'trainingsCompleted'].flatMap((g) => grouped(g, 'kind', ['vocational', 'language', 'entrepreneurship', 'order-based'])),
  ...['referralsMade', 'referralsAccepted', 'referralsDeclined', 'membersReferred'].map((p) => ({ path: p, label: [`field.${p}`] })),
  ...grouped('employmentsStartedByForm', 'form', ['enterprise', 'flexible', 'self-employed', 'assisted']),
  ...grouped('employmentsStartedByPlace', 'place', ['local', 'in-region', 'out-of-region']),
  ...grouped('employmentsEndedByReason', 'reason', ['contract-ended', 'seasonal-end', 'quit', 'dismissed', 'returned-home', 'other']),
  { path: 'incomeRecords', label: ['field.incomeRecords'] },
  { path: 'medianMonthlyIncome', label: ['field.medianMonthlyIncome'], format: 'money' },
  { path: 'meanMonthlyIncome', label: ['field.meanMonthlyIncome'], format: 'money' },
];
const LISTS = ['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'];
const WORDS = ['cell.suppressed', 'cell.empty', 'common.total', ...MONTHLY_FIELDS.map((k) => `field.${k}`), ...PROGRESS_FIGURES.flatMap((f) => f.label)];

interface Mismatch { at: string; row: string; column: string; drawn: string | undefined; api: string }

describe('every figure the monthly tables and backlog page draws is the API\'s, for every role', () => {
  const { server, open } = dashboardSuite();

  /** The children's rows then the total, as one withChildren answer gives them, and the names a viewer reads for them. */
  const answered = async (report: string, month: string, division: string, token: string, words: Record<string, string>) => {
    const a: { total: Row; byChild: { rows: Row[] } | null } = await server().api(`/api/reports/${report}?month=${month}&division=${division}&withChildren=true`, token);
    const rows = [...(hasChildren(division) ? a.byChild?.rows ?? [] : []), a.total];
    const names = rows.map((r, i) => (i === rows.length - 1 && hasChildren(division) ? `${words['common.total']} · ${nameOf(division)}` : nameOf(r.division)));
    return { rows, names };
  };

  const tableMismatches = async (page: Page, at: string, month: string, division: string, token: string, words: Record<string, string>) => {
    const out: Mismatch[] = [];
    const monthly = await answered('monthly', month, division, token, words);
    const m = await drawnTable(page, '#monthly-table');
    if (JSON.stringify(m.body.map((c) => c[0])) !== JSON.stringify(monthly.names)) out.push({ at, row: '*', column: 'division', drawn: JSON.stringify(m.body.map((c) => c[0])), api: JSON.stringify(monthly.names) });
    for (const [i, row] of monthly.rows.entries())
      for (const key of MONTHLY_FIELDS) {
        const column = m.head.indexOf(words[`field.${key}`] as string);
        if (!cellMatches(m.body[i]?.[column], row, key, 'count', words) || m.marked[i]?.[column] !== (row.suppressed?.includes(key) ?? false))
          out.push({ at, row: row.division, column: key, drawn: m.body[i]?.[column], api: expectedCell(row, key, 'count', words) });
      }
    // Transposed: one row per figure, one column per division (the total last).
    const progress = await answered('progress', month, division, token, words);
    // Every figure the API answers has its row or column, none left out.
    const omitted = [...figurePaths(progress.rows[0] as Row).filter((f) => !PROGRESS_FIGURES.some((x) => x.path === f)),
      ...figurePaths(monthly.rows[0] as Row).filter((f) => !MONTHLY_FIELDS.includes(f))];
    if (omitted.length > 0) out.push({ at, row: '*', column: 'omitted', drawn: '', api: omitted.join(', ') });
    const p = await drawnTable(page, '#progress-table');
    if (JSON.stringify(p.head.slice(1)) !== JSON.stringify(progress.names)) out.push({ at, row: 'head', column: '*', drawn: JSON.stringify(p.head.slice(1)), api: JSON.stringify(progress.names) });
    if (p.body.length !== PROGRESS_FIGURES.length) out.push({ at, row: '*', column: 'figures', drawn: String(p.body.length), api: String(PROGRESS_FIGURES.length) });
    for (const [f, figure] of PROGRESS_FIGURES.entries()) {
      const label = figure.label.map((k) => words[k]).join(': ');
      if (p.body[f]?.[0] !== label) out.push({ at, row: figure.path, column: 'label', drawn: p.body[f]?.[0], api: label });
      for (const [i, row] of progress.rows.entries())
        if (!cellMatches(p.body[f]?.[i + 1], row, figure.path, figure.format ?? 'count', words) || p.marked[f]?.[i + 1] !== (row.suppressed?.includes(figure.path) ?? false))
          out.push({ at, row: figure.path, column: row.division, drawn: p.body[f]?.[i + 1], api: expectedCell(row, figure.path, figure.format ?? 'count', words) });
    }
    return { out, totals: [monthly.rows.at(-1) as Row, progress.rows.at(-1) as Row] };
  };

  const backlogMismatches = async (page: Page, at: string, division: string, token: string, words: Record<string, string>) => {
    const out: Mismatch[] = [];
    const b: Row = await server().api(`/api/reports/backlog?asOf=2016-12-31&division=${division}`, token);
    for (const key of LISTS) {
      const drawn = await page.evaluate((k) => {
        const el = document.querySelector(`[data-list=${k}]`);
        return {
          heading: (el?.querySelector('h4')?.textContent ?? '').trim(),
          marked: Boolean(el?.querySelector('h4 .suppressed')),
          households: Array.from(el?.querySelectorAll('tbody tr') ?? []).map((tr) => (tr.querySelector('td')?.textContent ?? '').trim()),
          more: el?.querySelector('p.more') !== null,
        };
      }, key);
      const list = b[key];
      if (Array.isArray(list)) {
        const api = { length: `(${list.length})`, households: list.map((r: { householdId: string }) => r.householdId), more: false };
        const got = { length: /\(\d+\)$/.exec(drawn.heading)?.[0], households: drawn.households, more: drawn.more };
        if (JSON.stringify(got) !== JSON.stringify(api)) out.push({ at, row: key, column: 'list', drawn: JSON.stringify(got), api: JSON.stringify(api) });
      } else {
        // An analyst's list is a count: drawn as it, or as the suppressed mark when the API suppressed it.
        const count = `: ${expectedCell(b, key, 'count', words)}`;
        if (!drawn.heading.endsWith(count) || drawn.marked !== (b.suppressed?.includes(key) ?? false) || drawn.households.length > 0)
          out.push({ at, row: key, column: 'count', drawn: `${drawn.heading} marked=${drawn.marked}`, api: count });
      }
    }
    return out;
  };

  it.each(VIEWERS)('the monthly page of each division %s may see draws the API\'s tables and backlog', async (_who, token, home) => {
    const { page, errors } = await open();
    await signIn(page, server().origin, token, '#/monthly?month=2016-06&asOf=2016-12-31');
    const words = await labels(page, WORDS);
    const mismatches: Mismatch[] = [];
    const totals: Row[] = [];
    for (const month of ['2016-06', '2016-07'])
      for (const division of subtree(home)) {
        const at = `${month} ${division}`;
        await goTo(page, `#/monthly?month=${month}&division=${division}&asOf=2016-12-31`);
        const tables = await tableMismatches(page, at, month, division, token, words);
        mismatches.push(...tables.out);
        if (division === home) totals.push(...tables.totals);
        if (month === '2016-07') mismatches.push(...await backlogMismatches(page, at, division, token, words));
      }
    expect(mismatches).toEqual([]);
    // The fixture's own arithmetic: 2016-06 sees eight employments started in enterprises, 2016-07 eight clearances.
    if (token === TOKENS.auditor) {
      const [, juneProgress, julyMonthly] = totals;
      expect([valueAt(juneProgress as Row, 'employmentsStartedByForm.enterprise'), julyMonthly?.['cleared']]).toEqual([8, 8]);
    }
    expect(errors).toEqual([]);
  });

  it('draws a median and a mean income to the cent', async () => {
    const { page, errors } = await open();
    const real: { total: Row; byChild: { rows: Row[] }; position: number } = await server().api('/api/reports/progress?month=2016-06&withChildren=true', TOKENS.auditor);
    const [north, south] = real.byChild.rows as [Row, Row];
    const served = {
      ...real,
      total: { ...real.total, incomeRecords: 9, medianMonthlyIncome: 2612.5, meanMonthlyIncome: 2600.3333 },
      byChild: { rows: [{ ...north, incomeRecords: 6, medianMonthlyIncome: 2600, meanMonthlyIncome: 2599.5 }, { ...south, incomeRecords: 3, medianMonthlyIncome: 0.5, meanMonthlyIncome: 2650.25 }] },
    };
    await page.route(/\/api\/reports\/progress\?month=2016-06&withChildren=true$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(served) }));
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-06&asOf=2016-12-31');
    const words = await labels(page, WORDS);
    const { body } = await drawnTable(page, '#progress-table');
    const figure = (key: string) => body.find((cells) => cells[0] === words[`field.${key}`])?.slice(1);
    expect(figure('incomeRecords')).toEqual(['6', '3', '9']);
    expect(figure('medianMonthlyIncome')).toEqual(['2600.00', '0.50', '2612.50']);
    expect(figure('meanMonthlyIncome')).toEqual(['2599.50', '2650.25', '2600.33']);
    expect(errors).toEqual([]);
  });

  // Last in the file: it records commands in the shared server.
  it('after a command is accepted, redraws the tables and backlog it refreshed with the API\'s new figures', async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-07&asOf=2016-12-31');
    const words = await labels(page, WORDS);
    const before = await backlogMismatches(page, 'before', 'R', TOKENS.auditor, words);
    expect(before).toEqual([]);
    const results: { status: number }[] = await server().api('/api/commands/batch', TOKENS.caseworker, CLEAR_S1);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const { position }: { position: number } = await server().api('/health', TOKENS.auditor);
    // The header names the new position when the page starts its refresh; the view is ready when the figures are in.
    await page.waitForFunction((p) => new RegExp(`\\b${p}\\b`).test(document.getElementById('position')?.textContent ?? '')
      && document.getElementById('view')?.dataset['state'] === 'ready', position, { timeout: 60_000 });
    // The position the view says its figures were fetched at is the one that set off the refresh, not the one before it.
    expect(await page.evaluate(() => document.getElementById('view')?.dataset['position'])).toBe(String(position));
    const after = await tableMismatches(page, 'after', '2016-07', 'R', TOKENS.auditor, words);
    expect([...after.out, ...await backlogMismatches(page, 'after', 'R', TOKENS.auditor, words)]).toEqual([]);
    // s1 cleared on 2016-07-01: the month's clearances are nine, and it is owed no referral.
    expect(after.totals[0]?.['cleared']).toBe(9);
    expect(await page.locator('[data-list=referralsOwed] tbody tr', { hasText: 's1' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
