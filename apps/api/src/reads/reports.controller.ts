import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Ledger } from '@hearth/ledger';
import { BacklogReportQuery, HEARTH_LEDGER, NoDivisionTreeError, type ReportTables, type ReportTablesPeriod } from '@hearth/nest';
import type { ServiceBacklog } from '@hearth/projections';
import { CLOCK } from '../api-options';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { backlogFor, clearanceFor, monthsOfYearFor, monthTableFor, reportTablesFor } from './disclosure';
import { BacklogParamsC, ClearanceParamsC, decodeParams, MonthParamsC, MonthsOfYearParamsC } from './query-params';
import { reportDivision } from './report-scope';

const names = (query: unknown, key: string): boolean => typeof query === 'object' && query !== null && key in query;

/** A monthly request that names a year and no month asks the year's twelve months (decision 0168); any other is decoded as a month's. */
const asksAYear = (query: unknown): boolean => names(query, 'year') && !names(query, 'month');

/**
 * What a monthly request may not combine, said as such rather than as an unknown field: a
 * month and a year together, or a year with a cut only a single month offers.
 */
const monthlyMismatch = (query: unknown): ApiError | undefined => {
  if (names(query, 'year') && names(query, 'month'))
    return ApiError.badQuery('year', 'year: asks the twelve months of a year, month asks one; give one of them, not both');
  if (!asksAYear(query)) return undefined;
  for (const cut of ['byChild', 'withChildren'])
    if (names(query, cut)) return ApiError.badQuery(cut, `${cut}: offered for one month (give month), not for the twelve months of a year`);
  return undefined;
};

/** The read models of domain.md §5, as `hearth report … --json` prints them (suppressed for analysts). */
@Controller('api/reports')
@Allow('caseworker', 'auditor', 'analyst')
export class ReportsController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
    @Inject(CLOCK) private readonly now: () => string,
  ) {}

  @Get('clearance')
  async clearance(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const { year, division, byChild, withChildren } = decodeParams(ClearanceParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    if (withChildren === true) return this.withChildren(principal, { report: 'clearance', year }, scoped, byChild);
    return clearanceFor(principal, this.queryBus, year, 'annual', { byChild: byChild === true, ...(scoped !== undefined ? { division: scoped } : {}) }, this.ledger.policy.suppressBelow);
  }

  @Get('monthly')
  async monthly(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const mismatch = monthlyMismatch(query);
    if (mismatch !== undefined) throw mismatch;
    if (asksAYear(query)) return this.monthsOfYear(principal, query);
    const { month, division, byChild, withChildren } = decodeParams(MonthParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    if (withChildren === true) return this.withChildren(principal, { report: 'monthly', month }, scoped, byChild);
    return monthTableFor(principal, this.queryBus, 'monthly', month, { byChild: byChild === true, ...(scoped !== undefined ? { division: scoped } : {}) }, this.ledger.policy.suppressBelow);
  }

  @Get('progress')
  async progress(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const { month, division, byChild, withChildren } = decodeParams(MonthParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    if (withChildren === true) return this.withChildren(principal, { report: 'progress', month }, scoped, byChild);
    return monthTableFor(principal, this.queryBus, 'progress', month, { byChild: byChild === true, ...(scoped !== undefined ? { division: scoped } : {}) }, this.ledger.policy.suppressBelow);
  }

  /**
   * `withChildren=true`: `{ total, byChild, position }`, the division's row and its children's
   * read in one snapshot of the read models, at the ledger position named (decision 0165), so
   * that a page's total is always the sum its rows were read from. `byChild` asks for one of
   * the two alone: given with it, it is refused rather than one of them silently ignored.
   */
  private withChildren(principal: Principal, period: ReportTablesPeriod, division: string | undefined, byChild: boolean | undefined): Promise<ReportTables> {
    if (byChild !== undefined) throw ApiError.badQuery('withChildren', 'withChildren: answers the total and its children together; leave out byChild');
    return reportTablesFor(principal, this.queryBus, period, division, this.ledger.policy.suppressBelow);
  }

  /**
   * `year` without `month`: `{ months, position }`, the division's twelve monthly tables of the
   * year read in one snapshot (decision 0168), so that the identified-stock page's year never
   * straddles an event. The division scope and role rules are the single month's.
   */
  private monthsOfYear(principal: Principal, query: unknown): Promise<object> {
    const { year, division } = decodeParams(MonthsOfYearParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    return monthsOfYearFor(principal, this.queryBus, year, scoped, this.ledger.policy.suppressBelow);
  }

  /**
   * `asOf` defaults to today by the service's clock: its UTC date, since a request names no
   * zone. The CLI's default is the machine's local date instead (docs/decisions/0138).
   */
  @Get('backlog')
  async backlog(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<object> {
    const { asOf, division } = decodeParams(BacklogParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    const day = asOf ?? this.now().slice(0, 10);
    const tree = this.ledger.divisions;
    // A caseworker's lists name only households registered in its subtree now, as its histories do (decision 0181).
    const now = principal.role === 'caseworker' && principal.division !== undefined ? { registeredNowUnder: principal.division } : {};
    if (principal.role !== 'analyst') return this.queryBus.execute(new BacklogReportQuery({ asOf: day, ...(scoped !== undefined ? { division: scoped } : {}), ...now }));
    // An analyst gets counts cut along the tree, never the lists: without a tree, nothing (the read side refuses too).
    if (tree === undefined) throw new NoDivisionTreeError();
    // An analyst's counts are cut from every division's, read from the root's backlog.
    const root: ServiceBacklog = await this.queryBus.execute(new BacklogReportQuery({ asOf: day }));
    return backlogFor(root, scoped, tree, this.ledger.policy.suppressBelow);
  }
}
