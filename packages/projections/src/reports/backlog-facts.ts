import type Database from 'better-sqlite3';
import type { MemberState } from '@hearth/domain';
import type { BacklogActivityKind } from '../projections/backlog-activity';
import { BacklogStanding, backlogStandingAt } from '../projections/backlog-standing';
import { decodeBacklogHead, decodeProgressHead } from '../projections/progress-record-codec';
import { memberStatesAt } from './member-states';
import type { ConcernFact } from './read-model-facts';
import { PreparedStatements } from './prepared-statements';

/** A household and its village at the end of the asked date. */
export interface PlacedHousehold {
  readonly householdId: string;
  readonly village: string;
}

/** A referral made or an employment started or ended (a household progress record's `backlog`), as the backlog folds it. */
export interface ActivityFact {
  readonly householdId: string;
  readonly occurredOn: string;
  readonly kind: BacklogActivityKind;
  readonly memberId: string | null;
  readonly refId: string | null;
}

/** Everything the backlog reads about a few households, dated on or before one date. */
export interface BacklogChunk {
  /** household → its standing at the end of the date (a household without a record has none). */
  readonly standings: ReadonlyMap<string, BacklogStanding>;
  /** household → member → state at the end of the date: households identified then only. */
  readonly members: ReadonlyMap<string, ReadonlyMap<string, MemberState>>;
  /** Employments started and ended and referrals made by households identified at the date, by household, then log order. */
  readonly activity: readonly ActivityFact[];
  /** Labour concerns raised and not resolved on or before the date, in no particular order. */
  readonly openConcerns: readonly ConcernFact[];
}

/** A household's village at the end of `@date`, as `ReadModelFacts.villagesAt` decides it (docs/decisions/0015). */
const VILLAGE_AT = `SELECT household_id, village, max(CASE WHEN occurred_on <= @date THEN position ELSE -position END) FROM proj_village_changes`;

/**
 * The backlog's reads, scoped to a set of households so that a report at a division reads
 * only that division's households, a chunk at a time (docs/decisions/0061). Every query
 * starts from `household_id`, the first column of each table's key, so a chunk costs
 * index seeks into the rows of its households and no more: its labour concerns, and its
 * households' progress records (`agg_household_progress`), which keep the status changes,
 * the member facts and the dated activity the backlog reads (decision 110). A record is
 * unpacked (but for its progress fields, `decodeProgressHead`) only when the date falls
 * before one of its entries or the household is identified then; otherwise the standing
 * at its head is all the backlog reads of it, and that is read from the record's first
 * bytes (`decodeBacklogHead`, decision 113). The caller runs them inside one read
 * transaction (decision 22) to read one snapshot.
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

  /** The facts of `householdIds` dated on or before `date`. */
  chunk(householdIds: readonly string[], date: string): BacklogChunk {
    const ids = JSON.stringify(householdIds);
    const standings = new Map<string, BacklogStanding>();
    const members = new Map<string, Map<string, MemberState>>();
    const activity: ActivityFact[] = [];
    const records = this
      .prepare<[string], [string, Buffer]>(
        `SELECT household_id, progress FROM agg_household_progress WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY household_id`,
      )
      .raw(true)
      .all(ids);
    for (const [householdId, progress] of records) {
      const head = decodeBacklogHead(progress);
      if ((head.latestOn ?? '') <= date && head.standing.status !== 'identified') {
        standings.set(householdId, head.standing);
        continue;
      }
      const record = decodeProgressHead(progress);
      const standing = backlogStandingAt(record, date);
      standings.set(householdId, standing);
      if (standing.status !== 'identified') continue;
      members.set(householdId, memberStatesAt(record.members, date));
      // In log order (a correction re-adds an event's entries at the end of the record): employments end after they start.
      const entries = record.backlog.filter((b) => b[1] <= date).sort((a, b) => a[0] - b[0]);
      for (const [, occurredOn, kind, memberId, refId] of entries)
        if (kind !== 'follow-up' && kind !== 'household-surveyed') activity.push({ householdId, occurredOn, kind, memberId, refId });
    }
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
    return { standings, members, activity, openConcerns };
  }
}
