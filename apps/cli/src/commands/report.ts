import { Command } from 'commander';
import { isBusinessDate, isMonth, isYearText } from '@hearth/domain';
import { cutClearanceYear, type ParentOf, parentsIn, type ReportScope, reportFromSubtree, Reports } from '@hearth/projections';
import { localDate } from '../today';
import { CliError, EXIT } from '../exit-codes';
import { rethrowUnknownDivision } from '../unknown-division';
import { GlobalOptions, openLedger } from '../global-options';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '@hearth/read-side';
import { openReadSide, readModelsOption, readModelsUrl } from '../read-side';
import { emitJson, emitText } from '../output/emit';
import { renderTable } from '../output/table';

type Row = Record<string, unknown>;

/** One row per division (or the single object), flattening nested count groups for the table. */
const flatten = (o: Row, prefix = ''): Row =>
  Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(flatten(v as Row, `${prefix}${k}.`)) : [[`${prefix}${k}`, v]],
    ),
  );

const asTable = (result: Row, periodKey: string): string => {
  const rows = (Array.isArray(result['rows']) ? (result['rows'] as Row[]) : [result]).map((r) => flatten(r));
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((h) => h !== periodKey);
  // Wide tables read better transposed: one line per figure, one column per division.
  if (headers.length > 12) {
    const divisions = rows.map((r) => String(r['division']));
    return renderTable(['figure', ...divisions], headers.filter((h) => h !== 'division').map((h) => [h, ...rows.map((r) => r[h])]));
  }
  return renderTable(headers, rows.map((r) => headers.map((h) => r[h])));
};

const withReadSide = async (g: GlobalOptions, readModels: string | undefined, f: (ledger: Ledger, p: ReadSide) => Promise<void> | void) => {
  const ledger = await openLedger(g);
  try {
    const projections = await openReadSide(ledger, { quiet: g.json === true, readModels: readModelsUrl(readModels) });
    try {
      await f(ledger, projections);
    } catch (e) {
      rethrowUnknownDivision(e);
    } finally {
      await projections.close();
    }
  } finally {
    await ledger.close();
  }
};

type PeriodQuery = { division?: string; byChild: boolean; year: number; month: string };
type PeriodReport = 'clearance' | 'monthly' | 'progress';

/**
 * `--suppress`: the answer cut from the whole tree's tables, suppressed together — a year's
 * annual and twelve monthly tables as one, a progress table on its own (docs/disclosure-control.md).
 */
const suppressedReport = (r: Reports, name: PeriodReport, when: { year: number; month: string }, scope: ReportScope, parentOf: ParentOf, below: number): object => {
  if (name === 'progress') return reportFromSubtree(r.suppressedProgress({ month: when.month, suppressBelow: below }), parentOf, scope);
  const year = name === 'clearance' ? when.year : Number(when.month.slice(0, 4));
  return cutClearanceYear(r.suppressedClearanceYear({ year, suppressBelow: below }), name === 'clearance' ? 'annual' : when.month, parentOf, scope);
};

const periodic = (name: PeriodReport, description: string, period: 'year' | 'month', run: (r: Reports, q: PeriodQuery) => unknown, globals: () => GlobalOptions) =>
  new Command(name)
    .requiredOption(period === 'year' ? '--year <year>' : '--month <YYYY-MM>', period === 'year' ? 'calendar year' : 'calendar month')
    .option('--division <code>', 'any division; rolls up its subtree (default: the root)')
    .option('--by-child', 'one row per child division of --division')
    .option('--suppress', 'disclosure control for tables shown outside the caseworker and auditor roles: counts below policy.suppressBelow become null, and so do enough other cells that none can be recomputed (docs/disclosure-control.md)')
    .addOption(readModelsOption())
    .description(description)
    .action(async (opts: { year?: string; month?: string; division?: string; byChild?: boolean; suppress?: boolean; readModels?: string }) => {
      const g = globals();
      if (period === 'year' && !isYearText(opts.year)) throw new CliError(`--year must be a four-digit year from 1900 to 2999, got "${opts.year}"`, EXIT.usage);
      if (period === 'month' && !isMonth(opts.month)) throw new CliError(`--month must be YYYY-MM, got "${opts.month}"`, EXIT.usage);
      await withReadSide(g, opts.readModels, async (ledger, p) => {
        const when = { year: Number(opts.year), month: opts.month ?? '' };
        // Only an absent --division means the root: an empty one (a script's unset variable) is a division the tree does not hold, exit 4.
        const scope = { ...(opts.division !== undefined ? { division: opts.division } : {}), byChild: opts.byChild === true };
        const parentOf = parentsIn(p.divisions);
        const result = (await p.read((r) => (opts.suppress ? suppressedReport(r, name, when, scope, parentOf, ledger.policy.suppressBelow) : run(r, { ...when, ...scope })))) as Row;
        if (g.json) emitJson(result);
        else {
          emitText(`${name} — ${period} ${period === 'year' ? opts.year : opts.month} — ${String(result['division'])}${opts.byChild ? ' by child division' : ''}`);
          emitText(asTable(result, period));
        }
      });
    });

export const reportCommand = (globals: () => GlobalOptions): Command => {
  const report = new Command('report').description('read models of domain.md §5, by business date, for any division');
  report.addCommand(periodic('clearance', 'annual clearance: baseline, target, cleared, stock and exits for a year', 'year', (r, q) => r.clearanceReport({ year: q.year, byChild: q.byChild, ...(q.division !== undefined ? { division: q.division } : {}) }), globals));
  report.addCommand(periodic('monthly', 'monthly dynamic-clearance table: stock at start and end and every move in between', 'month', (r, q) => r.monthlyReport({ month: q.month, byChild: q.byChild, ...(q.division !== undefined ? { division: q.division } : {}) }), globals));
  report.addCommand(periodic('progress', 'monthly progress table: surveys, eligibility, trainings, referrals, employments, incomes', 'month', (r, q) => r.progressReport({ month: q.month, byChild: q.byChild, ...(q.division !== undefined ? { division: q.division } : {}) }), globals));
  report.addCommand(
    new Command('backlog')
      .option('--division <code>', 'any division; rolls up its subtree (default: the root)')
      .option('--as-of <date>', "business date (default: today, this machine's local date)")
      .addOption(readModelsOption())
      .description("the agency's service backlog: referrals owed, follow-ups overdue, survey updates missing, employed but not cleared, open labour concerns")
      .action(async (opts: { division?: string; asOf?: string; readModels?: string }) => {
        const g = globals();
        const asOf = opts.asOf ?? localDate(new Date());
        if (!isBusinessDate(asOf)) throw new CliError(`--as-of must be a date (YYYY-MM-DD), got "${asOf}"`, EXIT.usage);
        await withReadSide(g, opts.readModels, async (_ledger, p) => {
          const result = (await p.read((r) => r.backlogReport({ asOf, ...(opts.division !== undefined ? { division: opts.division } : {}) }))) as unknown as Row;
          if (g.json) return emitJson(result);
          emitText(`service backlog — as of ${asOf} — ${String(result['division'])}`);
          for (const [k, v] of Object.entries(result)) {
            if (!Array.isArray(v)) continue;
            emitText(`\n${k}: ${v.length}`);
            if (v.length > 0) {
              const rows = (v as Row[]).slice(0, 20).map((r) => flatten(r));
              const headers = Object.keys(rows[0] ?? {});
              emitText(renderTable(headers, rows.map((r) => headers.map((h) => (Array.isArray(r[h]) ? (r[h] as unknown[]).join(',') : r[h])))));
              if (v.length > 20) emitText(`… and ${v.length - 20} more (use --json)`);
            }
          }
        });
      }),
  );
  return report;
};
