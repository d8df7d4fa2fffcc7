import { isMonth } from '@hearth/domain';
import type { SuppressedRow } from '../reports/suppress';
import { cutClearanceYear, type ClearanceYear } from '../reports/suppress-clearance-year';
import type { ParentOf } from '../reports/suppress-relations';
import { reportFromSubtree, type ReportScope, type SubtreeReport } from '../reports/suppress-report';
import type { AsideReport, ReportCall } from './report-call';

type Division = { readonly division: string };

/**
 * The rows an answer asks for of a whole tree's suppressed tables: a division (default the
 * root) or its children (`scope`), of one table of a clearance year (`table`: `'annual'`
 * or a month of the year). The tables stay where they were read (the report worker,
 * docs/decisions/0112) and only these rows cross to the caller.
 */
export interface ReportCut {
  readonly scope: ReportScope;
  /** For `suppressedClearanceYear`: `'annual'` or a month of the year. */
  readonly table?: string;
}

/** The reports an answer can be cut from. */
export type CutReport = Extract<AsideReport, 'suppressedClearanceYear' | 'suppressedProgress'>;
export const CUT_REPORTS: readonly CutReport[] = ['suppressedClearanceYear', 'suppressedProgress'];
export const isCutReport = (name: AsideReport): name is CutReport => (CUT_REPORTS as readonly string[]).includes(name);

/** A cut that does not fit the answer it is asked of (a month of another year): never answered with another table's rows. */
export class ReportCutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportCutError';
  }
}

/** `cut` of `whole`, the answer of `call`. */
export const cutReport = (call: ReportCall<CutReport>, whole: unknown, cut: ReportCut, parentOf: ParentOf): object => {
  const report = call.report;
  switch (report) {
    case 'suppressedClearanceYear': {
      const year = (call as ReportCall<'suppressedClearanceYear'>).args[0].year;
      if (cut.table !== 'annual' && !(isMonth(cut.table) && cut.table.startsWith(`${year}-`)))
        throw new ReportCutError(`a cut of the clearance year ${year} names its table, "annual" or a month of ${year}; got ${JSON.stringify(cut.table)}`);
      return cutClearanceYear(whole as ClearanceYear<SuppressedRow<Division>, SuppressedRow<Division>>, cut.table, parentOf, cut.scope);
    }
    case 'suppressedProgress':
      return reportFromSubtree(whole as SubtreeReport<SuppressedRow<Division>>, parentOf, cut.scope);
    default: {
      const never: never = report;
      throw new Error(`no cut of ${String(never)}`);
    }
  }
};
