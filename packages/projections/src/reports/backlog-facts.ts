import type Database from 'better-sqlite3';
import { type MemberState, owedReferrals } from '@hearth/domain';
import { BacklogEntry, isStandingEntry } from '../projections/backlog-activity';
import { BacklogStanding, backlogStandingAt } from '../projections/backlog-standing';
import { BacklogTimeline, decodeBacklogTimeline } from '../projections/backlog-timeline';
import { villageAt } from '../projections/household-timeline';
import { decodeProgressHead } from '../projections/progress-record-codec';
import { memberStatesAt } from './member-states';
import type { ConcernFact } from './read-model-facts';
import { PreparedStatements } from './prepared-statements';

/** A household and its village at the end of the asked date. */
export interface PlacedHousehold {
  readonly householdId: string;
  readonly village: string;
}

/** What the backlog reads, beside its standing, of a household owed referrals at the date (identified or cleared: `owedReferrals`). */
export interface SpellFacts {
  /** member → state at the end of the date. */
  readonly members: ReadonlyMap<string, MemberState>;
  /** Its referrals made and employments started and ended on or before the date, in log order. */
  readonly activity: readonly BacklogEntry[];
}

/** A household as the backlog reads it at the end of a date. */
export interface HouseholdFacts extends PlacedHousehold {
  readonly standing: BacklogStanding;
  /** Present exactly when the household is owed referrals at the date (`owedReferrals` of its status). */
  readonly spell: SpellFacts | null;
}

/** A household's village at the end of `@date`, as `ReadModelFacts.villagesAt` decides it (docs/decisions/0015). */
const VILLAGE_AT = `SELECT household_id, village, max(CASE WHEN occurred_on <= @date THEN position ELSE -position END) FROM proj_village_changes`;

/** A correction re-adds an event's entries at the end of the record: log order is by position. */
const byPosition = (a: BacklogEntry, b: BacklogEntry): number => a[0] - b[0];

/**
 * The backlog's reads (docs/decisions/0061, 0110, 0113). A household is read first from
 * its backlog timeline (`agg_household_backlog`: its villages, status changes, visits and
 * surveys, ~150 bytes), which gives its village and standing at any date; only for a
 * household owed referrals at the date (identified or cleared) is its progress record
 * (`agg_household_progress`) unpacked, but for its progress fields (`decodeProgressHead`),
 * for its members and its referrals and employments. Open labour concerns come from `proj_labor_concerns` (their
 * indicators are not in the record). At a division the households come from the index on
 * `proj_village_changes (village)`, a chunk at a time, and every query starts from
 * `household_id`, the first column of each table's key; at the root every timeline is read
 * in key order, a page at a time. The caller runs them inside one read transaction
 * (decision 22) to read one snapshot.
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
   * Every household that was ever in one of `codes`, with its village at the end of `date`,
   * ordered by household id (the caller keeps those whose village at `date` is in its
   * scope: a household moved out before `date` is read but not kept).
   */
  householdsIn(codes: readonly string[], date: string): PlacedHousehold[] {
    type Row = { household_id: string; village: string };
    return this.prepare<[{ codes: string; date: string }], Row>(
      `${VILLAGE_AT} WHERE household_id IN (SELECT household_id FROM proj_village_changes WHERE village IN (SELECT value FROM json_each(@codes)))
       GROUP BY household_id ORDER BY household_id`,
    )
      .all({ codes: JSON.stringify(codes), date })
      .map((r) => ({ householdId: r.household_id, village: r.village }));
  }

  /**
   * The facts at the end of `date` of the households `villages` places (household → its
   * village at the date), in key order; a household without a timeline is left out.
   */
  placed(villages: ReadonlyMap<string, string>, date: string): HouseholdFacts[] {
    const timelines = this
      .prepare<[string], [string, Buffer]>(`SELECT household_id, timeline FROM agg_household_backlog WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY household_id`)
      .raw(true)
      .all(JSON.stringify([...villages.keys()]));
    return this.factsOf(timelines, date, (householdId) => villages.get(householdId));
  }

  /**
   * The facts of every household at the end of `date`, `pageSize` households a call of
   * `take`, in key order, each in its village at the date by its timeline (`villageAt`, the
   * rule `householdsIn` reads `proj_village_changes` by); a household with no village at all
   * is left out.
   */
  everyHousehold(date: string, pageSize: number, take: (page: readonly HouseholdFacts[]) => void): void {
    const page = this.prepare<[string, number], [string, Buffer]>(
      'SELECT household_id, timeline FROM agg_household_backlog WHERE household_id > ? ORDER BY household_id LIMIT ?',
    ).raw(true);
    for (let after = ''; ; ) {
      const timelines = page.all(after, pageSize);
      if (timelines.length === 0) return;
      after = (timelines[timelines.length - 1] as [string, Buffer])[0];
      take(this.factsOf(timelines, date, (_, t) => villageAt(t, date)));
    }
  }

  /**
   * Households' facts at the end of `date` from their timelines (in key order), each in the
   * village `villageOf` names (none: left out), with the records of those owed referrals then.
   */
  private factsOf(
    timelines: readonly [string, Buffer][],
    date: string,
    villageOf: (householdId: string, t: BacklogTimeline['t']) => string | undefined,
  ): HouseholdFacts[] {
    const out: HouseholdFacts[] = [];
    const owed = new Map<string, number>();
    for (const [householdId, bytes] of timelines) {
      const timeline = decodeBacklogTimeline(bytes);
      const village = villageOf(householdId, timeline.t);
      if (village === undefined) continue;
      const standing = backlogStandingAt(timeline, date);
      if (owedReferrals(standing.status)) owed.set(householdId, out.length);
      out.push({ householdId, village, standing, spell: null });
    }
    if (owed.size === 0) return out;
    const records = this
      .prepare<[string], [string, Buffer]>(`SELECT household_id, progress FROM agg_household_progress WHERE household_id IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(JSON.stringify([...owed.keys()]));
    for (const [householdId, progress] of records) {
      const at = owed.get(householdId) as number;
      const record = decodeProgressHead(progress);
      const activity = record.backlog.filter((b) => b[1] <= date && !isStandingEntry(b)).sort(byPosition);
      out[at] = { ...(out[at] as HouseholdFacts), spell: { members: memberStatesAt(record.members, date), activity } };
      owed.delete(householdId);
    }
    // The projection writes a record and its timeline in one page: one without the other is a read model edited or damaged.
    for (const householdId of owed.keys()) throw new Error(`backlog: household ${householdId} is owed referrals on ${date} by its timeline, and has no progress record`);
    return out;
  }

  /** Labour concerns raised and not resolved on or before `date`, of `householdIds` or of every household, in no particular order. */
  openConcerns(date: string, householdIds?: readonly string[]): ConcernFact[] {
    const open = `r.kind = 'raised' AND r.occurred_on <= @date
      AND NOT EXISTS (SELECT 1 FROM proj_labor_concerns s
                      WHERE s.household_id = r.household_id AND s.visit_id = r.visit_id AND s.kind = 'resolved' AND s.occurred_on <= @date)`;
    type Row = { household_id: string; visit_id: string; occurred_on: string; detail: string };
    const rows =
      householdIds === undefined
        ? this.prepare<[{ date: string }], Row>(`SELECT r.household_id, r.visit_id, r.occurred_on, r.detail FROM proj_labor_concerns r WHERE ${open}`).all({ date })
        : this.prepare<[{ ids: string; date: string }], Row>(
            `SELECT r.household_id, r.visit_id, r.occurred_on, r.detail FROM proj_labor_concerns r
             WHERE r.household_id IN (SELECT value FROM json_each(@ids)) AND ${open}`,
          ).all({ ids: JSON.stringify(householdIds), date });
    return rows.map((r) => ({ householdId: r.household_id, visitId: r.visit_id, raisedOn: r.occurred_on, indicators: r.detail.split(',') }));
  }
}
