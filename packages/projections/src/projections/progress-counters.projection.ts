import type Database from 'better-sqlite3';
import type { EventType } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { CaseActivityProjection } from './case-activity.projection';
import { STATUS_EVENTS } from './household-status.projection';
import { eligibleOf, emptyProgress, flowsOf, HouseholdProgress, monthsTouched, progressAfter } from './household-progress';
import { MemberEligibilityProjection } from './member-eligibility.projection';
import { householdRecords } from './household-records';
import { contributionDiff } from './household-timeline';
import { seriesTableSchema, seriesWriter } from './series-table';
import { villageProgressRows } from './village-progress-rows';

/**
 * Per-village counters of the monthly progress table (domain.md §5), so that the report
 * reads one row per village with activity in the month and one eligible-members series
 * per village, whatever the number of households: `agg_village_progress` holds, per
 * month and village, the counts of the month's activity (distinct members counted once,
 * each income record as `income.<cents>`, so the median stays exact) and
 * `agg_village_eligible` the eligible members at each month's end as a cumulative
 * series. As for the division counters, each household's small record
 * (`agg_household_progress`) is kept and only the difference of its contribution before
 * and after an event is written: the rows do not depend on import order. Within a page
 * of events the records are held parsed and the differences summed per row; each touched
 * record and row is written once at the page's end (`flush`), in key order.
 */
export const ProgressCountersProjection: Projection = {
  name: 'progress-counters',
  version: 1,
  handles: [...new Set<EventType>([...STATUS_EVENTS, 'HouseholdTransferred', ...MemberEligibilityProjection.handles, ...CaseActivityProjection.handles])],
  tables: ['agg_household_progress', 'agg_village_progress', 'agg_village_eligible'],
  schema: `
    CREATE TABLE IF NOT EXISTS agg_household_progress (
      household_id TEXT PRIMARY KEY,
      progress TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS agg_village_progress (
      month INTEGER NOT NULL,
      village TEXT NOT NULL,
      counts TEXT NOT NULL,
      PRIMARY KEY (month, village)
    ) WITHOUT ROWID;
    ${seriesTableSchema('agg_village_eligible')}
  `,
  writer: (db: Database.Database) => {
    /** Each household's record, with its eligible-members contribution once computed. */
    const households = householdRecords<HouseholdProgress, Map<string, number>>(db, 'agg_household_progress', 'progress', emptyProgress);
    const flows = villageProgressRows(db);
    const eligibleSeries = seriesWriter(db, 'agg_village_eligible');

    return {
      apply: (e: ProjectedEvent) => {
        const held = households.get(e.householdId);
        const before = held.record;
        const { after, activityOnly } = progressAfter(before, e);
        if (after === before) return;
        if (activityOnly) {
          // Activity changes neither villages, statuses nor members: the eligible members stay as they were.
          const months = monthsTouched(before, after, e.corrected?.position ?? e.position);
          flows.add(contributionDiff(flowsOf(before, months), flowsOf(after, months)));
        } else {
          flows.add(contributionDiff(flowsOf(before), flowsOf(after)));
          const afterEligible = eligibleOf(after);
          for (const [k, n] of contributionDiff(held.derived ?? eligibleOf(before), afterEligible)) {
            const [village, m, key] = k.split('\u0000') as [string, string, string];
            eligibleSeries.add(village, key, Number(m), n);
          }
          held.derived = afterEligible;
        }
        held.record = after;
        held.changed = true;
      },
      flush: () => {
        households.flush();
        flows.flush();
        eligibleSeries.flush();
      },
      discard: () => {
        households.discard();
        flows.discard();
        eligibleSeries.discard();
      },
    };
  },
};
