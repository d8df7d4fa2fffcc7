import type Database from 'better-sqlite3';
import { householdIdOf, type Fact, type Status } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import type { Reports } from '../../src';
import { backlogStandingAt } from '../../src/projections/backlog-standing';
import { decodeBacklogTimeline } from '../../src/projections/backlog-timeline';
import { statusAt, type HouseholdTimeline } from '../../src/projections/household-timeline';
import { decodeProgressHead } from '../../src/projections/progress-record-codec';
import { decodeHouseholdEvent } from '../../src/runner/prepare-events';

/** Every place the read models keep a household's status at a date, each read at `date` (undefined: not there). */
export interface StatusesAt {
  readonly householdStatuses: Status | undefined;
  readonly divisionTimeline: Status | undefined;
  readonly progressRecord: Status | undefined;
  readonly backlogTimeline: Status | undefined;
}

const record = (db: Database.Database, table: string, column: string, householdId: string): unknown =>
  db.prepare(`SELECT ${column} FROM ${table} WHERE household_id = ?`).pluck().get(householdId);

/** The status of `householdId` at the end of `date` as each read model keeps it. */
export const statusesAt = (reports: Reports, db: Database.Database, householdId: string, date: string): StatusesAt => {
  const timeline = record(db, 'agg_household_timelines', 'timeline', householdId) as string | undefined;
  const progress = record(db, 'agg_household_progress', 'progress', householdId) as Buffer | undefined;
  const backlog = record(db, 'agg_household_backlog', 'timeline', householdId) as Buffer | undefined;
  return {
    householdStatuses: reports.householdStatuses({ asOf: date }).find((r) => r.householdId === householdId)?.status,
    divisionTimeline: timeline === undefined ? undefined : statusAt(JSON.parse(timeline) as HouseholdTimeline, date),
    progressRecord: progress === undefined ? undefined : statusAt(decodeProgressHead(progress).t, date),
    backlogTimeline: backlog === undefined ? undefined : (backlogStandingAt(decodeBacklogTimeline(backlog), date).status ?? undefined),
  };
};

/** Every household's facts as stored (corrections included), in stream order: what the domain's `stateAsOf` folds. */
export const storedFacts = async (store: EventStore): Promise<Map<string, Fact[]>> => {
  const facts = new Map<string, Fact[]>();
  for (const r of await store.readAll()) {
    const householdId = householdIdOf(r.streamId);
    if (householdId === undefined) continue;
    facts.set(householdId, [...(facts.get(householdId) ?? []), { event: decodeHouseholdEvent(r), meta: { eventId: r.eventId, occurredOn: r.metadata.occurredOn } }]);
  }
  return facts;
};

/** The status the domain reads at the end of `date`, where a household not yet registered is in no read model. */
export const domainStatusAt = (status: Status): Status | undefined => (status === 'unregistered' ? undefined : status);
