import type Database from 'better-sqlite3';
import { STATUS_EVENTS, type DivisionTree, type EventType } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection, ProjectionSettling } from '../projection';
import { contributionOf, emptyTimeline, HouseholdTimeline, timelineAfter } from './household-timeline';
import { householdRecords } from './household-records';
import { villageCounts } from './village-counts';
import { REGION, seriesTableSchema, seriesWriter } from './series-table';
import { divisionSums, divisionSumsSchema } from './division-sums';
import { rollUpTreeOf } from './roll-up-tree';

/**
 * Per-village counters of the clearance and monthly reports, as cumulative monthly
 * series (`agg_village_series`: one row per village and counter), so that a report reads
 * one row per village and counter rather than every household. Each household's small
 * timeline (`agg_household_timelines`) is kept beside them: when an event changes it,
 * the household's whole contribution is computed before and after, the one after added
 * to the series and the one before taken back — once a page of events (`flush`): the
 * timelines are held parsed through the page (and from one committed page to the next,
 * decision 106), and each touched timeline and series row is written once at its end, in key order. A household's contribution is a function of its own events
 * only, so the counters are the same whatever order households' events are interleaved
 * in, whatever the business dates' order, and after a correction that moves a
 * registration to another village.
 *
 * The same series summed over every village are kept as one row per counter
 * (`agg_region_series`, village `REGION`), with the villages the households' timelines
 * name and how many households name each (`agg_region_villages`: every village that can
 * add to the sums): the whole region's report reads those, a few rows, rather than one
 * row per village and counter (docs/decisions/0072). A division's report reads its own
 * villages' rows through the index by village.
 *
 * And the same series summed for every division of a division tree (`agg_division_series`,
 * under the tree stored in `agg_rollup_tree`; see divisionSums): a report by child, under
 * that tree, reads its few divisions' rows rather than every village's (docs/decisions/0079).
 * `divisions`: the tree the process rolls up with (the ledger's every division ever
 * recorded); without one the writer keeps the sums under the tree already stored, if any.
 */
export const divisionCountersProjection = (divisions?: DivisionTree): Projection => ({
  ...(divisions === undefined ? {} : { settle: sumsSettling(divisions) }),
  name: 'division-counters',
  // 7: the series tables keyed by village (division) first, then counter (docs/decisions/0080); 8: a survey dated
  // before a change kept before it in the household timelines, also one that left the status as it was (docs/decisions/0164);
  // 9: beside each event count, the households behind it (`h.month.…`, `h.year.…`: docs/decisions/0186).
  version: 9,
  handles: [...STATUS_EVENTS, 'HouseholdTransferred', 'LaborConcernRaised', 'LaborConcernResolved', 'EventCorrected'] as EventType[],
  tables: ['agg_household_timelines', 'agg_village_series', 'agg_region_series', 'agg_region_villages', 'agg_division_series', 'agg_rollup_tree'],
  schema: `
    CREATE TABLE IF NOT EXISTS agg_household_timelines (
      household_id TEXT PRIMARY KEY,
      timeline TEXT NOT NULL
    ) WITHOUT ROWID;
    ${seriesTableSchema('agg_village_series')}
    ${seriesTableSchema('agg_region_series')}
    CREATE TABLE IF NOT EXISTS agg_region_villages (
      village TEXT PRIMARY KEY,
      households INTEGER NOT NULL
    ) WITHOUT ROWID;
    ${seriesTableSchema('agg_division_series', 'division')}
    ${divisionSumsSchema}
  `,
  indexes: [{ name: 'agg_village_series_by_key', table: 'agg_village_series', on: 'key, village' }],
  writer: (db: Database.Database) => {
    const households = householdRecords<HouseholdTimeline>(db, 'agg_household_timelines', 'timeline', emptyTimeline);
    const series = seriesWriter(db, 'agg_village_series');
    const region = seriesWriter(db, 'agg_region_series');
    const villages = villageCounts(db);
    const levels = divisionSums(db, divisions === undefined ? undefined : rollUpTreeOf(divisions));
    const add = (village: string, key: string, month: number, n: number): void => {
      series.add(village, key, month, n);
      region.add(REGION, key, month, n);
    };

    return {
      begin: (from) => households.begin(from),
      apply: (e: ProjectedEvent) => {
        const after = timelineAfter(households.get(e.householdId), e);
        if (after !== undefined) households.set(e.householdId, after);
      },
      flush: () => {
        // The household's contribution after the page is added and the one before it taken back: the sums are those of the
        // differences, and a row whose deltas cancel out is left as it is.
        levels.begin();
        households.flush((_, before, after) => {
          contributionOf(after, 1, add);
          contributionOf(before, -1, add);
          villages.move(before, after);
        });
        // The divisions above a village take its row's summed deltas: a household's unchanged contributions have cancelled out.
        series.flush((key, village, deltas) => {
          for (const [month, delta] of deltas) if (delta !== 0) levels.add(village, key, month, delta);
        });
        region.flush();
        // After the village rows: a page that recomputes the sums reads them.
        levels.flush();
        villages.flush();
      },
      committed: (position) => households.committed(position),
      discard: () => {
        households.discard();
        series.discard();
        region.discard();
        levels.discard();
        villages.discard();
      },
    };
  },
});

/** Moves the per-division sums to the process's tree at open when it extends the stored one, so its reports read them at once. */
const sumsSettling = (divisions: DivisionTree): ProjectionSettling => ({
  needed: (db) => divisionSums(db, rollUpTreeOf(divisions)).behind(),
  run: (db) => divisionSums(db, rollUpTreeOf(divisions)).settle(),
});

/** The division counters without a tree of their own: they keep the per-division sums under the tree stored, if any. */
export const DivisionCountersProjection: Projection = divisionCountersProjection();
