import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type {
  CutReport, ReportCall, AnnualClearance, AnnualClearanceByChild, MonthlyClearance, MonthlyClearanceByChild, MonthlyProgress, MonthlyProgressByChild, Reports, ReportScope, ServiceBacklog,
} from '@hearth/projections';
import { HearthReadSide } from '../read-side/hearth-read-side';
import { checkDate, checkDivision, checkMonth, checkMonthOfYear, checkMonthTable, checkSuppressBelow, checkYear } from './query-parameters';
import {
  BacklogReportQuery, ClearanceReportQuery, DisclosedClearanceQuery, DisclosedProgressQuery, MonthlyReportQuery, MonthTables, MonthTablesQuery, PeriodScope, ProgressReportQuery,
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

@QueryHandler(MonthTablesQuery)
export class MonthTablesHandler implements IQueryHandler<MonthTablesQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: MonthTablesQuery): Promise<MonthTables> {
    checkMonthTable(params.report);
    checkMonth(params.month);
    const own = { ...(params.division !== undefined ? { division: params.division } : {}) };
    const [total, byChild] = [scope({ ...own, byChild: false }), scope({ ...own, byChild: true })];
    if (params.suppressBelow !== undefined) {
      checkSuppressBelow(params.suppressBelow);
      const call: ReportCall<CutReport> =
        params.report === 'monthly' ? suppressedYear(Number(params.month.slice(0, 4)), params.suppressBelow) : suppressedMonth(params.month, params.suppressBelow);
      const table = params.report === 'monthly' ? { table: params.month } : {};
      const { value: [t, c], position } = await this.readSide.readAsideCuts(call, [{ ...table, scope: total }, { ...table, scope: byChild }]);
      if (t === undefined || c === undefined) throw new Error('an analyst\'s month was cut without its total or its children');
      return { total: t, byChild: c, position };
    }
    const { month, report } = params;
    const { value, position } = await this.readSide.readStanding((reports) =>
      report === 'monthly'
        ? { total: reports.monthlyReport({ ...total, month }), byChild: reports.monthlyReport({ ...byChild, month }) }
        : { total: reports.progressReport({ ...total, month }), byChild: reports.progressReport({ ...byChild, month }) },
    );
    return { ...value, position };
  }
}

@QueryHandler(BacklogReportQuery)
export class BacklogReportHandler implements IQueryHandler<BacklogReportQuery> {
  constructor(@Inject(HearthReadSide) private readonly readSide: HearthReadSide) {}
  async execute({ params }: BacklogReportQuery): Promise<ServiceBacklog> {
    checkDate('asOf', params.asOf);
    checkDivision(params.division);
    const q = { asOf: params.asOf, ...(params.division !== undefined ? { division: params.division } : {}) };
    // Seconds at the root of a large region: read in the report worker, so that other requests are answered meanwhile.
    return this.readSide.readAside({ report: 'backlogReport', args: [q] });
  }
}

export const REPORT_QUERY_HANDLERS = [ClearanceReportHandler, DisclosedClearanceHandler, DisclosedProgressHandler, MonthlyReportHandler, ProgressReportHandler, MonthTablesHandler, BacklogReportHandler];
