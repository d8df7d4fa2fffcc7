import type Database from 'better-sqlite3';
import type { Status } from '@hearth/domain';
import type { BacklogActivityKind } from '../projections/case-activity.projection';
import type { ConcernFact, MemberFact } from './read-model-facts';
import { PreparedStatements } from './prepared-statements';

/** A household and its village at the end of the asked date. */
export interface PlacedHousehold {
  readonly householdId: string;
  readonly village: string;
}

/** A referral made or an employment started or ended (`proj_case_activity`), as the backlog folds it. */
export interface ActivityFact {
  readonly householdId: string;
  readonly occurredOn: string;
  readonly kind: BacklogActivityKind;
  readonly memberId: string | null;
  readonly refId: string | null;
}

/** A household's status change, as the backlog folds it. */
export interface StatusFact {
  readonly householdId: string;
  readonly occurredOn: string;
  readonly eventType: string;
  readonly to: Status;
}

/** Everything the backlog reads about a few households, dated on or before one date. */
export interface BacklogChunk {
  /** By household, then log order. */
  readonly statusChanges: readonly StatusFact[];
  /** By household, member, then log order (what `memberStates` folds). */
  readonly memberFacts: readonly MemberFact[];
  /** Employments started and ended and referrals made, by household, then log order. */
  readonly activity: readonly ActivityFact[];
  /** household → date of its last follow-up visit in log order. */
  readonly lastVisitOn: ReadonlyMap<string, string>;
  /** household → date of its last survey in log order. */
  readonly lastSurveyOn: ReadonlyMap<string, string>;
  /** The households surveyed within the asked window (the survey-update year up to its deadline). */
  readonly surveyedIn: ReadonlySet<string>;
  /** Labour concerns raised and not resolved on or before the date, in no particular order. */
  readonly openConcerns: readonly ConcernFact[];
}

/** The survey-update window: from the first day of the deadline's year to the deadline, both inclusive. */
export interface SurveyWindow {
  readonly from: string;
  readonly to: string;
}

/** The activity the backlog reads row by row: employments and referrals (visits and surveys are read as one row a household). */
const BACKLOG_ACTIVITY = JSON.stringify(['employment-started', 'employment-ended', 'referral-made']);

/** A household's village at the end of `@date`, as `ReadModelFacts.villagesAt` decides it (docs/decisions/0015). */
const VILLAGE_AT = `SELECT household_id, village, max(CASE WHEN occurred_on <= @date THEN position ELSE -position END) FROM proj_village_changes`;

/**
 * The backlog's reads, scoped to a set of households so that a report at a division reads
 * only that division's households, a chunk at a time (docs/decisions/0061). Every query
 * starts from `household_id`, the first column of each facts table's key, so a chunk costs
 * index seeks into the rows of its households and no more. The caller runs them inside one
 * read transaction (decision 22) to read one snapshot.
 */
export class BacklogFacts {
  private readonly statements: PreparedStatements;

  constructor(db: Database.Database) {
    this.statements = new PreparedStatements(db);
  }

  private prepare<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    return this.statements.get<P, R>(sql);
  }

  /**
   * Every household with its village at the end of `date`, ordered by household id; with
   * `codes`, only those that were ever in one of them (the caller keeps those whose village
   * at `date` is in its scope: a household moved out before `date` is read but not kept).
   * The candidates come from the index on `proj_village_changes (village)`.
   */
  householdsIn(codes: readonly string[] | undefined, date: string): PlacedHousehold[] {
    type Row = { household_id: string; village: string };
    const rows =
      codes === undefined
        ? this.prepare<[{ date: string }], Row>(`${VILLAGE_AT} GROUP BY household_id ORDER BY household_id`).all({ date })
        : this.prepare<[{ codes: string; date: string }], Row>(
            `${VILLAGE_AT} WHERE household_id IN (SELECT household_id FROM proj_village_changes WHERE village IN (SELECT value FROM json_each(@codes)))
             GROUP BY household_id ORDER BY household_id`,
          ).all({ codes: JSON.stringify(codes), date });
    return rows.map((r) => ({ householdId: r.household_id, village: r.village }));
  }

  /** The facts of `householdIds` dated on or before `date`; who was surveyed within `window`, when there is one. */
  chunk(householdIds: readonly string[], date: string, window: SurveyWindow | undefined): BacklogChunk {
    const ids = JSON.stringify(householdIds);
    // Rows come back as arrays (`raw`), each made into its fact at once: a row object per row, dropped at once, was ~40% of reading them.
    const statusChanges = this
      .prepare<[string, string], [string, string, string, Status]>(
        `SELECT household_id, occurred_on, event_type, to_status FROM proj_status_changes
         WHERE household_id IN (SELECT value FROM json_each(?)) AND occurred_on <= ? ORDER BY household_id, position`,
      )
      .raw(true)
      .all(ids, date)
      .map(([householdId, occurredOn, eventType, to]) => ({ householdId, occurredOn, eventType, to }));
    const memberFacts = this
      .prepare<[string, string], [string, string, number | null, string | null, number | null, number]>(
        `SELECT household_id, member_id, birth_year, capacity, willing, removed FROM proj_member_facts
         WHERE household_id IN (SELECT value FROM json_each(?)) AND occurred_on <= ? ORDER BY household_id, member_id, position`,
      )
      .raw(true)
      .all(ids, date)
      .map(([householdId, memberId, birthYear, capacity, willing, removed]) => ({ householdId, memberId, birthYear, capacity, willing, removed }));
    // By household through the key (`+kind`: no index on kind may ever be preferred to it).
    const activity = this
      .prepare<[string, string, string], [string, string, ActivityFact['kind'], string | null, string | null]>(
        `SELECT household_id, occurred_on, kind, member_id, ref_id FROM proj_case_activity
         WHERE household_id IN (SELECT value FROM json_each(?)) AND +kind IN (SELECT value FROM json_each(?)) AND occurred_on <= ?
         ORDER BY household_id, position, seq`,
      )
      .raw(true)
      .all(ids, BACKLOG_ACTIVITY, date)
      .map(([householdId, occurredOn, kind, memberId, refId]) => ({ householdId, occurredOn, kind, memberId, refId }));
    // The rows of one event share its date, so the bare date of the max(position) row is the last one's in log order.
    const last = (kind: 'follow-up' | 'household-surveyed'): Map<string, string> =>
      new Map(
        this
          .prepare<[string, string, string], [string, string]>(
            `SELECT household_id, occurred_on, max(position) FROM proj_case_activity
             WHERE household_id IN (SELECT value FROM json_each(?)) AND +kind = ? AND occurred_on <= ? GROUP BY household_id`,
          )
          .raw(true)
          .all(ids, kind, date)
          .map(([householdId, on]) => [householdId, on]),
      );
    const surveyedIn = new Set(
      window === undefined
        ? []
        : this
            .prepare<[string, string, string, string], string>(
              `SELECT DISTINCT household_id FROM proj_case_activity
               WHERE household_id IN (SELECT value FROM json_each(?)) AND +kind = 'household-surveyed' AND occurred_on BETWEEN ? AND ? AND occurred_on <= ?`,
            )
            .pluck()
            .all(ids, window.from, window.to, date),
    );
    const openConcerns = this
      .prepare<[string, string, string], { household_id: string; visit_id: string; occurred_on: string; detail: string }>(
        `SELECT r.household_id, r.visit_id, r.occurred_on, r.detail FROM proj_labor_concerns r
         WHERE r.household_id IN (SELECT value FROM json_each(?)) AND r.kind = 'raised' AND r.occurred_on <= ?
           AND NOT EXISTS (SELECT 1 FROM proj_labor_concerns s
                           WHERE s.household_id = r.household_id AND s.visit_id = r.visit_id
                             AND s.kind = 'resolved' AND s.occurred_on <= ?)`,
      )
      .all(ids, date, date)
      .map((r) => ({ householdId: r.household_id, visitId: r.visit_id, raisedOn: r.occurred_on, indicators: r.detail.split(',') }));
    return { statusChanges, memberFacts, activity, lastVisitOn: last('follow-up'), lastSurveyOn: last('household-surveyed'), surveyedIn, openConcerns };
  }
}
