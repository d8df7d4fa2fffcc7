import type { ReportCut } from '../aside/report-cut';
import { monthsOf } from './monthly-report';
import type { MonthlyClearance } from './read-models';
import type { Reports } from './reports';

/**
 * A division's year of months (docs/decisions/0168): its own monthly clearance table of each
 * month of `year` (default division: the root), never its children's rows. The API's
 * `MonthsOfYearQuery` and `hearth report monthly --year` (docs/decisions/0171) both read it
 * with these two, each in ONE snapshot, so that a year's line never straddles an event.
 */
export interface YearOfMonths {
  readonly year: number;
  readonly division?: string;
}

const ownTable = (q: YearOfMonths) => ({ byChild: false as const, ...(q.division !== undefined ? { division: q.division } : {}) });

/** The twelve tables, January first, each as `monthlyReport` answers its month alone. */
export const monthsOfYear = (reports: Reports, q: YearOfMonths): MonthlyClearance[] => monthsOf(q.year).map((month) => reports.monthlyReport({ ...ownTable(q), month }));

/**
 * An analyst's twelve: the cuts, January first, of the year's whole-tree suppressed tables
 * (`Reports.suppressedClearanceYear`), each the very cut the month's single answer is.
 */
export const monthsOfYearCuts = (q: YearOfMonths): (ReportCut & { readonly table: string })[] => monthsOf(q.year).map((table) => ({ table, scope: ownTable(q) }));
