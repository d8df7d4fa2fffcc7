import { UnknownDivisionError } from './division-scope';
import { countPaths, hideCells, isSmallCount, type SuppressedRow } from './suppress';
import { complementarySuppression } from './suppress-complements';
import { type ParentOf, reportRelations } from './suppress-relations';

/**
 * Disclosure control for analysts (domain.md §5; docs/disclosure-control.md): small counts
 * and enough complementary cells that none of them can be recomputed from what is published.
 *
 * A division's figures appear in many answers (its own report, its parent's by-child table,
 * its own by-child table), and subtraction works across answers; so the cells to suppress
 * are chosen once, over every division of the tree for the period, and every answer is cut
 * from that one suppressed tree. That is why these functions take a subtree report of the
 * root (`subtree: true`), not the table that was asked for.
 */

export interface SubtreeReport<R extends { readonly division: string }> {
  readonly division: string;
  readonly rows: readonly R[];
}

/** Every row of a subtree report with its small counts and their complements suppressed. */
export const suppressSubtree = <R extends { readonly division: string }>(
  subtree: SubtreeReport<R>, parentOf: ParentOf, suppressBelow: number,
): SubtreeReport<SuppressedRow<R>> => {
  const { rows } = subtree;
  const paths = rows[0] === undefined ? [] : countPaths(rows[0]);
  const values = rows.flatMap((r) => paths.map((p) => valueAt(r, p)));
  const primary = values.map((v, i) => isSmallCount(paths[i % paths.length] as string, v, suppressBelow));
  const { relations, together } = reportRelations(rows, paths, parentOf);
  const hidden = complementarySuppression({ values, relations, together }, primary);
  const index = new Map(paths.map((p, i) => [p, i]));
  return {
    ...subtree,
    rows: rows.map((r, row) => hideCells(r, (path) => hidden[row * paths.length + (index.get(path) as number)] === true) as SuppressedRow<R>),
  };
};

/** What a report asks for: one division (default the root) or its children. */
export interface ReportScope {
  readonly division?: string;
  readonly byChild: boolean;
}

/**
 * The answer to a report request, cut from a suppressed subtree report of the root: the
 * division's own row, or `{…, division, rows}` with one row per child, as the report would
 * have answered unsuppressed. Throws UnknownDivisionError for a division the tree lacks.
 */
export const reportFromSubtree = <R extends { readonly division: string }>(
  subtree: SubtreeReport<R>, parentOf: ParentOf, scope: ReportScope,
): R | SubtreeReport<R> => {
  const code = scope.division ?? subtree.division;
  const own = subtree.rows.find((r) => r.division === code);
  if (own === undefined) throw new UnknownDivisionError(code);
  if (!scope.byChild) return own;
  return { ...subtree, division: code, rows: subtree.rows.filter((r) => parentOf(r.division) === code) };
};

/** Analysts' answer: `suppressSubtree` of the root's subtree report, then the rows asked for. */
export const discloseReport = <R extends { readonly division: string }>(
  rootSubtree: SubtreeReport<R>, parentOf: ParentOf, scope: ReportScope, suppressBelow: number,
): SuppressedRow<R> | SubtreeReport<SuppressedRow<R>> =>
  reportFromSubtree<SuppressedRow<R>>(suppressSubtree(rootSubtree, parentOf, suppressBelow), parentOf, scope);

const valueAt = (row: object, path: string): number => {
  let v: unknown = row;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v as number;
};
