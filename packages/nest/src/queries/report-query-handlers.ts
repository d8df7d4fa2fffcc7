import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { monthsOfYear, monthsOfYearCuts } from '@hearth/projections';
import type {
  CutReport, ReportCall, AnnualClearance, AnnualClearanceByChild, MonthlyClearance, MonthlyClearanceByChild, MonthlyProgress, MonthlyProgressByChild, Reports, ReportScope, ServiceBacklog,
} from '@hearth/projections';
import { HearthReadSide } from '../read-side/hearth-read-side';
import { InvalidQueryError } from './invalid-query-error';
import { checkDate, checkDivision, checkMonth, checkMonthOfYear, checkReportTable, checkSuppressBelow, checkYear } from './query-parameters';
import {
  BacklogReportQuery, ClearanceReportQuery, DisclosedClearanceQuery, DisclosedProgressQuery, MonthlyReportQuery, MonthsOfYear, MonthsOfYearQuery, PeriodScope, ProgressReportQuery, ReportTables, ReportTablesPeriod, ReportTablesQuery,
} from './report-queries';

/** The Reports' own query shape: `division` and `subtree` only when given, `byChild` always a boolean (as the CLI passes them). */
const scope = (p: PeriodScope): { division?: string; byChild: boolean; subtree?: true } => {
  checkDivision(p.division);
  return { byChild: p.byChild === true, ...(p.subtree === true ? { subtree: true as const } : {}), ...(p.division !== undefined ? { division: p.division } : {}) };
};

/**
 * The key a report's answer is remembered by (`HearthReadSide.readRemembered`): the report
 * and its query, every parameter included. Only the reads that cost much are remembered:
 * a whole tree's table (`subtree`: what an analyst's answers are cut from, the same tables
 * for every cut of them). The backlog (a list of households, read by division) is
 * remembered by `readAside`, which reads it in the report worker.
 */
const rememberedAs = (report: string, q: object): string => `${report} ${JSON.stringify(q)}`;

/** `f` read for `report`'s query `q`: remembered when `q` asks for a whole tree's table, read afresh otherwise. */
const readReport = <T>(readSide: HearthReadSide, report: string, q: { readonly subtree?: true }, f: (reports: Reports) => T): Promise<T> =>
  q.subtree === true ? readSide.readRemembered(rememberedAs(report, q), f) : readSide.read(f);

@QueryHandler(ClearanceReportQuery)
export class ClearanceReportHandler implements IQueryHandler<ClearanceReportQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: ClearanceReportQuery): Promise<AnnualClearance | AnnualClearanceByChild> {
    checkYear(params.year);
    const q = { ...scope(params), year: params.year };
    return readReport(this.readSide, 'clearance', q, (reports) => reports.clearanceReport(q));
  }
}

/** An analyst's whole-tree clearance tables of a year (the annual one and twelve monthly), read in the report worker and cut there. */
const suppressedYear = (year: number, suppressBelow: number): ReportCall<'suppressedClearanceYear'> => ({ report: 'suppressedClearanceYear', args: [{ year, suppressBelow }] });

/** An analyst's whole-tree progress table of a month, read in the report worker and cut there. */
const suppressedMonth = (month: string, suppressBelow: number): ReportCall<'suppressedProgress'> => ({ report: 'suppressedProgress', args: [{ month, suppressBelow }] });

/** The scope of an analyst's answer, as a cut of the whole tree's tables takes it. */
const cutScope = (p: PeriodScope): { scope: ReportScope } => ({ scope: scope({ ...p, subtree: false }) });

@QueryHandler(DisclosedClearanceQuery)
export class DisclosedClearanceHandler implements IQueryHandler<DisclosedClearanceQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: DisclosedClearanceQuery): Promise<object> {
    checkYear(params.year);
    if (params.table !== 'annual') checkMonthOfYear('table', params.table, params.year);
    checkSuppressBelow(params.suppressBelow);
    // Seconds at the full region (the thirteen tables and their suppression): read in the report worker, where they stay to be cut again.
    return this.readSide.readAside(suppressedYear(params.year, params.suppressBelow), { ...cutScope(params), table: params.table });
  }
}

@QueryHandler(DisclosedProgressQuery)
export class DisclosedProgressHandler implements IQueryHandler<DisclosedProgressQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: DisclosedProgressQuery): Promise<object> {
    checkMonth(params.month);
    checkSuppressBelow(params.suppressBelow);
    return this.readSide.readAside(suppressedMonth(params.month, params.suppressBelow), cutScope(params));
  }
}

@QueryHandler(MonthlyReportQuery)
export class MonthlyReportHandler implements IQueryHandler<MonthlyReportQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: MonthlyReportQuery): Promise<MonthlyClearance | MonthlyClearanceByChild> {
    checkMonth(params.month);
    const q = { ...scope(params), month: params.month };
    return readReport(this.readSide, 'monthly', q, (reports) => reports.monthlyReport(q));
  }
}

@QueryHandler(ProgressReportQuery)
export class ProgressReportHandler implements IQueryHandler<ProgressReportQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: ProgressReportQuery): Promise<MonthlyProgress | MonthlyProgressByChild> {
    checkMonth(params.month);
    const q = { ...scope(params), month: params.month };
    return readReport(this.readSide, 'progress', q, (reports) => reports.progressReport(q));
  }
}

/**
 * What `ReportTablesQuery` reads for its table: the whole tree's suppressed call an analyst's
 * rows are cut from (and which of its tables), and the disclosed rows of a scope, each made by
 * the same call the single-table handlers above make.
 */
interface TableReads {
  readonly suppressed: (suppressBelow: number) => ReportCall<CutReport>;
  readonly cut: { readonly table?: string };
  readonly disclosed: (reports: Reports, s: ReturnType<typeof scope>) => object;
}

const tableReads = (p: ReportTablesPeriod): TableReads => {
  checkReportTable(p.report);
  switch (p.report) {
    case 'clearance': {
      checkYear(p.year);
      const { year } = p;
      return { suppressed: (below) => suppressedYear(year, below), cut: { table: 'annual' }, disclosed: (reports, s) => reports.clearanceReport({ ...s, year }) };
    }
    case 'monthly': {
      checkMonth(p.month);
      const { month } = p;
      return { suppressed: (below) => suppressedYear(Number(month.slice(0, 4)), below), cut: { table: month }, disclosed: (reports, s) => reports.monthlyReport({ ...s, month }) };
    }
    case 'progress': {
      checkMonth(p.month);
      const { month } = p;
      return { suppressed: (below) => suppressedMonth(month, below), cut: {}, disclosed: (reports, s) => reports.progressReport({ ...s, month }) };
    }
    default: {
      const unreachable: never = p;
      throw new InvalidQueryError('report', `unknown report table ${JSON.stringify(unreachable)}`);
    }
  }
};

@QueryHandler(ReportTablesQuery)
export class ReportTablesHandler implements IQueryHandler<ReportTablesQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: ReportTablesQuery): Promise<ReportTables> {
    const reads = tableReads(params);
    const own = { ...(params.division !== undefined ? { division: params.division } : {}) };
    const [total, byChild] = [scope({ ...own, byChild: false }), scope({ ...own, byChild: true })];
    if (params.suppressBelow !== undefined) {
      checkSuppressBelow(params.suppressBelow);
      const { value: [t, c], position } = await this.readSide.readAsideCuts(reads.suppressed(params.suppressBelow), [{ ...reads.cut, scope: total }, { ...reads.cut, scope: byChild }]);
      if (t === undefined || c === undefined) throw new Error(`an analyst's ${params.report} table was cut without its total or its children`);
      return { total: t, byChild: c, position };
    }
    const { value, position } = await this.readSide.readStanding((reports) => ({ total: reads.disclosed(reports, total), byChild: reads.disclosed(reports, byChild) }));
    return { ...value, position };
  }
}

@QueryHandler(BacklogReportQuery)
export class BacklogReportHandler implements IQueryHandler<BacklogReportQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: BacklogReportQuery): Promise<ServiceBacklog> {
    checkDate('asOf', params.asOf);
    checkDivision(params.division);
    checkDivision(params.registeredNowUnder, 'registeredNowUnder');
    const q = {
      asOf: params.asOf,
      ...(params.division !== undefined ? { division: params.division } : {}),
      ...(params.registeredNowUnder !== undefined ? { registeredNowUnder: params.registeredNowUnder } : {}),
    };
    // Seconds at the root of a large region: read in the report worker, so that other requests are answered meanwhile.
    return this.readSide.readAside({ report: 'backlogReport', args: [q] });
  }
}

@QueryHandler(MonthsOfYearQuery)
export class MonthsOfYearHandler implements IQueryHandler<MonthsOfYearQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: MonthsOfYearQuery): Promise<MonthsOfYear> {
    checkYear(params.year);
    checkDivision(params.division);
    const q = { year: params.year, ...(params.division !== undefined ? { division: params.division } : {}) };
    if (params.suppressBelow !== undefined) {
      checkSuppressBelow(params.suppressBelow);
      // The year's one whole-tree suppressed call, cut twelve times: the figures the twelve single answers give.
      const { value, position } = await this.readSide.readAsideCuts(suppressedYear(params.year, params.suppressBelow), monthsOfYearCuts(q));
      return { months: value, position };
    }
    const { value, position } = await this.readSide.readStanding((reports) => monthsOfYear(reports, q));
    return { months: value, position };
  }
}

export const REPORT_QUERY_HANDLERS = [ClearanceReportHandler, DisclosedClearanceHandler, DisclosedProgressHandler, MonthlyReportHandler, ProgressReportHandler, ReportTablesHandler, MonthsOfYearHandler, BacklogReportHandler];
