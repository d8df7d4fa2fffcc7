import { signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { WILLOW } from './support/fixture-region';
import { drawnTable, labels } from './support/drawn-figures';

/**
 * A village has no children: its monthly tables hold one row, its own, which is no total of
 * anything and is named by the village as every other row is named by its division (the
 * clearance page already does so). A division with children still ends on its total.
 */

jest.setTimeout(180_000);

describe("the monthly page's row names", () => {
  const { server, open } = dashboardSuite();

  it("a village's monthly and progress tables name their one row by the village, never as a total", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, `#/monthly?month=2016-07&division=${WILLOW}&asOf=2016-12-31`);
    const monthly = await drawnTable(page, '#monthly-table');
    const progress = await drawnTable(page, '#progress-table');
    expect({ monthlyRows: monthly.body.map((cells) => cells[0]), progressColumns: progress.head.slice(1) }).toEqual({ monthlyRows: ['Willow Village'], progressColumns: ['Willow Village'] });
    expect(await page.locator('#monthly-table tr.total').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a township's tables name its villages, then its own row as their total", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/monthly?month=2016-07&division=P01C01T01&asOf=2016-12-31');
    const total = (await labels(page, ['common.total']))['common.total'];
    const expected = ['Willow Village', 'Stone Bridge Village', `${total} · Ferry Township`];
    const monthly = await drawnTable(page, '#monthly-table');
    const progress = await drawnTable(page, '#progress-table');
    expect({ monthlyRows: monthly.body.map((cells) => cells[0]), progressColumns: progress.head.slice(1) }).toEqual({ monthlyRows: expected, progressColumns: expected });
    expect(errors).toEqual([]);
  });
});
