import fc from 'fast-check';
import Database from 'better-sqlite3';
import type { HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DivisionCountersProjection, openProjections, ProgressCountersProjection, RunnerOptions } from '../src';
import { feed } from './support/feed';
import { interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { tableRows } from './support/table-rows';
import { propertyRuns } from '@hearth/domain/testing';

const counters = [DivisionCountersProjection, ProgressCountersProjection];

/** Every row of the two counter projections' tables, the per-household records included, blobs as hex. */
const counterTables = (db: Database.Database): Record<string, unknown[]> =>
  Object.fromEntries([...DivisionCountersProjection.tables, ...ProgressCountersProjection.tables].map((table) => [table, tableRows(db, table)]));

/** The log cut in three, at commands `a` and `b` (modulo its length). */
const thirds = (commands: readonly HouseholdCommand[], a: number, b: number): HouseholdCommand[][] => {
  const [x, y] = [a % (commands.length + 1), b % (commands.length + 1)].sort((p, q) => p - q) as [number, number];
  return [commands.slice(0, x), commands.slice(x, y), commands.slice(y)];
};

/**
 * The counters keep their household records parsed from one committed page to the next
 * (decision 106), and a catch-up far behind reads larger pages, as large as a bound on
 * their households allows (decision 115). None of it may change a row:
 * whatever the pages' sizes, the households' interleaving, and whichever of two runners
 * writing the same read models took each part of the log (each must forget what it kept
 * once the other has written), the tables are those of the event-by-event fold.
 */
describe('counter records kept from page to page', () => {
  it('leave the rows of the event-by-event fold, whatever the pages and whichever runner wrote between them', async () => {
    await fc.assert(
      fc.asyncProperty(
        regionHistories,
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        async (histories, picks, batchSize, bulkBatchSize, bulkHouseholds, a, b, otherRunner) => {
          const commands = interleave(histories, picks);
          const caughtUp = async (runner: RunnerOptions, second: boolean): Promise<Record<string, unknown[]>> => {
            const store = SqliteEventStore.open(':memory:');
            const db = new Database(':memory:');
            const one = openProjections(store, { policy, divisions: region, db, projections: counters, runner });
            const two = openProjections(store, { policy, divisions: region, db, projections: counters, runner });
            const [first, middle, last] = thirds(commands, a, b);
            await feed(store, first as HouseholdCommand[], context);
            await one.runner.catchUp();
            await feed(store, middle as HouseholdCommand[], context);
            // The middle of the log by the other runner (as another process would), or by the same one.
            await (second ? two : one).runner.catchUp();
            await feed(store, last as HouseholdCommand[], context);
            await one.runner.catchUp();
            const tables = counterTables(db);
            await one.close();
            await two.close();
            db.close();
            await store.close();
            return tables;
          };
          const oneByOne = await caughtUp({ batchSize: 1, bulkBatchSize: 1 }, false);
          expect(oneByOne['agg_household_timelines']).toHaveLength(histories.length);
          expect(await caughtUp({ batchSize, bulkBatchSize, bulkHouseholds }, otherRunner)).toEqual(oneByOne);
        },
      ),
      propertyRuns(15, process.env),
    );
  });
});
