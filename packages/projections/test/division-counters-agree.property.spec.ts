import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { BusinessDate, Policy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { feed } from './support/feed';
import { householdByHousehold, interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { periodsOf } from './support/snapshot';
import { propertyRuns } from '@hearth/domain/testing';

/** The counters' own rows (not the per-household records): what reports read. */
const counterRows = (db: Database.Database): string[] => [
  ...['agg_village_series', 'agg_village_eligible'].flatMap((table) =>
    db.prepare<[], Record<string, unknown>>(`SELECT '${table}' AS t, key, village, initial, base, hex(series) AS series FROM ${table} ORDER BY key, village`).all()),
  ...db.prepare<[], Record<string, unknown>>('SELECT month, village, counts FROM agg_village_progress ORDER BY month, village').all(),
].map((r) => JSON.stringify(r));

/**
 * Cutoffs at a month's end are read from the counters; one inside a month is read from the
 * facts (docs/decisions/0054); so is the progress table under another working age than the
 * reference one the counters keep (docs/decisions/0061).
 */
const policies: readonly Policy[] = [
  { ...policy, baselineCutoff: '2016-03-31' as BusinessDate },
  { ...policy, baselineCutoff: '2016-07-15' as BusinessDate, workingAge: { min: 18, max: 64 } },
  { ...policy, baselineCutoff: '2017-02-28' as BusinessDate },
];

/**
 * The division and progress counters themselves: the same stored rows whatever order the
 * households' events were imported in and after a rebuild, and the clearance and progress
 * reports equal to the direct fold for other baseline cutoffs and another working age
 * than the reference ones (read-models-agree covers the reference policy), and so are the
 * households behind each progress count and each clearance event count (decision 186).
 */
describe('division and progress counters', () => {
  it('are the same rows in any import order and after a rebuild, and serve any baseline cutoff and working age', async () => {
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
          for (const year of periods.years) {
            for (const { code } of region.all) expect(projections.reports.clearanceReport({ year, division: code })).toEqual(directFor.clearanceReport({ year, division: code }));
            // Whatever the cutoff the counts are read under, the households behind the year's events are the counters'.
            expect(projections.reports.clearanceHouseholds({ year, byChild: true })).toEqual(directFor.clearanceHouseholds({ year, byChild: true }));
          }
          for (const month of periods.months) {
            expect(projections.reports.progressReport({ month, byChild: true })).toEqual(directFor.progressReport({ month, byChild: true }));
            expect(projections.reports.progressHouseholds({ month, byChild: true })).toEqual(directFor.progressHouseholds({ month, byChild: true }));
          }
          await projections.close();
        }
        const a = openProjections(one, { policy, divisions: region });
        const b = openProjections(other, { policy, divisions: region });
        await b.runner.catchUp();
        const rows = counterRows(one.db);
        expect(counterRows(other.db)).toEqual(rows);
        await a.rebuild(['division-counters', 'progress-counters']);
        expect(counterRows(one.db)).toEqual(rows);
        for (const month of periods.months) {
          expect(a.reports.monthlyReport({ month, byChild: true })).toEqual(direct.monthlyReport({ month, byChild: true }));
          expect(a.reports.monthlyHouseholds({ month, byChild: true })).toEqual(direct.monthlyHouseholds({ month, byChild: true }));
          expect(a.reports.progressReport({ month, byChild: true })).toEqual(direct.progressReport({ month, byChild: true }));
        }
        await Promise.all([a.close(), b.close()]);
        await Promise.all([one.close(), other.close()]);
      }),
      propertyRuns(15, process.env),
    );
  });
});
