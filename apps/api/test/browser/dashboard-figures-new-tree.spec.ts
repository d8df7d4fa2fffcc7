import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { goTo, navigating, signIn } from './support/browser';
import { TOKENS } from './support/dashboard-server';
import { dashboardSuite } from './support/dashboard-suite';
import { DIVISIONS } from './support/fixture-region';
import { drawnTable } from './support/drawn-figures';

/**
 * Audit: a division tree recorded by another process while the dashboard is open (decision 84:
 * the service takes it in without a restart). The page's rows are the API's, each named as the
 * API's tree names it, and a click on a new division opens that division's figures.
 *
 * The audit found the dashboard read the tree once, at sign-in: the new county's row was named
 * by its code, and its link (division=P02C02) drew the whole region's figures under the region's
 * breadcrumb, since a page takes a division its tree does not know for none. Decision 185: when
 * the position moves, the dashboard reads the tree again and, if it changed, draws the page anew.
 */

jest.setTimeout(180_000);

const LARCH = [
  { code: 'P02C02', name: 'Larch County', parentCode: 'P02', level: 'county' },
  { code: 'P02C02T01', name: 'Larch Township', parentCode: 'P02C02', level: 'township' },
  { code: 'P02C02T01V01', name: 'Larch Village', parentCode: 'P02C02T01', level: 'village' },
];

describe('a division tree recorded while the dashboard is open', () => {
  const { server, open } = dashboardSuite();

  it("names a new division's row as the API's tree does, and a click on it opens its figures", async () => {
    const { page, errors } = await open();
    await signIn(page, server().origin, TOKENS.auditor, '#/clearance?year=2017&division=P02');
    const ledger = await Ledger.open({ storeUrl: `sqlite:${server().storePath}`, policy: referencePolicy });
    const recorded = await ledger.recordDivisionTree([...DIVISIONS, ...LARCH], '2017-01-01');
    await ledger.close();
    expect(recorded._tag).toBe('Right');
    const { divisions }: { divisions: { code: string; name: string }[] } = await server().api('/api/divisions', TOKENS.auditor);
    expect(divisions.find((d) => d.code === 'P02C02')?.name).toBe('Larch County');

    // The dashboard sees the position move (it asks /health every ~2 s) and takes the tree in (decision 185).
    const { position } = (await server().api('/health', TOKENS.auditor)) as { position: number };
    await page.waitForFunction((p) => Number(document.getElementById('view')?.dataset.position) >= p, position, { timeout: 30_000 });
    // A page opened after the tree was recorded: the rows the API answers for South Prefecture in 2017.
    await goTo(page, '#/clearance?year=2016&division=P02');
    await goTo(page, '#/clearance?year=2017&division=P02');
    const answer: { byChild: { rows: { division: string }[] } } = await server().api('/api/reports/clearance?year=2017&division=P02&withChildren=true', TOKENS.auditor);
    const names = new Map(divisions.map((d) => [d.code, d.name]));
    const { body } = await drawnTable(page, '#clearance-table');
    const drawnNames = body.map((cells) => cells[0]);
    await navigating(page, () => page.locator('#clearance-table tr.clickable').nth(answer.byChild.rows.findIndex((r) => r.division === 'P02C02')).click());
    const opened = {
      crumb: await page.locator('#breadcrumb [aria-current=page]').textContent(),
      hash: new URL(page.url()).hash,
      total: (await drawnTable(page, '#clearance-table')).body.at(-1)?.[0],
    };
    expect({ drawnNames, opened }).toEqual({
      drawnNames: [...answer.byChild.rows.map((r) => names.get(r.division)), 'Total · South Prefecture'],
      opened: { crumb: 'Larch County', hash: '#/clearance?year=2017&division=P02C02', total: 'Total · Larch County' },
    });
    expect(errors).toEqual([]);
  });
});
