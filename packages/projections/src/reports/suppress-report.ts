import { UnknownDivisionError } from './division-scope';
import type { ContributingHouseholds } from './contributing-households';
import { countPathsOf, type CountPath, hasFewHouseholds, hideCountsAt, isSmallCount, pushCounts, type SuppressedRow } from './suppress';
import { RelationSet } from './relation-set';
import { complementarySuppression } from './suppress-complements';
import { type ParentOf, reportRelations } from './suppress-relations';

/**
 * Disclosure control for analysts (domain.md §5; docs/disclosure-control.md): small counts
 * and enough complementary cells that none of them can be recomputed from what is published.
 *
 * A division's figures appear in many answers (its own report, its parent's by-child table,
 * its own by-child table), and subtraction works across answers; so the cells to suppress
 * are chosen once, over every division of the tree for the period, and every answer is cut
 * from that one suppressed tree. That is why these functions take subtree reports of the
 * root (`subtree: true`), not the table that was asked for.
 */

export interface SubtreeReport<R extends { readonly division: string }> {
  readonly division: string;
  readonly rows: readonly R[];
}

type Division = { readonly division: string };

/** Where each table's cells start in one grid, and how to name a cell by table, division and path. */
export interface GridCells {
  cell(table: number, division: string, path: string): number | undefined;
}

/**
 * Several subtree reports suppressed as one grid: each table's own relations, and `across`
 * — relations between tables (a year's count is the sum of its months'), which it writes
 * into the set it is given. `households[i]`, when given, holds for each division of table
 * i the households behind each count: a count is then also small when from 1 to
 * `suppressBelow − 1` households are behind it (decision 186); a table without it is
 * judged by its values alone.
 */
export const suppressTables = <R extends Division>(
  tables: readonly SubtreeReport<R>[], parentOf: ParentOf, suppressBelow: number, across: (cells: GridCells, into: RelationSet) => void = () => undefined,
  households: readonly (ContributingHouseholds | undefined)[] = [],
): SubtreeReport<SuppressedRow<R>>[] => {
  const layouts = tables.map((t) => {
    const paths = t.rows[0] === undefined ? [] : countPathsOf(t.rows[0]);
    return { paths, names: paths.map((p) => p.name) };
  });
  const offsets = layouts.reduce<number[]>((acc, l, i) => [...acc, (acc[i] as number) + l.paths.length * (tables[i] as SubtreeReport<R>).rows.length], [0]);
  const values: number[] = [];
  const primary: boolean[] = [];
  const relations = new RelationSet();
  const together: (readonly number[])[] = [];
  const stocks = new Set<number>();
  tables.forEach((t, i) => {
    const { paths, names } = layouts[i] as { paths: CountPath[]; names: string[] };
    for (const r of t.rows) {
      const first = values.length;
      if (pushCounts(r, values) !== paths.length) throw new Error(`division ${r.division}'s row does not have the counts of the table's first row (${names.join(', ')})`);
      const behind = behindRow(households[i], r.division);
      for (let k = 0; k < paths.length; k++) {
        const name = names[k] as string;
        primary.push(isSmallCount(name, values[first + k] as number, suppressBelow) || (behind !== undefined && hasFewHouseholds(behind[name] ?? 0, suppressBelow)));
      }
    }
    const own = reportRelations(t.rows, names, parentOf, offsets[i] as number, relations);
    for (const g of own.together) together.push(g);
    for (const c of own.stocks) stocks.add(c);
  });
  // Made only if `across` names cells: each table's rows and paths by name. `across` names a division's cells
  // together, so its row in each table is looked up once and kept until another division is named.
  const finders: ({ readonly rowOf: Map<string, number>; readonly pathOf: Map<string, number>; division?: string; row?: number } | undefined)[] = [];
  const finderOf = (table: number) => {
    const t = tables[table];
    const l = layouts[table];
    if (t === undefined || l === undefined) return undefined;
    finders[table] ??= { rowOf: new Map(t.rows.map((r, k) => [r.division, k])), pathOf: new Map(l.names.map((p, k) => [p, k])) };
    return finders[table];
  };
  across({
    cell: (table, division, path) => {
      const f = finderOf(table);
      if (f === undefined) return undefined;
      if (f.division !== division) [f.division, f.row] = [division, f.rowOf.get(division)];
      const at = f.pathOf.get(path);
      return f.row === undefined || at === undefined ? undefined : (offsets[table] as number) + f.row * (layouts[table] as { names: string[] }).names.length + at;
    },
  }, relations);
  const hidden = complementarySuppression({ values, relations, together, ownFigureOnly: stocks }, primary);
  return tables.map((t, i) => {
    const { paths } = layouts[i] as { paths: CountPath[] };
    return { ...t, rows: t.rows.map((r, row) => {
      const first = (offsets[i] as number) + row * paths.length;
      return hideCountsAt(r, paths, (k) => hidden[first + k] === true) as SuppressedRow<R>;
    }) };
  });
};

/** A division's households behind each count, of a table that has them: a row the table's households leave out is an error, never a row judged by its values alone. */
const behindRow = (households: ContributingHouseholds | undefined, division: string): Readonly<Record<string, number>> | undefined => {
  if (households === undefined) return undefined;
  const behind = households.get(division);
  if (behind === undefined) throw new Error(`division ${division}'s row has no households behind its counts`);
  return behind;
};

/** Every row of a subtree report with its small counts (by value, and by `households` behind them when given) and their complements suppressed. */
export const suppressSubtree = <R extends Division>(
  subtree: SubtreeReport<R>, parentOf: ParentOf, suppressBelow: number, households?: ContributingHouseholds,
): SubtreeReport<SuppressedRow<R>> =>
  suppressTables([subtree], parentOf, suppressBelow, undefined, [households])[0] as SubtreeReport<SuppressedRow<R>>;

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
export const reportFromSubtree = <R extends Division>(subtree: SubtreeReport<R>, parentOf: ParentOf, scope: ReportScope): R | SubtreeReport<R> => {
  const code = scope.division ?? subtree.division;
  const own = subtree.rows.find((r) => r.division === code);
  if (own === undefined) throw new UnknownDivisionError(code);
  if (!scope.byChild) return own;
  return { ...subtree, division: code, rows: subtree.rows.filter((r) => parentOf(r.division) === code) };
};

/** Analysts' answer from a table with no relation to other periods (progress, backlog): `suppressSubtree`, then the rows asked for. */
export const discloseReport = <R extends Division>(
  rootSubtree: SubtreeReport<R>, parentOf: ParentOf, scope: ReportScope, suppressBelow: number,
  suppress: typeof suppressSubtree = suppressSubtree,
): SuppressedRow<R> | SubtreeReport<SuppressedRow<R>> =>
  reportFromSubtree<SuppressedRow<R>>(suppress(rootSubtree, parentOf, suppressBelow), parentOf, scope);
