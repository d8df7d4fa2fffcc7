import type { Page } from 'playwright-core';
import { goTo, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { DIVISIONS, WILLOW } from './support/fixture-region';

jest.setTimeout(90_000);

type Row = Record<string, unknown> & { division: string; suppressed?: string[] };

const nameOf = (code: string) => DIVISIONS.find((d) => d.code === code)?.name;
const CLEARANCE_COUNTS = ['baseline', 'target', 'baselineCleared', 'underReview', 'identifiedInYear', 'clearedInYear', 'relapsedInYear', 'stockAtEnd'];
const MONTHLY_COUNTS = ['stockAtStart', 'identified', 'relapsed', 'cleared', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
const PROGRESS_COUNTS = ['membersSurveyed', 'eligibleMembers', 'referralsMade', 'referralsAccepted', 'referralsDeclined', 'membersReferred', 'incomeRecords'];

/** The dashboard's own words for `keys` (its i18n), so that the test finds columns and rows as a viewer reads them. */
const labels = (page: Page, keys: string[]): Promise<Record<string, string>> =>
  page.evaluate(`(async () => {
    const i18n = await import('/dashboard/js/i18n.js');
    return Object.fromEntries(${JSON.stringify(keys)}.map((k) => [k, i18n.t(k)]));
  })()`);

/** A table's header cells and body cells, as text. */
const tableText = (page: Page, selector: string): Promise<{ head: string[]; body: string[][] }> =>
  page.evaluate((s) => {
    const el = document.querySelector(s) as HTMLElement;
    const text = (c: Element) => (c.textContent ?? '').trim();
    return {
      head: Array.from(el.querySelectorAll('thead th')).map(text),
      body: Array.from(el.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td, th')).map(text)),
    };
  }, selector);

/** The ledger position the page says a table's figures stand at (decision 165), and the words it says it in. */
const standsAt = (page: Page, selector: string): Promise<{ position: string | undefined; text: string }> =>
  page.evaluate((s) => {
    const el = document.querySelector(`${s} .stands-at`) as HTMLElement | null;
    return { position: el?.dataset['position'], text: (el?.textContent ?? '').trim() };
  }, selector);

/** How a page shows a count of `row`: a suppressed one as the word, never the number. */
const shown = (row: Row, key: string, words: Record<string, string>): string =>
  row.suppressed?.includes(key) ? (words['cell.suppressed'] as string) : String(row[key] ?? words['cell.empty']);

/** The report requests the page made since `from` (the sign-in asks for the viewer's home division, and its first page for its own). */
const reportRequests = (requests: string[], from: number): string[] =>
  requests.slice(from).filter((u) => new URL(u).pathname.startsWith('/api/reports/')).map((u) => { const url = new URL(u); return `${url.pathname}${url.search}`; });

describe('the dashboard asks a total and its children, or a year\'s months, in one request (one snapshot of the read models)', () => {
  const { server, open } = dashboardSuite();

  /** The position the same question asked with `withChildren` stands at: the page's, with no writer between them. */
  const positionOf = async (path: string, token: string): Promise<string> => {
    const answer: { position: number } = await server().api(`${path}&withChildren=true`, token);
    return String(answer.position);
  };

  /** What the page showed before it asked once: the total and the children's rows, each asked alone. */
  const asBefore = async (path: string, token: string, hasChildren = true): Promise<Row[]> => {
    const total: Row = await server().api(path, token);
    const byChild: { rows: Row[] } | null = hasChildren ? await server().api(`${path}${path.includes('?') ? '&' : '?'}byChild=true`, token) : null;
    return [...(byChild?.rows ?? []), total];
  };

  it.each([
    ['an auditor', TOKENS.auditor, ['P01', 'P02', 'R']],
    ['an analyst', TOKENS.analyst, ['P01', 'P02', 'R']],
    ['a caseworker of South Prefecture', TOKENS.pine, ['P02C01', 'P02']],
  ])("the clearance page: one report request, %s's figures as before", async (_who, token, divisions) => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, token, '#/stock?year=2016');
    const words = await labels(page, [...CLEARANCE_COUNTS.map((k) => `field.${k}`), 'cell.suppressed', 'cell.empty']);
    const from = requests.length;
    await goTo(page, '#/clearance?year=2016');
    expect(reportRequests(requests, from)).toEqual(['/api/reports/clearance?year=2016&withChildren=true']);

    const expected = await asBefore('/api/reports/clearance?year=2016', token);
    expect(expected.map((r) => r.division)).toEqual(divisions);
    const { head, body } = await tableText(page, '#clearance-table');
    expect(body.map((cells) => cells[0])).toEqual([...expected.slice(0, -1).map((r) => nameOf(r.division)), `Total · ${nameOf(divisions.at(-1) as string)}`]);
    for (const key of CLEARANCE_COUNTS) {
      const column = head.indexOf(words[`field.${key}`] as string);
      expect({ key, cells: body.map((cells) => cells[column]) }).toEqual({ key, cells: expected.map((r) => shown(r, key, words)) });
    }
    if (token === TOKENS.auditor) expect(body.map((cells) => cells[head.indexOf(words['field.baselineCleared'] as string)])).toEqual(['6', '2', '8']);
    // An analyst's small counts are the same suppressed cells the two requests gave (the comparison above compares some).
    if (token === TOKENS.analyst) expect(body.flat()).toContain(words['cell.suppressed']);
    // Under the table, the position its figures were read at.
    const position = await positionOf('/api/reports/clearance?year=2016', token);
    expect(await standsAt(page, '#clearance-table')).toEqual({ position, text: `These figures stand at ledger position ${position}.` });
    expect(errors).toEqual([]);
  });

  it('the clearance page of a village (no children): one report request, its own row', async () => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/stock?year=2016');
    const from = requests.length;
    await goTo(page, `#/clearance?year=2016&division=${WILLOW}`);
    expect(reportRequests(requests, from)).toEqual([`/api/reports/clearance?year=2016&division=${WILLOW}&withChildren=true`]);
    const [own] = await asBefore(`/api/reports/clearance?year=2016&division=${WILLOW}`, TOKENS.auditor, false);
    const words = await labels(page, ['field.baselineCleared']);
    const { head, body } = await tableText(page, '#clearance-table');
    expect(body.map((cells) => cells[0])).toEqual([nameOf(WILLOW)]);
    expect(own?.['baselineCleared']).toBe(6);
    expect(body.map((cells) => cells[head.indexOf(words['field.baselineCleared'] as string)])).toEqual(['6']);
    expect((await standsAt(page, '#clearance-table')).position).toBe(await positionOf(`/api/reports/clearance?year=2016&division=${WILLOW}`, TOKENS.auditor));
    expect(errors).toEqual([]);
  });

  it.each([
    ['an auditor', TOKENS.auditor, ['P01', 'P02', 'R']],
    ['an analyst', TOKENS.analyst, ['P01', 'P02', 'R']],
    ['a caseworker of South Prefecture', TOKENS.pine, ['P02C01', 'P02']],
  ])("the monthly page: one request for each table, %s's figures as before", async (_who, token, divisions) => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, token, '#/stock?year=2016');
    const words = await labels(page, [...[...MONTHLY_COUNTS, ...PROGRESS_COUNTS].map((k) => `field.${k}`), 'cell.suppressed', 'cell.empty']);
    const from = requests.length;
    await goTo(page, '#/monthly?month=2016-07&asOf=2016-12-31');
    expect(reportRequests(requests, from).sort()).toEqual([
      '/api/reports/backlog?asOf=2016-12-31',
      '/api/reports/monthly?month=2016-07&withChildren=true',
      '/api/reports/progress?month=2016-07&withChildren=true',
    ]);

    const monthly = await asBefore('/api/reports/monthly?month=2016-07', token);
    expect(monthly.map((r) => r.division)).toEqual(divisions);
    const m = await tableText(page, '#monthly-table');
    expect(m.body.map((cells) => cells[0])).toEqual([...monthly.slice(0, -1).map((r) => nameOf(r.division)), `Total · ${nameOf(divisions.at(-1) as string)}`]);
    for (const key of MONTHLY_COUNTS) {
      const column = m.head.indexOf(words[`field.${key}`] as string);
      expect({ key, cells: m.body.map((cells) => cells[column]) }).toEqual({ key, cells: monthly.map((r) => shown(r, key, words)) });
    }
    if (token === TOKENS.auditor) expect(m.body.at(-1)?.[m.head.indexOf(words['field.cleared'] as string)]).toBe('8');
    if (token === TOKENS.analyst) expect(m.body.flat()).toContain(words['cell.suppressed']);

    // The progress table is transposed: one row per figure, one column per division (the total last).
    const progress = await asBefore('/api/reports/progress?month=2016-07', token);
    const p = await tableText(page, '#progress-table');
    expect(p.head.slice(1)).toEqual([...progress.slice(0, -1).map((r) => nameOf(r.division)), `Total · ${nameOf(divisions.at(-1) as string)}`]);
    for (const key of PROGRESS_COUNTS) {
      const row = p.body.find((cells) => cells[0] === words[`field.${key}`]);
      expect({ key, cells: row?.slice(1) }).toEqual({ key, cells: progress.map((r) => shown(r, key, words)) });
    }
    // Under each table, the position its figures were read at.
    expect((await standsAt(page, '#monthly-table')).position).toBe(await positionOf('/api/reports/monthly?month=2016-07', token));
    expect((await standsAt(page, '#progress-table')).position).toBe(await positionOf('/api/reports/progress?month=2016-07', token));
    expect(errors).toEqual([]);
  });

  it.each([
    ['an auditor', TOKENS.auditor, 'R'],
    ['an analyst', TOKENS.analyst, 'R'],
    ['a caseworker of South Prefecture', TOKENS.pine, 'P02'],
  ])("the identified-stock page: one report request for its year, %s's twelve months as asked one by one (decision 168)", async (_who, token, division) => {
    const { page, requests, errors } = await open();
    await signIn(page, server().origin, token, '#/clearance?year=2016');
    const words = await labels(page, [...MONTHLY_COUNTS.map((k) => `field.${k}`), 'col.month', 'cell.suppressed', 'cell.empty']);
    const from = requests.length;
    await goTo(page, '#/stock?year=2016');
    expect(reportRequests(requests, from)).toEqual(['/api/reports/monthly?year=2016']);

    const months = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`);
    const expected: Row[] = await Promise.all(months.map((m) => server().api(`/api/reports/monthly?month=${m}`, token)));
    expect(expected.map((r) => r.division)).toEqual(months.map(() => division));
    const { head, body } = await tableText(page, '#stock-table');
    expect(body.map((cells) => cells[head.indexOf(words['col.month'] as string)])).toEqual(months);
    for (const key of MONTHLY_COUNTS) {
      const column = head.indexOf(words[`field.${key}`] as string);
      expect({ key, cells: body.map((cells) => cells[column]) }).toEqual({ key, cells: expected.map((r) => shown(r, key, words)) });
    }
    if (token === TOKENS.auditor) expect(body.some((cells) => cells[head.indexOf(words['field.identified'] as string)] !== '0')).toBe(true);
    if (token === TOKENS.analyst) expect(body.flat()).toContain(words['cell.suppressed']);
    // Under the table, the position the year's figures were read at.
    const position = await positionOf('/api/reports/monthly?month=2016-07', token);
    expect(await standsAt(page, '#stock-table')).toEqual({ position, text: `These figures stand at ledger position ${position}.` });
    expect(errors).toEqual([]);
  });
});
