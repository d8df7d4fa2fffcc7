import type { DivisionTree, HouseholdCommand } from '@hearth/domain';
import type {
  AnnualClearance, BacklogQuery, ClearanceQuery, ContributingHouseholds, HouseholdsBehind, MonthlyClearance, MonthlyProgress, MonthQuery, ServiceBacklog,
} from '../../src';
import { region } from './region';

/** What the property test asks of each implementation (Reports and DirectReports both fit). */
export interface ReportSource {
  clearanceReport(q: ClearanceQuery & { byChild?: false }): AnnualClearance;
  monthlyReport(q: MonthQuery & { byChild?: false }): MonthlyClearance;
  progressReport(q: MonthQuery & { byChild?: false }): MonthlyProgress;
  /** Never served: what disclosure control reads beside the progress table (decision 186). */
  progressHouseholds(q: MonthQuery): ContributingHouseholds;
  /** The same beside the annual clearance table's in-year event counts. */
  clearanceHouseholds(q: ClearanceQuery): ContributingHouseholds;
  /** The same beside the monthly table's moves. */
  monthlyHouseholds(q: MonthQuery): ContributingHouseholds;
  backlogReport(q: BacklogQuery): ServiceBacklog;
}

export interface Periods {
  readonly years: readonly number[];
  readonly months: readonly string[];
  /** Backlog dates: the last day of every third month. */
  readonly dates: readonly string[];
}

/** Every year and month from the first command's business date to the last one's, and a year after (five years at most, to bound the run time). */
export const periodsOf = (commands: readonly HouseholdCommand[]): Periods => {
  const ons = commands.map((c) => c.on).sort();
  const first = Number((ons[0] as string).slice(0, 4));
  const last = Math.min(Number((ons[ons.length - 1] as string).slice(0, 4)) + 1, first + 4);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const months = years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));
  const dates = years.flatMap((y) => [`${y}-03-31`, `${y}-06-30`, `${y}-09-30`, `${y}-12-31`]);
  return { years, months, dates };
};

export interface Snapshot {
  readonly clearance: Record<string, AnnualClearance>;
  readonly monthly: Record<string, MonthlyClearance>;
  readonly progress: Record<string, MonthlyProgress>;
  /** Beside each progress row, the households behind each of its counts (decision 186). */
  readonly progressHouseholds: Record<string, Readonly<HouseholdsBehind>>;
  /** Beside each annual clearance row, the households behind each in-year event count; beside each monthly row, each move's. */
  readonly clearanceHouseholds: Record<string, Readonly<HouseholdsBehind>>;
  readonly monthlyHouseholds: Record<string, Readonly<HouseholdsBehind>>;
  readonly backlog: Record<string, ServiceBacklog>;
}

/** Every report for every division of the test region (or of `divisions`) and every period. */
export const snapshot = (r: ReportSource, p: Periods, divisions: DivisionTree = region): Snapshot => {
  const s: Snapshot = { clearance: {}, monthly: {}, progress: {}, progressHouseholds: {}, clearanceHouseholds: {}, monthlyHouseholds: {}, backlog: {} };
  for (const { code: division } of divisions.all) {
    for (const year of p.years) {
      s.clearance[`${division} ${year}`] = r.clearanceReport({ year, division });
      s.clearanceHouseholds[`${division} ${year}`] = byPath(r.clearanceHouseholds({ year, division }).get(division) ?? {});
    }
    for (const month of p.months) {
      s.monthly[`${division} ${month}`] = r.monthlyReport({ month, division });
      s.monthlyHouseholds[`${division} ${month}`] = byPath(r.monthlyHouseholds({ month, division }).get(division) ?? {});
      s.progress[`${division} ${month}`] = r.progressReport({ month, division });
      s.progressHouseholds[`${division} ${month}`] = byPath(r.progressHouseholds({ month, division }).get(division) ?? {});
    }
    for (const asOf of p.dates) s.backlog[`${division} ${asOf}`] = r.backlogReport({ asOf, division });
  }
  return s;
};

/** The paths in one order, whichever order a source added them in: snapshots are compared as JSON. */
const byPath = (behind: Readonly<HouseholdsBehind>): HouseholdsBehind => Object.fromEntries(Object.entries(behind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
