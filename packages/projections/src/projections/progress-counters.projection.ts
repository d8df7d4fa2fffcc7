import type Database from 'better-sqlite3';
import { STATUS_EVENTS, type EventType } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { ACTIVITY_EVENTS } from './activity';
import { ELIGIBLE_HOUSEHOLDS_KEY, ELIGIBLE_KEY, eligibleOf } from './eligible-members';
import { emptyProgress, HouseholdProgress, PageTouch, progressAfter, untouched } from './household-progress';
import { flowsOf } from './progress-flows';
import { BACKLOG_EVENTS } from './backlog-activity';
import { MEMBER_FACT_EVENTS } from './member-facts';
import { householdRecords, RecordCodec } from './household-records';
import { seriesTableSchema, seriesWriter } from './series-table';
import { villageProgressRows } from './village-progress-rows';
import { decodeProgress, encodeProgress } from './progress-record-codec';
import { backlogTimelineOf, encodeBacklogTimeline } from './backlog-timeline';
import { RowInserts } from './row-inserts';

/** A household's record packed (decision 82): a few hundred bytes, in the table's leaf pages rather than an overflow page of its own. */
const PROGRESS_RECORD: RecordCodec<HouseholdProgress> = {
  encode: encodeProgress,
  decode: (stored) => {
    if (typeof stored === 'string') throw new Error('agg_household_progress: a record stored as text, not packed');
    return decodeProgress(stored);
  },
};

/**
 * Per-village counters of the monthly progress table (domain.md §5), so that the report
 * reads one row per village with activity in the month and one eligible-members series
 * per village, whatever the number of households: `agg_village_progress` holds, per
 * month and village, the counts of the month's activity (distinct members counted once,
 * each income record as `income.<cents>`, so the median stays exact), beside each count
 * the households behind it (`h:<count path>`, decision 186; left out where it equals the
 * count, decision 189), and `agg_village_eligible` the eligible members at each month's
 * end, and the households with one, as cumulative series. As for the division counters,
 * each household's small record (`agg_household_progress`) is kept and only the
 * difference of its contribution before and after an event is written: the rows do not
 * depend on import order. The difference is taken once a page of events (`flush`): the
 * records are held parsed through the page, each changed household's contribution after
 * the page is added to the page's rows and the one before it taken back, and each touched
 * record and row is written once at the page's end, in key order. A record an earlier page wrote is also kept parsed from
 * one committed page to the next (household-records.ts, decision 106). The household
 * records are also what the service backlog and the progress report's eligible members
 * read of a household (reports/backlog-facts.ts, reports/read-model-facts.ts; decision 110),
 * and each written record's backlog timeline (`agg_household_backlog`: its villages,
 * status changes, visits and surveys) what the backlog reads first (decision 113).
 */
export const ProgressCountersProjection: Projection = {
  name: 'progress-counters',
  // 2: agg_village_progress keyed by village, then month (docs/decisions/0077); 3: agg_village_eligible too (0080);
  // 4: the household records packed (0082); 5: the records hold the backlog's activity (0110); 6 and 7: the backlog's head
  // in the record (bef6647), then in agg_household_heads (0e08bb2), steps towards 8: agg_household_backlog (0113);
  // 9: members' capacity and willingness from the latest dated fact, not the latest recorded (0130), and a registration
  // or addition says nothing of willingness (0132); 10: a survey dated before a change kept before it in the records'
  // and backlog timelines' statuses, also one that left the status as it was (0164); 11: beside each count of a month's
  // row, the households behind it (`h:<path>`), and a series of the households with an eligible member (0186); 12: a row
  // leaves out `h:<path>` where it equals the count at the path (0189).
  version: 12,
  handles: [...new Set<EventType>([...STATUS_EVENTS, 'HouseholdTransferred', ...MEMBER_FACT_EVENTS, ...ACTIVITY_EVENTS, ...BACKLOG_EVENTS, 'EventCorrected'])],
  tables: ['agg_household_progress', 'agg_household_backlog', 'agg_village_progress', 'agg_village_eligible'],
  schema: `
    CREATE TABLE IF NOT EXISTS agg_household_progress (
      household_id TEXT PRIMARY KEY,
      progress BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS agg_household_backlog (
      household_id TEXT PRIMARY KEY,
      timeline BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS agg_village_progress (
      month INTEGER NOT NULL,
      village TEXT NOT NULL,
      counts TEXT NOT NULL,
      PRIMARY KEY (village, month)
    ) WITHOUT ROWID;
    ${seriesTableSchema('agg_village_eligible')}
  `,
  // A month's rows of every village (the progress report at the root): the key is by village first, so that a page of
  // households, each in one village, writes a few runs of neighbouring rows rather than rows all over the table.
  indexes: [{ name: 'agg_village_progress_by_month', table: 'agg_village_progress', on: 'month' }],
  writer: (db: Database.Database) => {
    const households = householdRecords<HouseholdProgress>(db, 'agg_household_progress', 'progress', emptyProgress, PROGRESS_RECORD);
    const timelines = new RowInserts<string | Buffer>(db, 'agg_household_backlog', ['household_id', 'timeline']);
    const timeline: (string | Buffer)[] = ['', ''];
    const flows = villageProgressRows(db);
    const eligibleSeries = seriesWriter(db, 'agg_village_eligible');
    /** Per household with events in the page, what they changed (household-progress.ts, `PageTouch`). */
    let touched = new Map<string, PageTouch>();
    const addEligible = (village: string, month: number, n: number, households: number): void => {
      eligibleSeries.add(village, ELIGIBLE_KEY, month, n);
      eligibleSeries.add(village, ELIGIBLE_HOUSEHOLDS_KEY, month, households);
    };

    return {
      begin: (from) => households.begin(from),
      apply: (e: ProjectedEvent) => {
        let touch = touched.get(e.householdId);
        if (touch === undefined) touched.set(e.householdId, (touch = untouched()));
        const before = households.get(e.householdId);
        const after = progressAfter(before, e, touch);
        if (after !== before) households.set(e.householdId, after);
      },
      flush: () => {
        const page = touched;
        touched = new Map();
        // The household's contribution after the page is added and the one before it taken back, straight into the page's
        // rows, for what its events changed: the sums are those of the differences, and a row whose deltas cancel out is
        // left as it is.
        households.flush((householdId, before, after) => {
          const touch = page.get(householdId) as PageTouch;
          const only = touch.villages ? undefined : touch.months;
          if (only === undefined || only.size > 0) {
            flowsOf(after, 1, flows, only);
            flowsOf(before, -1, flows, only);
          }
          if (touch.eligible) {
            eligibleOf(after, 1, addEligible);
            eligibleOf(before, -1, addEligible);
          }
          timeline[0] = householdId;
          timeline[1] = encodeBacklogTimeline(backlogTimelineOf(after));
          timelines.add(timeline);
        });
        timelines.finish();
        flows.flush();
        eligibleSeries.flush();
      },
      committed: (position) => households.committed(position),
      discard: () => {
        touched = new Map();
        households.discard();
        timelines.discard();
        flows.discard();
        eligibleSeries.discard();
      },
    };
  },
};
