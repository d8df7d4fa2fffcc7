import type Database from 'better-sqlite3';
import type { Month, Policy } from '@hearth/domain';
import { COUNTED_WORKING_AGE, ELIGIBLE_HOUSEHOLDS_KEY, ELIGIBLE_KEY } from '../projections/eligible-members';
import { addHouseholds, type HouseholdsBehind } from './contributing-households';
import { countPathOf, isHouseholdsField } from './household-fields';
import { impliedHouseholds } from './implied-households';
import { monthIndex } from '../projections/village-series';
import { inc, VillageTally } from './division-scope';
import { addToField, fieldPath } from './progress-fields';
import { emptyProgressCounts, ProgressCounts } from './read-models';
import { type CounterScope, valueBytesSql, valueFromBytes } from './village-counters';

/**
 * The read side of the progress counters (ProgressCountersProjection): per-village
 * monthly progress counts from one row per village with activity in the month and one
 * eligible-members series per village, whatever the number of households.
 */
export class VillageProgress {
  private readonly months: Database.Statement<[number], [string, string]>;
  private readonly eligible: Database.Statement<[EligibleAt], [string, number, Buffer | null]>;
  private readonly listedMonths: Database.Statement<[string, number], [string, string]>;
  private readonly listedEligible: Database.Statement<[EligibleAt], [string, number, Buffer | null]>;

  constructor(db: Database.Database) {
    this.months = db.prepare<[number], [string, string]>('SELECT village, counts FROM agg_village_progress WHERE month = ?').raw();
    // The month's value only (valueBytesSql): an eligible-members series runs decades ahead, as members come of age.
    this.eligible = db.prepare<[EligibleAt], [string, number, Buffer | null]>(`SELECT village, initial, ${valueBytesSql('@month')} FROM agg_village_eligible WHERE key = @key`).raw();
    // A division's villages only, by seeks into each table's key (village, month) and (village, key); CROSS JOIN keeps
    // the list as the outer loop (the planner otherwise scans the list once for every row of the month).
    this.listedMonths = db
      .prepare<[string, number], [string, string]>('SELECT p.village, p.counts FROM json_each(?) AS v CROSS JOIN agg_village_progress AS p ON p.month = ? AND p.village = v.value')
      .raw();
    this.listedEligible = db
      .prepare<[EligibleAt], [string, number, Buffer | null]>(
        `SELECT e.village, e.initial, ${valueBytesSql('@month')} FROM json_each(@villages) AS v CROSS JOIN agg_village_eligible AS e ON e.key = @key AND e.village = v.value`,
      )
      .raw();
  }

  /** Whether the counters serve this policy: they count eligible members for the reference working age only (docs/decisions/0061). */
  static serves(policy: Policy): boolean {
    return policy.workingAge.min === COUNTED_WORKING_AGE.min && policy.workingAge.max === COUNTED_WORKING_AGE.max;
  }

  /**
   * Per-village monthly progress counts (domain.md §5.3); only for a policy the counters
   * serve. With `scope` a division's villages (VillageCounters.scopeOf), only theirs are read.
   * With `households`, the households behind each count go there, per village (decision 186).
   */
  progressCounts(month: Month | string, scope: CounterScope = 'villages', households?: VillageTally<HouseholdsBehind>): Map<string, ProgressCounts> {
    const i = monthIndex(`${month}-01`);
    const tally = new VillageTally(emptyProgressCounts);
    const listed = listOf(scope);
    for (const [village, initial, bytes] of this.eligibleSeries(ELIGIBLE_KEY, i, listed)) inc(tally.of(village), 'eligibleMembers', valueFromBytes(initial, bytes));
    if (households !== undefined)
      for (const [village, initial, bytes] of this.eligibleSeries(ELIGIBLE_HOUSEHOLDS_KEY, i, listed)) {
        // A village's series stands at 0 in the months between its households' eligible members: a path left out has none.
        const n = valueFromBytes(initial, bytes);
        if (n !== 0) addHouseholds(households.of(village), 'eligibleMembers', n);
      }
    this.addActivity(tally, i, listed, households);
    return tally.byVillage;
  }

  private eligibleSeries(key: string, month: number, listed: string | undefined): [string, number, Buffer | null][] {
    return listed === undefined ? this.eligible.all({ key, month }) : this.listedEligible.all({ key, month, villages: listed });
  }

  /**
   * Per-village monthly progress counts without the eligible members (0 in every
   * village): the month's activity, which no policy changes, for any policy; the caller
   * adds the eligible members of its own working age (docs/decisions/0077).
   */
  activityCounts(month: Month | string, scope: CounterScope = 'villages', households?: VillageTally<HouseholdsBehind>): VillageTally<ProgressCounts> {
    const tally = new VillageTally(emptyProgressCounts);
    this.addActivity(tally, monthIndex(`${month}-01`), listOf(scope), households);
    return tally;
  }

  private addActivity(tally: VillageTally<ProgressCounts>, i: number, listed: string | undefined, households: VillageTally<HouseholdsBehind> | undefined): void {
    for (const [village, text] of listed === undefined ? this.months.all(i) : this.listedMonths.all(listed, i)) {
      const counts = tally.of(village);
      const fields = JSON.parse(text) as Record<string, number>;
      // The households fields the row left out because they equal their counts (decision 189).
      if (households !== undefined) for (const [path, n] of impliedHouseholds(fields)) addHouseholds(households.of(village), path, n);
      for (const field in fields) {
        const n = fields[field] as number;
        if (isHouseholdsField(field)) {
          if (households !== undefined) addHouseholds(households.of(village), countPathOf(field), n);
          continue;
        }
        const [column, amount] = fieldPath(field);
        if (column === 'income' && amount !== null) {
          const cents = Number(amount);
          for (let k = 0; k < n; k++) (counts.incomeCents as number[]).push(cents);
        } else addToField(counts, field, n);
      }
    }
  }
}

/** The named parameters of the eligible-members reads: the counter, the month index and, for a division, its villages. */
interface EligibleAt {
  readonly key: string;
  readonly month: number;
  readonly villages?: string;
}

/** A division's villages as the JSON list the listed statements take; undefined for every village. */
const listOf = (scope: CounterScope): string | undefined => (typeof scope === 'string' ? undefined : JSON.stringify(scope.villages));
