import type Database from 'better-sqlite3';
import { STATUS_READING_EVENTS, type MemberState, type Status } from '@hearth/domain';
import { statusAfterChange } from '../projections/household-status.projection';
import { decodeProgressHead } from '../projections/progress-record-codec';
import { memberStatesAt } from './member-states';
import { PreparedStatements } from './prepared-statements';

export interface StatusChange {
  readonly householdId: string;
  readonly occurredOn: string;
  readonly eventType: string;
  readonly from: Status;
  readonly to: Status;
}

/** The status events that read the status before them, as SQL literals (event types are identifiers). */
const READING = STATUS_READING_EVENTS.map((type) => `'${type}'`).join(', ');

export interface ConcernFact {
  readonly householdId: string;
  readonly visitId: string;
  readonly raisedOn: string;
  readonly indicators: readonly string[];
}

/**
 * The SQL side of the queries: reads the projections' facts as of a business date.
 * Statements are prepared once and kept: SQLite re-prepares a statement by itself when
 * a rebuild has dropped and recreated the tables it reads.
 */
export class ReadModelFacts {
  private readonly statements: PreparedStatements;

  constructor(db: Database.Database) {
    this.statements = new PreparedStatements(db);
  }

  private prepare<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    return this.statements.get<P, R>(sql);
  }

  /**
   * household → its village at the end of `date`: the last village entered (registration
   * or transfer) on or before it, else — for a date before the registration — the village
   * it registered in. (Positions are positive: ranking the rows after `date` by minus their
   * position makes the earliest of them win only when no row is on or before `date`.)
   */
  villagesAt(date: string): Map<string, string> {
    const rows = this
      .prepare<[string], { household_id: string; village: string }>(
        `SELECT household_id, village, max(CASE WHEN occurred_on <= ? THEN position ELSE -position END) FROM proj_village_changes GROUP BY household_id`,
      )
      .all(date);
    return new Map(rows.map((r) => [r.household_id, r.village]));
  }

  /**
   * household → status at the end of `date`: its status events on or before it folded in
   * log order (`statusAfterChange`), as the domain's history folds them (docs/decisions/0164).
   * Only the latest one that sets the status whatever the one before, and the surveys after
   * it (`STATUS_READING_EVENTS`), are read: the ones before it change nothing of the fold.
   */
  statusAt(date: string): Map<string, Status> {
    const rows = this
      .prepare<[string, string], [string, string, Status]>(
        `SELECT c.household_id, c.event_type, c.to_status
         FROM (SELECT household_id, max(position) AS at FROM proj_status_changes
               WHERE occurred_on <= ? AND event_type NOT IN (${READING}) GROUP BY household_id) s
         JOIN proj_status_changes c ON c.household_id = s.household_id AND c.position >= s.at
         WHERE c.occurred_on <= ? ORDER BY c.household_id, c.position`,
      )
      .raw(true)
      .all(date, date);
    const statuses = new Map<string, Status>();
    for (const [householdId, type, to] of rows) statuses.set(householdId, statusAfterChange(statuses.get(householdId) ?? 'unregistered', type, to));
    return statuses;
  }

  /** Status changes dated from `from` to `to` inclusive, in log order. */
  changesBetween(from: string, to: string): StatusChange[] {
    return this
      .prepare<[string, string], { household_id: string; occurred_on: string; event_type: string; from_status: Status; to_status: Status }>(
        `SELECT household_id, occurred_on, event_type, from_status, to_status FROM proj_status_changes
         WHERE occurred_on BETWEEN ? AND ? ORDER BY position`,
      )
      .all(from, to)
      .map((r) => ({ householdId: r.household_id, occurredOn: r.occurred_on, eventType: r.event_type, from: r.from_status, to: r.to_status }));
  }

  /** household → business date of its latest event of `type` on or before `date` (the first one with `first`). */
  dateOf(type: string, date: string, which: 'first' | 'latest'): Map<string, string> {
    const rows = this
      .prepare<[string, string], { household_id: string; on: string }>(
        `SELECT household_id, ${which === 'first' ? 'min' : 'max'}(occurred_on) AS "on" FROM proj_status_changes
         WHERE event_type = ? AND occurred_on <= ? GROUP BY household_id`,
      )
      .all(type, date);
    return new Map(rows.map((r) => [r.household_id, r.on]));
  }

  /** Labour concerns raised on or before `date` and not resolved on or before it, oldest first. */
  openConcernsAt(date: string): ConcernFact[] {
    return this
      .prepare<[string, string], { household_id: string; visit_id: string; occurred_on: string; detail: string }>(
        `SELECT r.household_id, r.visit_id, r.occurred_on, r.detail FROM proj_labor_concerns r
         WHERE r.kind = 'raised' AND r.occurred_on <= ?
           AND NOT EXISTS (SELECT 1 FROM proj_labor_concerns s
                           WHERE s.household_id = r.household_id AND s.visit_id = r.visit_id
                             AND s.kind = 'resolved' AND s.occurred_on <= ?)
         ORDER BY r.occurred_on, r.household_id, r.visit_id`,
      )
      .all(date, date)
      .map((r) => ({ householdId: r.household_id, visitId: r.visit_id, raisedOn: r.occurred_on, indicators: r.detail.split(',') }));
  }

  /**
   * Every household's members as of the end of `date` (member → state), from the member
   * facts its progress record keeps (`agg_household_progress`, decision 110): one record
   * read and unpacked at a time, in household order.
   */
  *membersAt(date: string): Generator<[string, Map<string, MemberState>]> {
    const records = this.prepare<[], [string, Buffer]>('SELECT household_id, progress FROM agg_household_progress').raw(true);
    for (const [householdId, progress] of records.iterate()) yield [householdId, memberStatesAt(decodeProgressHead(progress).members, date)];
  }
}
