import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { BusinessDate, Policy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { feed } from './support/feed';
import { householdByHousehold, interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { periodsOf } from './support/snapshot';

const seriesRows = (db: Database.Database): string[] =>
  db.prepare<[], Record<string, unknown>>('SELECT key, village, base, hex(series) AS series FROM agg_village_series ORDER BY key, village').all().map((r) => JSON.stringify(r));

/** Cutoffs at a month's end are read from the counters; one inside a month is read from the facts (docs/decisions/0054). */
const policies: readonly Policy[] = [
  { ...policy, baselineCutoff: '2016-03-31' as BusinessDate },
  { ...policy, baselineCutoff: '2016-07-15' as BusinessDate },
  { ...policy, baselineCutoff: '2017-02-28' as BusinessDate },
];

/**
 * The division counters themselves: the same stored rows whatever order the households'
 * events were imported in and after a rebuild, and the clearance report from them equal
 * to the direct fold for other baseline cutoffs than the reference one.
 */
describe('division counters', () => {
  it('are the same rows in any import order and after a rebuild, and serve any baseline cutoff', async () => {
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), async (histories, picks) => {
        const one = SqliteEventStore.open(':memory:');
        await feed(one, householdByHousehold(histories), context);
        const other = SqliteEventStore.open(':memory:');
        await feed(other, interleave(histories, picks), context);
        const periods = periodsOf(histories.flat());
        const direct = await DirectReports.load(one, context);
        for (const p of policies) {
          const projections = openProjections(one, { policy: p, divisions: region, runner: { batchSize: 11 } });
          await projections.runner.catchUp();
          const directFor = await DirectReports.load(one, { policy: p, divisions: region });
          for (const year of periods.years)
            for (const { code } of region.all) expect(projections.reports.clearanceReport({ year, division: code })).toEqual(directFor.clearanceReport({ year, division: code }));
          await projections.close();
        }
        const a = openProjections(one, { policy, divisions: region });
        const b = openProjections(other, { policy, divisions: region });
        await b.runner.catchUp();
        const rows = seriesRows(one.db);
        expect(seriesRows(other.db)).toEqual(rows);
        await a.rebuild(['division-counters']);
        expect(seriesRows(one.db)).toEqual(rows);
        for (const month of periods.months) expect(a.reports.monthlyReport({ month, byChild: true })).toEqual(direct.monthlyReport({ month, byChild: true }));
        await Promise.all([a.close(), b.close()]);
        await Promise.all([one.close(), other.close()]);
      }),
      { numRuns: Number(process.env.HEARTH_PROPERTY_RUNS ?? 15) },
    );
  });
});
