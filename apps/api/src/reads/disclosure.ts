import type { QueryBus } from '@nestjs/cqrs';
import type { DivisionTree } from '@hearth/domain';
import {
  ClearanceReportQuery, DisclosedClearanceQuery, DisclosedProgressQuery, MonthlyReportQuery, MonthsOfYearQuery, ProgressReportQuery, ReportTablesQuery, type MonthsOfYear, type ReportTables, type ReportTablesPeriod,
} from '@hearth/nest';
import {
  backlogCountsTree, type BacklogCountsTree, disclosedBacklog, parentsIn, SuppressionMemo, type ParentOf, type ReportScope, type ServiceBacklog,
} from '@hearth/projections';
import type { Principal } from '../auth/principal';

/*
 * domain.md §5 disclosure control: a table served outside the caseworker and auditor roles
 * has its small counts suppressed, and enough other cells that none can be recomputed
 * (docs/disclosure-control.md). An analyst's answer is therefore cut from the whole tree's
 * tables, suppressed together, so that every answer agrees with every other.
 */

/**
 * Every division's backlog counts, suppressed, for the cuts a dashboard asks next (the same
 * counts by child, another division). Keyed by the counts' content, so a new event that
 * changes one is a new entry, never a stale one. (A clearance year and a month's progress
 * are suppressed and cut by the read side, in its report worker: `DisclosedClearanceQuery`,
 * `DisclosedProgressQuery`.)
 */
const memo = new SuppressionMemo(4);

/**
 * Each tree's `parentOf`, one function a tree, so that the memo knows a call on the same
 * tables under the same tree by identity, without hashing them again (SuppressionMemo).
 */
const parents = new WeakMap<DivisionTree, ParentOf>();
const noParents: ParentOf = () => undefined;
const parentOfIn = (tree: DivisionTree | undefined): ParentOf => {
  if (tree === undefined) return noParents;
  let parentOf = parents.get(tree);
  if (parentOf === undefined) parents.set(tree, (parentOf = parentsIn(tree)));
  return parentOf;
};

/** A month's progress table as a principal may see it: an analyst's cut from the whole tree's, suppressed in the report worker (decision 112). */
const progressFor = async (principal: Principal, queryBus: QueryBus, month: string, scope: ReportScope, suppressBelow: number): Promise<object> => {
  if (principal.role !== 'analyst') return queryBus.execute(new ProgressReportQuery({ month, ...scope }));
  return queryBus.execute(new DisclosedProgressQuery({ month, ...scope, suppressBelow }));
};

/**
 * An annual (`table` 'annual') or monthly (`table` a month of `year`) clearance table as a
 * principal may see it: an analyst's is cut from the year's annual and twelve monthly tables,
 * suppressed as one, since a year's events are the sum of its months'.
 */
export const clearanceFor = async (
  principal: Principal, queryBus: QueryBus, year: number, table: string, scope: ReportScope, suppressBelow: number,
): Promise<object> => {
  const own = { byChild: scope.byChild, ...(scope.division !== undefined ? { division: scope.division } : {}) };
  if (principal.role !== 'analyst')
    return queryBus.execute(table === 'annual' ? new ClearanceReportQuery({ year, ...own }) : new MonthlyReportQuery({ month: table, ...own }));
  // The thirteen tables read in one snapshot and suppressed as one, in the report worker, where they stay to be cut again (decisions 111, 112).
  return queryBus.execute(new DisclosedClearanceQuery({ year, table, ...own, suppressBelow }));
};

/** A month's monthly or progress table as a principal may see it (the reports and the dashboard's exports). */
export const monthTableFor = (
  principal: Principal, queryBus: QueryBus, report: 'monthly' | 'progress', month: string, scope: ReportScope, suppressBelow: number,
): Promise<object> =>
  report === 'monthly'
    ? clearanceFor(principal, queryBus, Number(month.slice(0, 4)), month, scope, suppressBelow)
    : progressFor(principal, queryBus, month, scope, suppressBelow);

/**
 * A report table of `division` as a principal may see it, its total and its children's rows
 * read in one snapshot of the read models, and the position it stands at (an export: decision
 * 0162; a report asked `withChildren`: decision 0165). An analyst's rows are cut from the whole
 * tree's suppressed table, as the single-table answers above are.
 */
export const reportTablesFor = (
  principal: Principal, queryBus: QueryBus, period: ReportTablesPeriod, division: string | undefined, suppressBelow: number,
): Promise<ReportTables> =>
  queryBus.execute(new ReportTablesQuery({
    ...period, ...(division !== undefined ? { division } : {}), ...(principal.role === 'analyst' ? { suppressBelow } : {}),
  }));

/**
 * A division's twelve monthly clearance tables of `year` as a principal may see them, read in
 * one snapshot, and the position it stands at (decision 0168): an analyst's months cut from
 * the year's whole-tree suppressed tables, the same figures `clearanceFor` gives month by month.
 */
export const monthsOfYearFor = (principal: Principal, queryBus: QueryBus, year: number, division: string | undefined, suppressBelow: number): Promise<MonthsOfYear> =>
  queryBus.execute(new MonthsOfYearQuery({
    year, ...(division !== undefined ? { division } : {}), ...(principal.role === 'analyst' ? { suppressBelow } : {}),
  }));

/**
 * The backlog as an analyst gets it (`disclosedBacklog`, @hearth/projections: each list's
 * length, suppressed as one table with every division's), through the memo. `rootBacklog`
 * is the backlog of the root whatever division was asked for.
 */
export const backlogFor = (rootBacklog: ServiceBacklog, division: string | undefined, tree: DivisionTree, suppressBelow: number): object =>
  disclosedBacklog(countsOf(rootBacklog, tree), parentOfIn(tree), division, suppressBelow, (t, p, b, households) => memo.subtree(t, p, b, households));

/**
 * Every division's backlog counts and the households behind them, made once for each root backlog and tree: the read side
 * hands out the same backlog while the read models stand still (decision 111), so the
 * counts are the same object too, and the memo knows them without hashing them again.
 */
const counts = new WeakMap<ServiceBacklog, { readonly tree: DivisionTree; readonly made: BacklogCountsTree }>();
const countsOf = (rootBacklog: ServiceBacklog, tree: DivisionTree): BacklogCountsTree => {
  const known = counts.get(rootBacklog);
  if (known !== undefined && known.tree === tree) return known.made;
  const made = backlogCountsTree(rootBacklog, tree);
  counts.set(rootBacklog, { tree, made });
  return made;
};
