import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { goTo, signIn } from './support/browser';
import { dashboardSuite } from './support/dashboard-suite';
import { figurePaths, Row, valueAt } from './support/drawn-figures';
import { nameOf, VIEWERS } from './support/viewers';

/**
 * Audit: the CSV files the monthly page hands each viewer hold the API's figures, every column of
 * every row, for every role (caseworker at the root, of South Prefecture, auditor, analyst), at
 * its home and at a township (dashboard.spec.ts checks the auditor's and analyst's monthly .xlsx
 * at the root and three cells of the auditor's progress CSV):
 * - the columns are the API's figures, each dotted path once, after division, name, level and month;
 * - the division's row first, then its children, as one withChildren answer gives them;
 * - a suppressed cell is the word 'suppressed', never a number or blank; a figure the API has none of is blank.
 */

jest.setTimeout(180_000);

const TOWNSHIP_OF: Record<string, string> = { R: 'P01C01T01', P02: 'P02C01T01' };

const downloaded = async (page: Page, file: string): Promise<string[][]> => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-export="${file}"]`)]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return text.slice(1).trim().split('\r\n').map((line) => line.split(','));
};

describe('the monthly page\'s CSV files hold the API\'s figures, for every role', () => {
  const { server, open } = dashboardSuite();

  it.each(VIEWERS)('%s downloads the monthly and progress CSV of its home and of a township, each cell the API\'s', async (_who, token, home) => {
    const { page, errors } = await open();
    await signIn(page, server().origin, token, '#/clearance?year=2016');
    const mismatches: { at: string; row: string; column: string; drawn: string | undefined; api: string }[] = [];
    let suppressed = 0;
    for (const division of [home, TOWNSHIP_OF[home] as string]) {
      await goTo(page, `#/monthly?month=2016-06&division=${division}&asOf=2016-12-31`);
      for (const report of ['monthly', 'progress']) {
        const at = `${report} ${division}`;
        const answer: { total: Row; byChild: { rows: Row[] } } = await server().api(`/api/reports/${report}?month=2016-06&division=${division}&withChildren=true`, token);
        const rows = [answer.total, ...answer.byChild.rows];
        const [head, ...body] = await downloaded(page, `${report}.csv`);
        const figures = figurePaths(answer.total);
        expect({ at, head }).toEqual({ at, head: ['division', 'name', 'level', 'month', ...figures] });
        expect({ at, rows: body.map((cells) => cells.slice(0, 2)) }).toEqual({ at, rows: rows.map((r) => [r.division, nameOf(r.division)]) });
        for (const [i, row] of rows.entries())
          for (const path of figures) {
            const v = valueAt(row, path);
            const api = row.suppressed?.includes(path) ? 'suppressed' : v === null || v === undefined ? '' : String(v);
            const drawn = body[i]?.[(head as string[]).indexOf(path)];
            if (drawn !== api) mismatches.push({ at, row: row.division, column: path, drawn, api });
            if (drawn === 'suppressed') suppressed += 1;
          }
      }
    }
    expect(mismatches).toEqual([]);
    // The fixture's small counts are suppressed for an analyst only.
    expect(suppressed > 0).toBe(token === VIEWERS[3]?.[1]);
    expect(errors).toEqual([]);
  });
});
