import type { ClearanceYearHouseholds } from './clearance-households';
import type { SuppressedRow } from './suppress';
import type { ParentOf } from './suppress-relations';
import { reportFromSubtree, type ReportScope, type SubtreeReport, suppressTables } from './suppress-report';

/**
 * A year's count of events is the sum of its twelve months' (domain.md §5: the annual
 * in-year counts and the monthly moves count the same events; withdrawals, exemptions and
 * deregistrations are moves only out of the stock, so the year's may be larger, but they
 * are protected as sums all the same: where they are equal, an attacker could use them).
 * So the annual table of a year and its twelve monthly tables are suppressed as one.
 */
export const ANNUAL_OF_MONTHLY: readonly (readonly [string, string])[] = [
  ['identifiedInYear', 'identified'], ['clearedInYear', 'cleared'], ['relapsedInYear', 'relapsed'],
  ['withdrawnInYear', 'withdrawn'], ['exemptedInYear', 'exempted'], ['deregisteredInYear', 'deregistered'],
];

/** The clearance tables of one year for the whole tree: the annual one and January to December (`monthsOf`). */
export interface ClearanceYear<A extends { readonly division: string }, M extends { readonly division: string }> {
  readonly annual: SubtreeReport<A>;
  readonly months: readonly SubtreeReport<M>[];
}


/**
 * A year's clearance tables suppressed as one grid: each table's relations, and each annual
 * count as the sum of its months'. With `households`, an event count is also small when from
 * 1 to `suppressBelow − 1` households are behind it (decision 186); without, the tables are
 * judged by their values alone.
 */
export const suppressClearanceYear = <A extends { readonly division: string }, M extends { readonly division: string }>(
  year: ClearanceYear<A, M>, parentOf: ParentOf, suppressBelow: number, households?: ClearanceYearHouseholds,
): ClearanceYear<SuppressedRow<A>, SuppressedRow<M>> => {
  if (year.months.length !== 12) throw new Error(`a clearance year has 12 monthly tables, got ${year.months.length}`);
  if (households !== undefined && households.months.length !== 12) throw new Error(`a clearance year has 12 months of households, got ${households.months.length}`);
  const tables = [year.annual, ...year.months] as readonly SubtreeReport<A | M>[];
  const [annual, ...months] = suppressTables(tables, parentOf, suppressBelow, ({ cell }, into) => {
    for (const r of year.annual.rows)
      for (const [inYear, move] of ANNUAL_OF_MONTHLY) {
        const total = cell(0, r.division, inYear);
        const parts = year.months.map((_, m) => cell(m + 1, r.division, move));
        if (total === undefined || parts.some((c) => c === undefined)) continue;
        into.begin(total);
        into.term(total, -1);
        for (const c of parts) into.term(c as number, 1);
      }
  }, households === undefined ? [] : [households.annual, ...households.months]);
  return { annual: annual as SubtreeReport<SuppressedRow<A>>, months: months as SubtreeReport<SuppressedRow<M>>[] };
};

/**
 * Analysts' answer to an annual or monthly clearance report, cut from the year suppressed as
 * one (`suppressClearanceYear`): the rows asked for of the table asked for (`'annual'` or a
 * month of the year).
 */
export const cutClearanceYear = <A extends { readonly division: string }, M extends { readonly division: string }>(
  shut: ClearanceYear<SuppressedRow<A>, SuppressedRow<M>>, table: 'annual' | string, parentOf: ParentOf, scope: ReportScope,
): object => {
  if (table === 'annual') return reportFromSubtree(shut.annual, parentOf, scope);
  const month = shut.months[Number(table.slice(5, 7)) - 1];
  if (month === undefined) throw new Error(`${table} is not a month of the year`);
  return reportFromSubtree(month, parentOf, scope);
};
