import { Command } from 'commander';
import { isBusinessDate, isMonth, isYearText } from '@hearth/domain';
import {
  backlogCountsTree, cutClearanceYear, disclosedBacklog, monthsOfYear, monthsOfYearCuts, type ParentOf, parentsIn, type ReportScope, reportFromSubtree, Reports, type YearOfMonths,
} from '@hearth/projections';
import { localDate } from '../today';
import { CliError, EXIT } from '../exit-codes';
import { refuseUnknownDivision, rethrowUnknownDivision } from '../unknown-division';
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

/**
 * `result`'s rows (or `result` alone) as a table: `rowKey` (a division, or a year's month) in
 * the first column, without the `shared` column every row has the same (the title says it).
 */
const asTable = (result: Row, shared: string, rowKey = 'division'): string => {
  const rows = (Array.isArray(result['rows']) ? (result['rows'] as Row[]) : [result]).map((r) => flatten(r));
  const headers = [rowKey, ...new Set(rows.flatMap((r) => Object.keys(r)))].filter((h, i) => h !== shared && (i === 0 || h !== rowKey));
  // Wide tables read better transposed: one line per figure, one column per division (or month).
  if (headers.length > 12) {
    const columns = rows.map((r) => String(r[rowKey]));
    return renderTable(['figure', ...columns], headers.filter((h) => h !== rowKey).map((h) => [h, ...rows.map((r) => r[h])]));
  }
  return renderTable(headers, rows.map((r) => headers.map((h) => r[h])));
};

const withReadSide = async (g: GlobalOptions, readModels: string | undefined, division: string | undefined, f: (ledger: Ledger, p: ReadSide) => Promise<void> | void) => {
  const ledger = await openLedger(g);
  try {
    refuseUnknownDivision(ledger, division);
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

/** `--year`: the years the service takes, those of a date. */
const checkYear = (year: string | undefined): void => {
  if (!isYearText(year)) throw new CliError(`--year must be a four-digit year from 1900 to 2999, got "${year}"`, EXIT.usage);
};

type PeriodOptions = { year?: string; month?: string; division?: string; byChild?: boolean; suppress?: boolean; readModels?: string };

/**
 * `report monthly --year`: the division's twelve monthly tables of the year, read in ONE
 * snapshot of the read models with the calls the API's year of months reads
 * (docs/decisions/0168, 0171). With `--suppress`, the year's one suppressed table is cut at
 * each month, as `--suppress --month` cuts one (suppressedReport above).
 */
const monthsOfYearAnswer = (r: Reports, q: YearOfMonths, suppressBelow: number | undefined, parentOf: ParentOf): object[] => {
  if (suppressBelow === undefined) return monthsOfYear(r, q);
  const shut = r.suppressedClearanceYear({ year: q.year, suppressBelow });
  return monthsOfYearCuts(q).map(({ table, scope }) => cutClearanceYear(shut, table, parentOf, scope));
};

const MONTHLY_HELP_AFTER = `
Exactly one of --month and --year. With --year YYYY (no --month): the twelve monthly
tables of --division for that year, January first, all read in one snapshot of the read
models; --json prints {"division", "year", "months": [the twelve objects --month prints]},
the table one row per month. --by-child is not offered with --year (exit 2); --suppress
with --year gives each month exactly as --suppress --month gives it (docs/decisions/0171).`;

/** `report monthly`'s period: `'year'` for a year of months, checked before anything is opened. */
const monthlyPeriod = (opts: PeriodOptions): 'month' | 'year' => {
  if ((opts.month === undefined) === (opts.year === undefined))
    throw new CliError(`report monthly takes exactly one of --month YYYY-MM and --year YYYY, got ${opts.month === undefined ? 'neither' : 'both'}`, EXIT.usage);
  if (opts.month !== undefined) return 'month';
  if (opts.byChild) throw new CliError('--by-child is not offered for a year of months (--year): its twelve tables are the division\'s own; ask --month with --by-child for a month\'s children', EXIT.usage);
  checkYear(opts.year);
  return 'year';
};

const printMonthsOfYear = (g: GlobalOptions, opts: PeriodOptions) =>
  withReadSide(g, opts.readModels, opts.division, async (ledger, p) => {
    const q: YearOfMonths = { year: Number(opts.year), ...(opts.division !== undefined ? { division: opts.division } : {}) };
    const parentOf = parentsIn(p.divisions);
    const months = await p.read((r) => monthsOfYearAnswer(r, q, opts.suppress ? ledger.policy.suppressBelow : undefined, parentOf));
    const division = opts.division ?? p.divisions.root.code;
    if (g.json) return emitJson({ division, year: q.year, months });
    emitText(`monthly — year ${q.year} — ${division}`);
    emitText(asTable({ rows: months }, 'division', 'month'));
  });

const periodic = (name: PeriodReport, description: string, period: 'year' | 'month', run: (r: Reports, q: PeriodQuery) => unknown, globals: () => GlobalOptions) =>
  (name === 'monthly'
    ? new Command(name)
        .option('--month <YYYY-MM>', 'calendar month (this or --year)')
        .option('--year <year>', "calendar year: the division's twelve monthly tables, January first, in one snapshot (this or --month; not with --by-child)")
        .addHelpText('after', MONTHLY_HELP_AFTER)
    : new Command(name).requiredOption(period === 'year' ? '--year <year>' : '--month <YYYY-MM>', period === 'year' ? 'calendar year' : 'calendar month'))
    .option('--division <code>', 'any division; rolls up its subtree (default: the root)')
    .option('--by-child', 'one row per child division of --division')
    .option('--suppress', 'disclosure control for tables shown outside the caseworker and auditor roles: counts below policy.suppressBelow become null, as do counts with fewer households than that behind them (decision 186), and so do enough other cells that none can be recomputed (docs/disclosure-control.md)')
    .addOption(readModelsOption())
    .description(description)
    .action(async (opts: PeriodOptions) => {
      const g = globals();
      if (name === 'monthly' && monthlyPeriod(opts) === 'year') return printMonthsOfYear(g, opts);
      if (period === 'year') checkYear(opts.year);
      if (period === 'month' && !isMonth(opts.month)) throw new CliError(`--month must be YYYY-MM, got "${opts.month}"`, EXIT.usage);
      await withReadSide(g, opts.readModels, opts.division, async (ledger, p) => {
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
      .option('--suppress', "what an analyst gets: each list's length instead of its households and members, under disclosure control as every table (counts below policy.suppressBelow, or with fewer households behind them, become null, and enough others that none can be recomputed; docs/decisions/0028)")
      .addOption(readModelsOption())
      .description("the agency's service backlog: referrals owed, follow-ups overdue, survey updates missing, employed but not cleared, open labour concerns")
      .action(async (opts: { division?: string; asOf?: string; readModels?: string; suppress?: boolean }) => {
        const g = globals();
        const asOf = opts.asOf ?? localDate(new Date());
        if (!isBusinessDate(asOf)) throw new CliError(`--as-of must be a date (YYYY-MM-DD), got "${asOf}"`, EXIT.usage);
        await withReadSide(g, opts.readModels, opts.division, async (ledger, p) => {
          if (opts.suppress) {
            // Cut from every division's counts, from the root's backlog, as the service answers an analyst.
            const counts = (await p.read((r) => disclosedBacklog(backlogCountsTree(r.backlogReport({ asOf }), p.divisions), parentsIn(p.divisions), opts.division, ledger.policy.suppressBelow))) as unknown as Row;
            if (g.json) return emitJson(counts);
            emitText(`service backlog, counts — as of ${asOf} — ${String(counts['division'])}`);
            return emitText(asTable(counts, 'asOf'));
          }
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
