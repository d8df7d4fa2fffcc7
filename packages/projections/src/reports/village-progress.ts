import type Database from 'better-sqlite3';
import type { Month, Policy } from '@hearth/domain';
import { COUNTED_WORKING_AGE, ELIGIBLE_KEY } from '../projections/household-progress';
import { monthIndex } from '../projections/village-series';
import { inc, VillageTally } from './division-scope';
import { addToField } from './progress-fields';
import { emptyProgressCounts, ProgressCounts } from './read-models';
import { valueAt } from './village-counters';

/**
 * The read side of the progress counters (ProgressCountersProjection): per-village
 * monthly progress counts from one row per village with activity in the month and one
 * eligible-members series per village, whatever the number of households.
 */
export class VillageProgress {
  private readonly months: Database.Statement<[number], [string, string]>;
  private readonly eligible: Database.Statement<[string], [string, number, number, Buffer]>;

  constructor(db: Database.Database) {
    this.months = db.prepare<[number], [string, string]>('SELECT village, counts FROM agg_village_progress WHERE month = ?').raw();
    this.eligible = db.prepare<[string], [string, number, number, Buffer]>('SELECT village, initial, base, series FROM agg_village_eligible WHERE key = ?').raw();
  }

  /** Whether the counters serve this policy: they count eligible members for the reference working age only (docs/decisions/0061). */
  static serves(policy: Policy): boolean {
    return policy.workingAge.min === COUNTED_WORKING_AGE.min && policy.workingAge.max === COUNTED_WORKING_AGE.max;
  }

  /** Per-village monthly progress counts (domain.md §5.3); only for a policy the counters serve. */
  progressCounts(month: Month | string): Map<string, ProgressCounts> {
    const i = monthIndex(`${month}-01`);
    const tally = new VillageTally(emptyProgressCounts);
    for (const [village, initial, base, blob] of this.eligible.all(ELIGIBLE_KEY)) inc(tally.of(village), 'eligibleMembers', valueAt(initial, base, blob, i));
    for (const [village, text] of this.months.all(i)) {
      const counts = tally.of(village);
      for (const [field, n] of Object.entries(JSON.parse(text) as Record<string, number>)) {
        if (field.startsWith('income.')) {
          const cents = Number(field.slice('income.'.length));
          for (let k = 0; k < n; k++) (counts.incomeCents as number[]).push(cents);
        } else addToField(counts, field, n);
      }
    }
    return tally.byVillage;
  }
}
