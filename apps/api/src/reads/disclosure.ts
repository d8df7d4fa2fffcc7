import type { DivisionTree } from '@hearth/domain';
import { backlogCountsByDivision, discloseReport, type ReportScope, type ServiceBacklog, type SubtreeReport } from '@hearth/projections';
import type { Principal } from '../auth/principal';

/** Runs one report for one period over a scope: the division (default the root), its children, or its whole subtree. */
export type AskReport = (scope: { readonly division?: string; readonly byChild: boolean; readonly subtree?: boolean }) => Promise<unknown>;

/**
 * domain.md §5 disclosure control: a table served outside the caseworker and auditor roles
 * has its small counts suppressed, and enough other cells that none can be recomputed
 * (docs/disclosure-control.md). An analyst's answer is therefore cut from the whole tree's
 * table for the period, suppressed once, so that every answer agrees with every other.
 */
export const reportFor = async (principal: Principal, ask: AskReport, scope: ReportScope, tree: DivisionTree | undefined, suppressBelow: number): Promise<object> => {
  if (principal.role !== 'analyst') return (await ask(scope)) as object;
  const whole = (await ask({ byChild: false, subtree: true })) as SubtreeReport<{ division: string }>;
  return discloseReport(whole, (c) => tree?.get(c)?.parentCode, scope, suppressBelow);
};

/**
 * The backlog lists households and members by id, which is case-level data: an analyst gets
 * each list's length instead, under the same disclosure control (docs/decisions/0028), cut
 * from the counts of every division so that no count is a parent's minus its siblings'.
 * `rootBacklog` is the backlog of the root whatever division was asked for.
 */
export const backlogFor = (rootBacklog: ServiceBacklog, division: string | undefined, tree: DivisionTree, suppressBelow: number): object =>
  discloseReport(backlogCountsByDivision(rootBacklog, tree), (c) => tree.get(c)?.parentCode, { byChild: false, ...(division !== undefined ? { division } : {}) }, suppressBelow);
