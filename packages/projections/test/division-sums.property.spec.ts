import fc from 'fast-check';
import { DivisionTree, firstDayOf } from '@hearth/domain';
import { GENESIS_HASH, sealEvents, SqliteEventStore } from '@hearth/event-store';
import { DirectReports, monthsOf, openProjections, Projections } from '../src';
import { rollUpTreeOf } from '../src/projections/roll-up-tree';
import { VillageCounters } from '../src/reports/village-counters';
import { c } from './support/commands';
import { sumsDisagreeingWithVillages } from './support/division-sums-oracle';
import { feed } from './support/feed';
import { householdByHousehold, interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { everRecorded, historyWithReorganisationAt, REORGANISED_TREE_DATA, reorganisedContext, transfersAt, underSuccessor } from './support/reorganised-region';
import { Periods, periodsOf } from './support/snapshot';
import { tableRows } from './support/table-rows';
import { propertyRuns } from '@hearth/domain/testing';

const stamp = (store: SqliteEventStore): string | undefined => store.db.prepare<[], string>('SELECT fingerprint FROM agg_rollup_tree').pluck().get();

/**
 * Every division's clearance and monthly reports by child and by subtree, as the read
 * models answer and as the direct fold of the log does (by child; a subtree's rows are
 * each division's own report).
 */
const expectByChildAsDirect = async (projections: Projections, store: SqliteEventStore, tree: DivisionTree, periods: Periods): Promise<void> => {
  const direct = await DirectReports.load(store, { policy, divisions: tree });
  const { reports } = projections;
  for (const { code: division } of tree.all) {
    for (const year of periods.years) {
      expect(reports.clearanceReport({ year, division, byChild: true })).toEqual(direct.clearanceReport({ year, division, byChild: true }));
      expect(reports.clearanceReport({ year, division, subtree: true }).rows).toEqual(reports.clearanceReport({ year, division, subtree: true }).rows.map((r) => direct.clearanceReport({ year, division: r.division })));
      // A year's twelve monthly tables read in one pass are the twelve monthly reports.
      const months = monthsOf(year);
      expect(reports.monthlyReportsOfYear(year, { division, subtree: true })).toEqual(months.map((month) => reports.monthlyReport({ month, division, subtree: true })));
      expect(reports.monthlyReportsOfYear(year, { division })).toEqual(months.map((month) => direct.monthlyReport({ month, division })));
    }
    for (const month of periods.months) {
      expect(reports.monthlyReport({ month, division, byChild: true })).toEqual(direct.monthlyReport({ month, division, byChild: true }));
      expect(reports.monthlyReport({ month, division, subtree: true }).rows).toEqual(reports.monthlyReport({ month, division, subtree: true }).rows.map((r) => direct.monthlyReport({ month, division: r.division })));
    }
  }
};

/** How many villages the log's households were registered in. */
const registeredVillages = (store: SqliteEventStore): number =>
  store.db.prepare<[], number>("SELECT count(DISTINCT json_extract(data, '$.divisionCode')) FROM events WHERE type = 'HouseholdRegistered'").pluck().get() ?? 0;

/**
 * The per-division sums of the division counters (`agg_division_series`, docs/decisions/0079)
 * are the village rows rolled up under the tree stored beside them, whatever the import
 * order, the page size, and after a reorganisation; the reports by child read from them
 * say what the direct fold says; a rebuild leaves the same rows.
 */
describe('the per-division sums', () => {
  it('are the village rows rolled up under the tree, and the reports by child from them are the direct fold, whatever the order and page size', async () => {
    let severalVillages = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (histories, picks, batchSize) => {
        const store = SqliteEventStore.open(':memory:');
        await feed(store, interleave(histories, picks), context);
        const projections = openProjections(store, { policy, divisions: region, runner: { batchSize } });
        await projections.runner.catchUp();
        expect(stamp(store)).toBe(rollUpTreeOf(region).fingerprint);
        expect(new VillageCounters(store.db).divisionSumsServe(region)).toBe(true);
        expect(sumsDisagreeingWithVillages(store.db, region)).toEqual([]);
        if (registeredVillages(store) > 1) severalVillages++;
        await expectByChildAsDirect(projections, store, region, periodsOf(histories.flat()));
        const sums = tableRows(store.db, 'agg_division_series');
        await projections.rebuild(['division-counters']);
        expect(tableRows(store.db, 'agg_division_series')).toEqual(sums);
        await projections.close();
        await store.close();
      }),
      propertyRuns(10, process.env),
    );
    // Households lived in more than one village: the sums added village rows up, not only copied one.
    expect(severalVillages).toBeGreaterThan(3);
  });

  it('follow a reorganisation: recomputed under the later tree, kept under it by a writer with the earlier one', async () => {
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.nat(), fc.integer({ min: 1, max: 40 }), async (histories, pick, batchSize) => {
        const periods = periodsOf(histories.flat());
        const on = firstDayOf(periods.months[1 + (pick % (periods.months.length - 1))] as string);
        const before = histories.map((h) => h.filter((c) => c.on < on));
        const after = histories.map((h) =>
          h.filter((c) => c.on >= on).map(underSuccessor),
        );
        // Sums are stored with the first page a writer flushes: a history with nothing before the reorganisation has none.
        fc.pre(before.some((h) => h.length > 0));
        const store = SqliteEventStore.open(':memory:');
        // A process opened under the first tree, and keeping it: the sums stay under that tree.
        const earlier = openProjections(store, { policy, divisions: region, runner: { batchSize } });
        await feed(store, householdByHousehold(before), context);
        // Nor does one whose commands before it were all rejected (a clearance dated before its household's registration):
        // no event, no page.
        if (store.db.prepare("SELECT count(*) AS n FROM events WHERE stream_id LIKE 'household-%'").pluck().get() === 0) {
          await earlier.close();
          await store.close();
          fc.pre(false);
        }
        await earlier.runner.catchUp();
        expect(stamp(store)).toBe(rollUpTreeOf(region).fingerprint);

        const [event] = sealEvents(GENESIS_HASH, [
          { eventId: 'tree-2', type: 'DivisionTreeRecorded', data: REORGANISED_TREE_DATA, metadata: { occurredOn: on, recordedAt: `${on}T00:00:00.000Z`, actor: 'admin', schemaVersion: 1 } },
        ]);
        const treeAt = (await store.appendToStream('divisions', event ? [event] : [], 'no_stream')).lastPosition;
        const history = historyWithReorganisationAt(treeAt);
        const inForce = { ...reorganisedContext, divisionsAt: (p: number) => history.at(p) };
        const moves = transfersAt(histories.map((_, i) => `h${i + 1}`), on);
        if ((await feed(store, moves, inForce)).accepted > 0) moved++;
        await earlier.runner.catchUp();
        // Households moved to villages the first tree does not know: there they count nowhere, as rollUp says.
        expect(stamp(store)).toBe(rollUpTreeOf(region).fingerprint);
        expect(sumsDisagreeingWithVillages(store.db, region)).toEqual([]);

        // A process opened under every division ever recorded: its first page recomputes the sums under that tree.
        const later = openProjections(store, { policy, divisions: everRecorded, runner: { batchSize } });
        const half = Math.floor(after.length / 2);
        await feed(store, householdByHousehold(after.slice(0, half)), inForce);
        await feed(store, [c.register('h-new', on, 'V5', [['m1', 1980]])], inForce, { strict: true }); // at least one page to write
        await later.runner.catchUp();
        expect(stamp(store)).toBe(rollUpTreeOf(everRecorded).fingerprint);
        expect(sumsDisagreeingWithVillages(store.db, everRecorded)).toEqual([]);
        expect(new VillageCounters(store.db).divisionSumsServe(region)).toBe(false);

        // The earlier process writes on: it keeps the sums under the later tree, not its own.
        await feed(store, householdByHousehold(after.slice(half)), inForce);
        await earlier.runner.catchUp();
        expect(stamp(store)).toBe(rollUpTreeOf(everRecorded).fingerprint);
        expect(sumsDisagreeingWithVillages(store.db, everRecorded)).toEqual([]);

        await expectByChildAsDirect(later, store, everRecorded, periods);
        // And the earlier process's reports, under a tree the sums are not kept under, roll the villages up as before.
        await expectByChildAsDirect(earlier, store, region, periods);

        const sums = tableRows(store.db, 'agg_division_series');
        await later.rebuild(['division-counters']);
        expect(tableRows(store.db, 'agg_division_series')).toEqual(sums);
        await Promise.all([earlier.close(), later.close()]);
        await store.close();
      }),
      { endOnFailure: true, ...propertyRuns(6, process.env) },
    );
    // The reorganisation moved households to the successors: the sums had rows to recompute under the later tree.
    expect(moved).toBeGreaterThan(0);
  });
});
