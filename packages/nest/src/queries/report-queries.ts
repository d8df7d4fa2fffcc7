import { Query } from '@nestjs/cqrs';
import type {
  AnnualClearance, AnnualClearanceByChild, MonthlyClearance, MonthlyClearanceByChild, MonthlyProgress, MonthlyProgressByChild, ServiceBacklog,
} from '@hearth/projections';

/** The reports of domain.md §5, shaped exactly as `hearth --json report …` prints them. */

export interface PeriodScope {
  /** Any division; the report rolls up its subtree. Default: the root. */
  readonly division?: string;
  /** One row per child division of `division`. */
  readonly byChild?: boolean;
  /** One row for `division` and one for every division below it (what disclosure control suppresses as one table). */
  readonly subtree?: boolean;
}

export class ClearanceReportQuery extends Query<AnnualClearance | AnnualClearanceByChild> {
  constructor(readonly params: PeriodScope & { readonly year: number }) {
    super();
  }
}

export class MonthlyReportQuery extends Query<MonthlyClearance | MonthlyClearanceByChild> {
  constructor(readonly params: PeriodScope & { readonly month: string }) {
    super();
  }
}

export class ProgressReportQuery extends Query<MonthlyProgress | MonthlyProgressByChild> {
  constructor(readonly params: PeriodScope & { readonly month: string }) {
    super();
  }
}

/**
 * An analyst's clearance answer (docs/disclosure-control.md): the rows `division` and
 * `byChild` ask for of one table of the year — `'annual'`, or a month of the year — cut
 * from the year's thirteen tables of every division suppressed as one at `suppressBelow`
 * (`Reports.suppressedClearanceYear`, `cutClearanceYear`). Seconds at the full region the
 * first time: read in the report worker, where the suppressed year stays to be cut again
 * (decision 0112).
 */
export class DisclosedClearanceQuery extends Query<object> {
  constructor(readonly params: PeriodScope & { readonly year: number; readonly table: 'annual' | string; readonly suppressBelow: number }) {
    super();
  }
}

/** An analyst's progress answer: the rows asked for of the month's progress table of every division, suppressed (`Reports.suppressedProgress`), read in the report worker. */
export class DisclosedProgressQuery extends Query<object> {
  constructor(readonly params: PeriodScope & { readonly month: string; readonly suppressBelow: number }) {
    super();
  }
}

/**
 * Which table `ReportTablesQuery` reads, and of which period: a year's annual clearance table,
 * or a month's monthly (clearance) or progress table.
 */
export type ReportTablesPeriod =
  | { readonly report: 'clearance'; readonly year: number }
  | { readonly report: 'monthly' | 'progress'; readonly month: string };

/**
 * A report table of `division` (default the root) as one total row and one row per child, both
 * read in ONE snapshot of the read models, and the ledger position that snapshot stands at
 * (decisions 0162, 0165): what an export files and a dashboard page shows, its total always the
 * sum its children's rows were read from. With `suppressBelow`, an analyst's (both cut from the
 * same whole tree's suppressed table, as `DisclosedClearanceQuery` and `DisclosedProgressQuery`
 * cut one).
 */
export class ReportTablesQuery extends Query<ReportTables> {
  constructor(readonly params: ReportTablesPeriod & { readonly division?: string; readonly suppressBelow?: number }) {
    super();
  }
}

/** ReportTablesQuery's answer: the report's answers for the division (`byChild: false`) and its children (`byChild: true`). */
export interface ReportTables {
  readonly total: object;
  readonly byChild: object;
  readonly position: number;
}

/**
 * A division's (default the root) twelve monthly clearance tables of `year`, January first, all
 * read in ONE snapshot of the read models, and the ledger position it stands at (decision 0168):
 * the dashboard's identified-stock page, whose year's line must not straddle an event. With
 * `suppressBelow`, an analyst's: each month cut from the year's whole-tree suppressed tables, as
 * `DisclosedClearanceQuery` cuts one month. The twelve calls and cuts are `monthsOfYear` and
 * `monthsOfYearCuts` (@hearth/projections), which the CLI's year of months reads too.
 */
export class MonthsOfYearQuery extends Query<MonthsOfYear> {
  constructor(readonly params: { readonly year: number; readonly division?: string; readonly suppressBelow?: number }) {
    super();
  }
}

/** MonthsOfYearQuery's answer: each month's monthly table of the division (as `MonthlyReportQuery` answers it), and the position. */
export interface MonthsOfYear {
  readonly months: readonly object[];
  readonly position: number;
}

/**
 * `asOf` is required here: the CLI's default (today) is the caller's clock, not the module's business.
 * `registeredNowUnder` keeps only the households registered under that division now (a caseworker's scope).
 */
export class BacklogReportQuery extends Query<ServiceBacklog> {
  constructor(readonly params: { readonly asOf: string; readonly division?: string; readonly registeredNowUnder?: string }) {
    super();
  }
}
