import type Database from 'better-sqlite3';
import type { EventType } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { CaseActivityProjection } from './case-activity.projection';
import { STATUS_EVENTS } from './household-status.projection';
import { difference, eligibleOf, emptyProgress, flowsOf, HouseholdProgress, monthsTouched, progressAfter } from './household-progress';
import { MemberEligibilityProjection } from './member-eligibility.projection';
import { seriesTableSchema, seriesWriter } from './series-table';

/** A row's counts as stored: keys sorted, zeroes left out, so equal counts are equal rows. */
const canonical = (counts: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/**
 * Per-village counters of the monthly progress table (domain.md §5), so that the report
 * reads one row per village with activity in the month and one eligible-members series
 * per village, whatever the number of households: `agg_village_progress` holds, per
 * month and village, the counts of the month's activity (distinct members counted once,
 * each income record as `income.<cents>`, so the median stays exact) and
 * `agg_village_eligible` the eligible members at each month's end as a cumulative
 * series. As for the division counters, each household's small record
 * (`agg_household_progress`) is kept and only the difference of its contribution before
 * and after an event is written: the rows do not depend on import order.
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
    const readHousehold = db.prepare<[string], string>('SELECT progress FROM agg_household_progress WHERE household_id = ?').pluck();
    const writeHousehold = db.prepare('INSERT OR REPLACE INTO agg_household_progress (household_id, progress) VALUES (?, ?)');
    const readCounts = db.prepare<[number, string], string>('SELECT counts FROM agg_village_progress WHERE month = ? AND village = ?').pluck();
    const writeCounts = db.prepare('INSERT OR REPLACE INTO agg_village_progress (month, village, counts) VALUES (?, ?, ?)');
    const dropCounts = db.prepare('DELETE FROM agg_village_progress WHERE month = ? AND village = ?');
    const addToEligible = seriesWriter(db, 'agg_village_eligible');

    /** Adds a flow difference, one read and write per (month, village) row. */
    const addFlows = (diff: ReadonlyMap<string, number>): void => {
      const byRow = new Map<string, [string, number][]>();
      for (const [k, n] of diff) {
        const cut = k.indexOf('\u0000', k.indexOf('\u0000') + 1);
        const row = k.slice(0, cut);
        const list = byRow.get(row);
        if (list) list.push([k.slice(cut + 1), n]);
        else byRow.set(row, [[k.slice(cut + 1), n]]);
      }
      for (const [row, fields] of byRow) {
        const [village, m] = row.split('\u0000') as [string, string];
        const month = Number(m);
        const stored = readCounts.get(month, village);
        const counts = stored === undefined ? {} : (JSON.parse(stored) as Record<string, number>);
        for (const [field, n] of fields) counts[field] = (counts[field] ?? 0) + n;
        const text = canonical(counts);
        if (text === '{}') dropCounts.run(month, village);
        else writeCounts.run(month, village, text);
      }
    };

    /**
     * The record written last, parsed, with its eligible-members contribution: the next
     * event is usually the same household's (the log is in household order), and its
     * stored text is then this one, byte for byte. Keyed by that text, so it is never
     * used for a record another process or a rebuild has written since.
     */
    let last: { text: string; record: HouseholdProgress; eligible: Map<string, number> | undefined } | undefined;

    return {
      apply: (e: ProjectedEvent) => {
        const stored = readHousehold.get(e.householdId);
        const known = last !== undefined && stored === last.text ? last : undefined;
        const before: HouseholdProgress = known?.record ?? (stored === undefined ? emptyProgress() : (JSON.parse(stored) as HouseholdProgress));
        const { after, activityOnly } = progressAfter(before, e);
        if (after === before) return;
        let eligible = known?.eligible;
        if (activityOnly) {
          // Activity changes neither villages, statuses nor members: the eligible members stay as they were.
          const months = monthsTouched(before, after, e.corrected?.position ?? e.position);
          addFlows(difference(flowsOf(before, months), flowsOf(after, months)));
        } else {
          addFlows(difference(flowsOf(before), flowsOf(after)));
          const afterEligible = eligibleOf(after);
          for (const [k, n] of difference(eligible ?? eligibleOf(before), afterEligible)) {
            const [village, m, key] = k.split('\u0000') as [string, string, string];
            addToEligible(village, key, Number(m), n);
          }
          eligible = afterEligible;
        }
        const text = JSON.stringify(after);
        writeHousehold.run(e.householdId, text);
        last = { text, record: after, eligible };
      },
    };
  },
};
