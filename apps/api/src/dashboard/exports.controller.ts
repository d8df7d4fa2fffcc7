import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/principal';
import { reportTablesFor } from '../reads/disclosure';
import { decodeParams, ExportParamsC } from '../reads/query-params';
import { reportDivision } from '../reads/report-scope';
import { toCsv } from './csv';
import type { RawResponse } from './dashboard.controller';
import { ReportRow, reportSheet, Sheet } from './report-sheet';
import { toXlsx } from './xlsx';

type Report = 'monthly' | 'progress';
type Format = 'csv' | 'xlsx';

const TITLES: Readonly<Record<Report, string>> = {
  monthly: 'Monthly dynamic clearance table',
  progress: 'Monthly progress table',
};
const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The two monthly tables as the office files them (CSV and .xlsx): built from the same
 * report JSON as GET /api/reports/monthly|progress, under the same role rules (an
 * analyst's export is suppressed; a caseworker's stays inside their division).
 */
@Controller('api/exports')
@Allow('caseworker', 'auditor', 'analyst')
export class ExportsController {
  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
  ) {}

  @Get('monthly.csv')
  monthlyCsv(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res() res: RawResponse): Promise<void> {
    return this.send('monthly', 'csv', principal, query, res);
  }

  @Get('monthly.xlsx')
  monthlyXlsx(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res() res: RawResponse): Promise<void> {
    return this.send('monthly', 'xlsx', principal, query, res);
  }

  @Get('progress.csv')
  progressCsv(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res() res: RawResponse): Promise<void> {
    return this.send('progress', 'csv', principal, query, res);
  }

  @Get('progress.xlsx')
  progressXlsx(@CurrentPrincipal() principal: Principal, @Query() query: unknown, @Res() res: RawResponse): Promise<void> {
    return this.send('progress', 'xlsx', principal, query, res);
  }

  private async send(report: Report, format: Format, principal: Principal, query: unknown, res: RawResponse): Promise<void> {
    const { month, division } = decodeParams(ExportParamsC, query);
    const scoped = reportDivision(principal, this.ledger.divisions, division);
    const { sheet, position } = await this.sheet(report, principal, month, scoped);
    const code = (sheet.rows[0]?.[0] ?? 'all') as string;
    const body = format === 'csv' ? Buffer.from(toCsv(sheet), 'utf8') : await toXlsx(sheet, this.notes(report, principal, month, code, sheet, position));
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${report}-${month}-${code.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}"`);
    // Case figures: not for shared caches, and not kept after the download.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.status(200).send(body);
  }

  /**
   * The total row and the children's rows, read in one snapshot of the read models (decision
   * 0162): an event applied between two reads would file a total its children do not add up
   * to, under a position neither was read at. The position is that snapshot's.
   */
  private async sheet(report: Report, principal: Principal, month: string, division: string | undefined): Promise<{ sheet: Sheet; position: number }> {
    // The same disclosure control as the report endpoints: primary and complementary cells, chosen over the whole tree.
    const { total, byChild, position } = await reportTablesFor(principal, this.queryBus, { report, month }, division, this.ledger.policy.suppressBelow);
    const tree = this.ledger.divisions;
    const row = total as ReportRow;
    return { sheet: reportSheet(`${report} ${month} ${row.division}`, row, (byChild as { rows: ReportRow[] }).rows, (c) => tree?.get(c)), position };
  }

  private notes(report: Report, principal: Principal, month: string, code: string, sheet: Sheet, position: number): [string, string][] {
    return [
      ['report', TITLES[report]],
      ['month', month],
      ['division', `${code} ${this.ledger.divisions?.get(code)?.name ?? ''}`.trim()],
      ['rows', 'the division (its whole subtree) first, then one row per child division'],
      ['ledger position', `${position} (the read models had applied the log up to this event)`],
      // Complements are suppressed too (docs/disclosure-control.md): saying only "1 to 4" would tell the reader every hidden cell is small.
      ['disclosure', sheet.suppressed || principal.role === 'analyst'
        ? `counts from 1 to ${this.ledger.policy.suppressBelow - 1} are shown as "suppressed" (domain.md §5 disclosure control), and so are other cells from which they could be worked out: a suppressed cell is not necessarily small`
        : `not suppressed (${principal.role})`],
    ];
  }
}
