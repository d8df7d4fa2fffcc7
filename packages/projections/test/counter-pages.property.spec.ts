import fc from 'fast-check';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { DivisionCountersProjection, openProjections, ProgressCountersProjection } from '../src';
import { feed } from './support/feed';
import { householdsAcrossPages } from './support/pages';
import { interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { tableRows } from './support/table-rows';
import { propertyRuns } from '@hearth/domain/testing';

/** Every row of the two counter projections' tables, the per-household records included, blobs as hex. */
const counterTables = (db: Database.Database): Record<string, unknown[]> =>
  Object.fromEntries(
    [...DivisionCountersProjection.tables, ...ProgressCountersProjection.tables].map((table) => [
      table,
      tableRows(db, table),
    ]),
  );

/** Mostly pages shorter than a region's log (a few dozen events to a few hundred), so that households span pages; sometimes any. */
const pageSizes = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 500 }) });

/**
 * The counter projections hold a page's household records and row deltas in memory and
 * write them at the page's end. A page of one event is the event-by-event fold; any
 * larger page, with households' events interleaved so that a household spans pages, must
 * leave exactly the same rows, byte for byte.
 */
describe('counter projections, page by page', () => {
  it('leave the same rows whether the log is caught up one event at a time or in larger pages', async () => {
    let split = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), pageSizes, async (histories, picks, batchSize) => {
        const store = SqliteEventStore.open(':memory:');
        await feed(store, interleave(histories, picks), context);
        const pageEnds: number[] = [];
        const caughtUp = async (size: number): Promise<Record<string, unknown[]>> => {
          const db = new Database(':memory:');
          const projections = openProjections(store, { policy, divisions: region, db, projections: [DivisionCountersProjection, ProgressCountersProjection], runner: { batchSize: size } });
          await projections.runner.catchUp((p) => {
            if (size > 1) pageEnds.push(p.position);
          });
          const tables = counterTables(db);
          await projections.close();
          db.close();
          return tables;
        };
        const oneByOne = await caughtUp(1);
        expect(oneByOne['agg_household_timelines']).toHaveLength(histories.length);
        expect(await caughtUp(batchSize)).toEqual(oneByOne);
        if ((await householdsAcrossPages(store, pageEnds)) > 0) split++;
        await store.close();
      }),
      propertyRuns(15, process.env),
    );
    // Page ends fell inside households: the records held in memory from one page to the next were exercised.
    expect(split).toBeGreaterThan(0);
  });
});
