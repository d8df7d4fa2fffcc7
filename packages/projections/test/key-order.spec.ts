import fc from 'fast-check';
import Database from 'better-sqlite3';
import type { HouseholdCommand } from '@hearth/domain';
import { propertyRuns } from '@hearth/domain/testing';
import { SqliteEventStore } from '@hearth/event-store';
import { DivisionCountersProjection, openProjections, ProgressCountersProjection } from '../src';
import type { ProjectedEvent } from '../src/projected-event';
import { isOutOfKeyOrder, keyOrderOf } from '../src/runner/key-order';
import { nextPageSize } from '../src/runner/page-size';
import { c, member } from './support/commands';
import { dumpReadModels } from './support/dump';
import { feed } from './support/feed';
import { regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { tableRows } from './support/table-rows';
import { pageEvent } from './support/page-event';

const eventOf = (householdId: string, type = 'HouseholdRegistered'): ProjectedEvent => pageEvent(householdId, type);

/** A household whole: registered, surveyed, applied, identified (a run of four, opened by its registration). */
const household = (h: string): HouseholdCommand[] => [
  c.register(h, '2016-01-04', 'V1', [['m1', 1980]]),
  c.survey(h, '2016-01-05', member('m1', 'full', true)),
  c.apply(h, '2016-01-06'),
  c.identify(h, '2016-01-07'),
];

const id = (n: number): string => `h${String(n).padStart(3, '0')}`;

/**
 * A catch-up far behind reads bulk pages where its households' rows would land between rows
 * earlier pages wrote (decision 190): a log imported in parts, or ids not given in the order
 * of registration. A log registered in the order of its ids keeps the usual pages.
 */
describe('the read models’ key order of a page’s registrations', () => {
  it('counts the registrations that sort before one registered earlier, in the page or before it', () => {
    const page = ['h05', 'h02', 'h07', 'h06', 'h09'].map((h) => eventOf(h));
    expect(keyOrderOf(page, undefined)).toEqual({ registrations: 5, behind: 2, highest: 'h09' });
    expect(keyOrderOf(page, 'h08')).toEqual({ registrations: 5, behind: 4, highest: 'h09' });
    // Events other than registrations neither count nor move the highest id.
    expect(keyOrderOf([eventOf('h01', 'HouseholdSurveyed'), eventOf('h99', 'HouseholdSurveyed')], 'h05')).toEqual({ registrations: 0, behind: 0, highest: 'h05' });
  });

  it('reads a log the same in pages as whole: the highest id carried from page to page', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 10 }), (numbers, cuts) => {
        const events = numbers.map((n) => eventOf(id(n)));
        const whole = keyOrderOf(events, undefined);
        const at = [...new Set(cuts.map((k) => k % (events.length + 1)))].sort((a, b) => a - b);
        let highest: string | undefined;
        let behind = 0;
        let from = 0;
        for (const to of [...at, events.length]) {
          const page = keyOrderOf(events.slice(from, to), highest);
          behind += page.behind;
          highest = page.highest;
          from = to;
        }
        expect({ behind, highest }).toEqual({ behind: whole.behind, highest: whole.highest });
        // Registered in the order of their ids, nothing is behind.
        expect(keyOrderOf([...numbers].sort((a, b) => a - b).map((n) => eventOf(id(n))), undefined).behind).toBe(0);
      }),
      propertyRuns(100, process.env),
    );
  });

  it('calls a page out of key order from a quarter of its registrations behind', () => {
    expect(isOutOfKeyOrder({ registrations: 8, behind: 2, highest: 'h9' })).toBe(true);
    expect(isOutOfKeyOrder({ registrations: 8, behind: 1, highest: 'h9' })).toBe(false);
    expect(isOutOfKeyOrder({ registrations: 0, behind: 0, highest: undefined })).toBe(false);
  });

  it('sizes the next page as a spread log’s once a page came out of key order, far behind only', () => {
    const longRuns = { events: 5000, runs: 140, households: 140, opening: 140 };
    expect(nextPageSize(5000, 50_000, 700_000, longRuns)).toBe(5000);
    expect(nextPageSize(5000, 50_000, 700_000, longRuns, undefined, true)).toBe(50_000);
    expect(nextPageSize(5000, 50_000, 49_999, longRuns, undefined, true)).toBe(5000);
    expect(nextPageSize(5000, 50_000, 700_000, undefined, undefined, true)).toBe(5000);
  });

  /** The events of each page of a catch-up from zero of `households`, each whole, in this order. */
  const pagesOf = async (households: readonly number[]): Promise<number[]> => {
    const store = SqliteEventStore.open(':memory:');
    try {
      await feed(store, households.flatMap((n) => household(id(n))), context, { strict: true });
      const projections = openProjections(store, { policy, divisions: region, runner: { batchSize: 8, bulkBatchSize: 40 } });
      const read: number[] = [];
      await projections.runner.catchUp((p) => read.push(p.events));
      await projections.close();
      return read.map((events, k) => events - (read[k - 1] ?? 0));
    } finally {
      await store.close();
    }
  };

  /** Every read model's rows: the fact tables and the counters' tables, their household records included. */
  const readModels = (db: Database.Database): unknown => ({
    facts: dumpReadModels(db),
    counters: [...DivisionCountersProjection.tables, ...ProgressCountersProjection.tables].map((table) => [table, tableRows(db, table)]),
  });

  it('leaves the rows of an event-by-event catch-up, households whole in any order, whatever the pages', async () => {
    let bulkPages = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 }), async (histories, keys, reversed, batchSize, more) => {
        // Each household whole, as an import in parts writes them: in reverse id order, or in an order the keys pick.
        const order = reversed ? [...histories].reverse() : [...histories].sort((a, b) => (keys[histories.indexOf(a)] ?? 0) - (keys[histories.indexOf(b)] ?? 0));
        const commands = order.flat();
        const caughtUp = async (size: number, bulk: number): Promise<unknown> => {
          const store = SqliteEventStore.open(':memory:');
          const db = new Database(':memory:');
          try {
            await feed(store, commands, context);
            const projections = openProjections(store, { policy, divisions: region, db, runner: { batchSize: size, bulkBatchSize: bulk } });
            let events = 0;
            await projections.runner.catchUp((p) => {
              if (p.events - events > size) bulkPages++;
              events = p.events;
            });
            const rows = readModels(db);
            await projections.close();
            return rows;
          } finally {
            db.close();
            await store.close();
          }
        };
        expect(await caughtUp(batchSize, batchSize + more)).toEqual(await caughtUp(1, 1));
      }),
      propertyRuns(20, process.env),
    );
    // The runs went through bulk pages: what the property is about was exercised.
    expect(bulkPages).toBeGreaterThan(0);
  });

  it('reads bulk pages through households imported in two parts, the usual ones through households in id order', async () => {
    const inOrder = Array.from({ length: 40 }, (_, k) => k + 1);
    // Two parts, the second 20 households behind the first, two households at a time each.
    const inParts = Array.from({ length: 10 }, (_, k) => [21 + 2 * k, 22 + 2 * k, 1 + 2 * k, 2 + 2 * k]).flat();
    const ordered = await pagesOf(inOrder);
    const parted = await pagesOf(inParts);
    expect(ordered.reduce((a, b) => a + b)).toBe(160);
    expect(parted.reduce((a, b) => a + b)).toBe(160);
    expect(Math.max(...ordered)).toBe(8);
    // The first page (the division tree, h021, most of h022) is in order; the second registers h001 and h002 behind them.
    expect(parted.slice(0, 3)).toEqual([8, 8, 40]);
  });
});
