import type { ParentOf } from '../reports/suppress-relations';
import { reportFromSubtree, type ReportScope, type SubtreeReport } from '../reports/suppress-report';
import { cutClearanceYear, type ClearanceYear } from '../reports/suppress-clearance-year';
import type { SuppressedRow } from '../reports/suppress';
import type { AsideReport } from './report-call';

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

/** `cut` of `whole`, the answer of `report`. */
export const cutReport = (report: CutReport, whole: unknown, cut: ReportCut, parentOf: ParentOf): object => {
  switch (report) {
    case 'suppressedClearanceYear':
      if (cut.table === undefined) throw new Error('a cut of a clearance year names its table: "annual" or a month of the year');
      return cutClearanceYear(whole as ClearanceYear<SuppressedRow<Division>, SuppressedRow<Division>>, cut.table, parentOf, cut.scope);
    case 'suppressedProgress':
      return reportFromSubtree(whole as SubtreeReport<SuppressedRow<Division>>, parentOf, cut.scope);
    default: {
      const never: never = report;
      throw new Error(`no cut of ${String(never)}`);
    }
  }
};
