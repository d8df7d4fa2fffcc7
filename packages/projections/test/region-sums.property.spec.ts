import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { buildDivisionTree } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { ALL_PROJECTIONS, DirectReports, openProjections } from '../src';
import { VillageCounters } from '../src/reports/village-counters';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { periodsOf } from './support/snapshot';
import { tableRows } from './support/table-rows';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * The whole region's clearance and monthly reports read the region's sums
 * (`agg_region_series`, docs/decisions/0072) rather than every village's rows: they must
 * say what the villages' rows rolled up to the root say (the subtree's first row), and
 * what the direct fold of the log says; the sums and the villages they list must not
 * depend on the order the households' events came in, nor on the size of a page.
 */
describe('the whole region from its sums', () => {
  it('equals the villages rolled up and the direct fold, whatever the import order and page size', async () => {
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (histories, picks, batchSize) => {
        const store = SqliteEventStore.open(':memory:');
        await feed(store, interleave(histories, picks), context);
        // The division counters without a tree of their own keep no per-division sums (docs/decisions/0079): the root reads the region's.
        const projections = openProjections(store, { policy, divisions: region, projections: ALL_PROJECTIONS, runner: { batchSize } });
        await projections.runner.catchUp();
        expect(new VillageCounters(store.db).divisionSumsServe(region)).toBe(false);
        const direct = await DirectReports.load(store, context);
        const { reports } = projections;
        const periods = periodsOf(histories.flat());
        for (const year of periods.years) {
          const fromSums = reports.clearanceReport({ year });
          expect(fromSums).toEqual(reports.clearanceReport({ year, subtree: true }).rows[0]);
          expect(fromSums).toEqual(direct.clearanceReport({ year }));
        }
        for (const month of periods.months) {
          const fromSums = reports.monthlyReport({ month });
          expect(fromSums).toEqual(reports.monthlyReport({ month, subtree: true }).rows[0]);
          expect(fromSums).toEqual(direct.monthlyReport({ month }));
        }
        const sums = ['agg_region_series', 'agg_region_villages'].map((t) => tableRows(store.db, t));
        await projections.rebuild(['division-counters']);
        expect(['agg_region_series', 'agg_region_villages'].map((t) => tableRows(store.db, t))).toEqual(sums);
        await projections.close();
        await store.close();
      }),
      propertyRuns(15, process.env),
    );
  });

  it('are not used under a tree that does not know a village with households: that village counts nowhere', async () => {
    const store = SqliteEventStore.open(':memory:');
    await feed(
      store,
      [
        c.register('h1', '2016-02-01', 'V1', [['m1', 1980]]),
        c.register('h2', '2016-02-01', 'V4', [['m1', 1980]]),
        c.survey('h2', '2016-02-02', member('m1', 'full', true)),
        c.apply('h2', '2016-02-03'),
        c.identify('h2', '2016-02-04'),
      ],
      context,
    );
    const withoutV4 = buildDivisionTree(region.all.filter((d) => d.code !== 'V4' && d.code !== 'T3' && d.code !== 'C2'));
    if (E.isLeft(withoutV4)) throw new Error('tree without V4 is invalid');
    const projections = openProjections(store, { policy, divisions: region });
    await projections.runner.catchUp();
    const counters = new VillageCounters(store.db);
    expect(counters.regionSumsServe(region)).toBe(true);
    expect(counters.regionSumsServe(withoutV4.right)).toBe(false);
    expect(tableRows(store.db, 'agg_region_villages')).toEqual([['V1', 1], ['V4', 1]]);
    // The whole region's sums count V4's household; under the tree without V4 it counts nowhere.
    expect(projections.reports.monthlyReport({ month: '2016-02' }).stockAtEnd).toBe(1);
    const partial = openProjections(store, { policy, divisions: withoutV4.right });
    expect(partial.reports.monthlyReport({ month: '2016-02' })).toEqual(partial.reports.monthlyReport({ month: '2016-02', subtree: true }).rows[0]);
    expect(partial.reports.monthlyReport({ month: '2016-02' }).stockAtEnd).toBe(0);
    await partial.close();
    await projections.close();
    await store.close();
  });
});
