import { c, member } from './support/commands';
import { answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { disclosureContext } from './support/hand-worked-disclosure';

/**
 * Issue 7: the households behind the clearance tables' event counts (decision 186) cost the
 * analysts' path only. Caseworkers', auditors' and the bench's clearance and monthly reports
 * read the counters' `month.`, `year.`, `stock.` and `ref.` rows; the households are rows of
 * their own (`h.…`), which those reads never reach: with every such row deleted, their
 * answers are unchanged, while the households the analysts' suppression reads are gone.
 */
describe('the households behind the clearance event counts are read on the analysts’ path only', () => {
  let answered: AnsweredByTwoStores;
  // v1 in VA1: identified in 2015, cleared and relapsed three times in March 2016, cleared once more in April.
  const v1 = [
    c.register('v1', '2015-01-05', 'VA1', [['m1', 1990]]), c.survey('v1', '2015-01-06', member('m1', 'full', true)), c.apply('v1', '2015-01-07'), c.identify('v1', '2015-03-02'),
    ...[1, 2, 3].flatMap((k) => {
      const on = (day: number): string => `2016-03-${String(day).padStart(2, '0')}`;
      return [c.employ('v1', on(4 * k - 3), `j${k}`, 'enterprise', 'local', 900), c.clear('v1', on(4 * k - 2)), c.endEmployment('v1', on(4 * k - 1), `j${k}`, 'quit'), c.relapse('v1', on(4 * k))];
    }),
    c.employ('v1', '2016-04-01', 'j4', 'enterprise', 'local', 900), c.clear('v1', '2016-04-02'),
  ];
  beforeAll(async () => {
    answered = await answerByTwoStores(v1, disclosureContext);
  });
  afterAll(() => answered.close());

  it('leaves the unsuppressed clearance and monthly reports as they were when the household rows are gone', () => {
    const r = answered.byHousehold.p.reports;
    const asked = () => [
      r.clearanceReport({ year: 2016 }), r.clearanceReport({ year: 2016, byChild: true }), r.clearanceReport({ year: 2016, subtree: true }),
      r.clearanceReport({ year: 2016, division: 'PA' }), r.monthlyReport({ month: '2016-03' }), r.monthlyReport({ month: '2016-03', division: 'VA1' }),
      r.monthlyReport({ month: '2016-03', byChild: true }), r.monthlyReportsOfYear(2016, { subtree: true }),
    ];
    const before = asked();
    expect(before[4]).toMatchObject({ cleared: 3, relapsed: 3 });
    expect(r.clearanceHouseholds({ year: 2016, division: 'VA1' })).toEqual(new Map([['VA1', { clearedInYear: 1, relapsedInYear: 1 }]]));

    const db = answered.byHousehold.store.db;
    const deleted = ['agg_village_series', 'agg_region_series', 'agg_division_series'].map((table) => db.prepare(`DELETE FROM ${table} WHERE key LIKE 'h.%'`).run().changes);
    // Both years' and months' rows, of the village, the region, and the divisions above VA1 (PA and R).
    expect(deleted.every((n) => n > 0)).toBe(true);
    expect(asked()).toEqual(before);
    expect(r.clearanceHouseholds({ year: 2016, division: 'VA1' })).toEqual(new Map([['VA1', {}]]));
  });
});
