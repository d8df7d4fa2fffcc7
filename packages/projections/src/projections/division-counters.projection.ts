import type Database from 'better-sqlite3';
import type { EventType, Status } from '@hearth/domain';
import type { ProjectedEvent } from '../projected-event';
import type { Projection } from '../projection';
import { nextStatus, STATUS_EVENTS } from './household-status.projection';
import { contributionDiff, contributionOf, emptyTimeline, HouseholdTimeline } from './household-timeline';
import { addFrom, fromBlob, isZero, Series, toBlob } from './village-series';

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
  version: 1,
  handles: [...STATUS_EVENTS, 'HouseholdTransferred', 'LaborConcernRaised', 'LaborConcernResolved', 'EventCorrected'] as EventType[],
  tables: ['agg_household_timelines', 'agg_village_series'],
  schema: `
    CREATE TABLE IF NOT EXISTS agg_household_timelines (
      household_id TEXT PRIMARY KEY,
      timeline TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS agg_village_series (
      key TEXT NOT NULL,
      village TEXT NOT NULL,
      base INTEGER NOT NULL,
      series BLOB NOT NULL,
      PRIMARY KEY (key, village)
    ) WITHOUT ROWID;
  `,
  writer: (db: Database.Database) => {
    const readTimeline = db.prepare<[string], string>('SELECT timeline FROM agg_household_timelines WHERE household_id = ?').pluck();
    const writeTimeline = db.prepare('INSERT OR REPLACE INTO agg_household_timelines (household_id, timeline) VALUES (?, ?)');
    const readSeries = db.prepare<[string, string], { base: number; series: Buffer }>('SELECT base, series FROM agg_village_series WHERE key = ? AND village = ?');
    const writeSeries = db.prepare('INSERT OR REPLACE INTO agg_village_series (key, village, base, series) VALUES (?, ?, ?, ?)');
    const dropSeries = db.prepare('DELETE FROM agg_village_series WHERE key = ? AND village = ?');

    const addToSeries = (village: string, key: string, month: number, delta: number): void => {
      const row = readSeries.get(key, village);
      const before: Series | undefined = row ? fromBlob(row.base, row.series) : undefined;
      const after = addFrom(before, month, delta);
      if (isZero(after)) dropSeries.run(key, village);
      else writeSeries.run(key, village, after.base, toBlob(after));
    };

    return {
      apply: (e: ProjectedEvent) => {
        const stored = readTimeline.get(e.householdId);
        const before: HouseholdTimeline = stored === undefined ? emptyTimeline() : (JSON.parse(stored) as HouseholdTimeline);
        const after = changed(before, e);
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

/** Pure: the timeline after event `e` (undefined when the event changes nothing the counters read). Writing the same event twice changes nothing. */
const changed = (t: HouseholdTimeline, e: ProjectedEvent): HouseholdTimeline | undefined => {
  const { event, position, occurredOn } = e;
  const villages = t.villages.filter((v) => v[0] !== position);
  const statuses = t.statuses.filter((s) => s[0] !== position);
  switch (event.type) {
    case 'EventCorrected': {
      // A correction can move a registration to another village; a status or a date cannot be corrected.
      const target = e.corrected;
      if (target?.event.type !== 'HouseholdRegistered') return undefined;
      const code = target.event.data.divisionCode;
      return { ...t, villages: t.villages.map((v) => (v[0] === target.position ? [v[0], v[1], code] : v)) };
    }
    case 'HouseholdTransferred':
      return { ...t, villages: [...villages, [position, occurredOn, event.data.to]] };
    case 'LaborConcernRaised':
      return { ...t, concerns: { ...t.concerns, [event.data.visitId]: [occurredOn, t.concerns[event.data.visitId]?.[1] ?? null] } };
    case 'LaborConcernResolved':
      return { ...t, concerns: { ...t.concerns, [event.data.visitId]: [t.concerns[event.data.visitId]?.[0] ?? null, occurredOn] } };
    default: {
      const before = statuses.filter((s) => s[0] < position).sort((a, b) => a[0] - b[0]);
      const from: Status = before.length > 0 ? (before[before.length - 1] as [number, string, string, Status, Status])[4] : 'unregistered';
      const to = nextStatus(from, event);
      // A survey only changes the status of a registered household; every other status event always does.
      const change: [number, string, string, Status, Status][] = event.type !== 'HouseholdSurveyed' || to !== from ? [[position, occurredOn, event.type, from, to]] : [];
      const registered: [number, string, string][] = event.type === 'HouseholdRegistered' ? [[position, occurredOn, event.data.divisionCode]] : [];
      if (change.length === 0 && registered.length === 0) return undefined;
      return { ...t, villages: [...villages, ...registered], statuses: [...statuses, ...change] };
    }
  }
};
