import Database from 'better-sqlite3';
import { SqliteEventStore } from '@hearth/event-store';
import { DivisionCountersProjection, divisionCountersProjection, openProjections, ProgressCountersProjection, Projection, ProjectionWriter } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { context, policy, region } from './support/region';
import { tableRows } from './support/table-rows';

const counterRows = (db: Database.Database): unknown[] =>
  DivisionCountersProjection.tables.flatMap((table) =>
    tableRows(db, table).map((row) => [table, ...row]));

/** The division counters, with their per-division sums under the test region (docs/decisions/0079). */
const counters = divisionCountersProjection(region);

/** The division counters, failing once at the event at `position` (before applying it). */
const failingOnceAt = (position: number): Projection => {
  let failed = false;
  return {
    ...counters,
    writer: (db) => {
      const inner = counters.writer(db);
      const writer: ProjectionWriter = {
        apply: (e) => {
          if (e.position === position && !failed) {
            failed = true;
            throw new Error('the disk is full');
          }
          inner.apply(e);
        },
        flush: () => inner.flush?.(),
        discard: () => inner.discard?.(),
      };
      return writer;
    },
  };
};

/**
 * The counter projections hold a page's household records until the page's end. When
 * the page's transaction fails half-way, what they held must go with it: by the next
 * page another runner may have written those households' rows, and a record held from
 * before would be counted again.
 */
describe('a counter page that fails half-way', () => {
  it('leaves nothing held for the next page: the rows equal a catch-up that never failed', async () => {
    const store = SqliteEventStore.open(':memory:');
    const { lastPosition } = await feed(store, [
      c.register('h1', '2016-03-01', 'V1', [['m1', 1980]]),
      c.survey('h1', '2016-03-05', member('m1', 'full', true)),
      c.apply('h1', '2016-03-10'),
      c.identify('h1', '2016-04-01'),
      c.employ('h1', '2016-06-01', 'e1', 'enterprise', 'local', 2000),
      c.clear('h1', '2016-06-15'),
      c.register('h2', '2016-03-01', 'V2', [['m1', 1975]]),
      c.survey('h2', '2016-03-05', member('m1', 'partial', true)),
      c.apply('h2', '2016-04-01'),
    ], context, { strict: true });
    const db = new Database(':memory:');
    const failing = openProjections(store, { policy, divisions: region, db, projections: [failingOnceAt(lastPosition), ProgressCountersProjection] });
    await expect(failing.runner.catchUp()).rejects.toThrow('the disk is full');
    expect(counterRows(db)).toEqual([]);

    // Another runner on the same read models writes the whole page meanwhile.
    const other = openProjections(store, { policy, divisions: region, db, projections: [counters, ProgressCountersProjection] });
    await other.runner.catchUp();
    await feed(store, [c.followUp('h1', '2016-09-10', 'v1', ['wages-withheld']), c.identify('h2', '2016-05-10')], context, { strict: true });
    await failing.runner.catchUp();

    const clean = new Database(':memory:');
    const reference = openProjections(store, { policy, divisions: region, db: clean, projections: [counters, ProgressCountersProjection] });
    await reference.runner.catchUp();
    expect(counterRows(clean).length).toBeGreaterThan(2);
    expect(counterRows(db)).toEqual(counterRows(clean));
    await Promise.all([failing.close(), other.close(), reference.close()]);
    db.close();
    clean.close();
    await store.close();
  });
});
