import type Database from 'better-sqlite3';
import type { EventType } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { STATUS_EVENTS } from './household-status.projection';
import { contributionDiff, contributionOf, emptyTimeline, HouseholdTimeline, timelineAfter } from './household-timeline';
import { seriesTableSchema, seriesWriter } from './series-table';

/**
 * Per-village counters of the clearance and monthly reports, as cumulative monthly
 * series (`agg_village_series`: one row per village and counter), so that a report reads
 * one row per village and counter rather than every household. Each household's small
 * timeline (`agg_household_timelines`) is kept beside them: when an event changes it,
 * the household's whole contribution is computed before and after and the difference
 * is added to the series. A household's contribution is a function of its own events
 * only, so the counters are the same whatever order households' events are interleaved
 * in, whatever the business dates' order, and after a correction that moves a
 * registration to another village.
 */
export const DivisionCountersProjection: Projection = {
  name: 'division-counters',
  version: 3,
  handles: [...STATUS_EVENTS, 'HouseholdTransferred', 'LaborConcernRaised', 'LaborConcernResolved', 'EventCorrected'] as EventType[],
  tables: ['agg_household_timelines', 'agg_village_series'],
  schema: `
    CREATE TABLE IF NOT EXISTS agg_household_timelines (
      household_id TEXT PRIMARY KEY,
      timeline TEXT NOT NULL
    ) WITHOUT ROWID;
    ${seriesTableSchema('agg_village_series')}
  `,
  writer: (db: Database.Database) => {
    const readTimeline = db.prepare<[string], string>('SELECT timeline FROM agg_household_timelines WHERE household_id = ?').pluck();
    const writeTimeline = db.prepare('INSERT OR REPLACE INTO agg_household_timelines (household_id, timeline) VALUES (?, ?)');
    const addToSeries = seriesWriter(db, 'agg_village_series');

    return {
      apply: (e: ProjectedEvent) => {
        const stored = readTimeline.get(e.householdId);
        const before: HouseholdTimeline = stored === undefined ? emptyTimeline() : (JSON.parse(stored) as HouseholdTimeline);
        const after = timelineAfter(before, e);
        if (after === undefined) return;
        for (const [k, delta] of contributionDiff(contributionOf(before), contributionOf(after))) {
          const [village, key, month] = k.split('\u0000') as [string, string, string];
          addToSeries(village, key, Number(month), delta);
        }
        writeTimeline.run(e.householdId, JSON.stringify(after));
      },
    };
  },
};
