import type { DivisionTree } from '@hearth/domain';
import type { Relation, RelationTerm } from './suppress-complements';

/**
 * The linear relations anyone can check between the published cells of a report
 * (docs/disclosure-control.md "What is public"): these, and only these, are what the
 * complementary suppression protects against.
 */

/** domain.md §5: stockAtEnd = stockAtStart + identified + relapsed − cleared − withdrawn − exempted − deregistered. */
export const MONTHLY_IDENTITY: readonly (readonly [string, 1 | -1])[] = [
  ['stockAtStart', 1], ['identified', 1], ['relapsed', 1], ['cleared', -1], ['withdrawn', -1], ['exempted', -1], ['deregistered', -1], ['stockAtEnd', -1],
];
const STOCKS = new Set(['stockAtStart', 'stockAtEnd']);

/** Not a sum over child divisions: each division's target is computed from its own baseline. */
const NOT_ADDITIVE = new Set(['target']);

/** The target is a published function of the baseline (cumulativeShare is in the row): the two go together. */
const TOGETHER: readonly (readonly string[])[] = [['target', 'baseline']];

/** Every employment started is counted once by form and once by place: the two groups have one total. */
const SAME_TOTAL: readonly (readonly [string, string])[] = [['employmentsStartedByForm.', 'employmentsStartedByPlace.']];

export type ParentOf = (division: string) => string | null | undefined;

/** Each division's parent in `tree`. */
export const parentsIn = (tree: DivisionTree): ParentOf => (division) => tree.get(division)?.parentCode;

export interface ReportCells {
  /** The count paths every row has, in order; cell = offset + row × paths.length + path index. */
  readonly paths: readonly string[];
  readonly relations: readonly Relation[];
  readonly together: readonly (readonly number[])[];
  /** The stock cells: complements of other stocks only (see suppress-complements.ts). */
  readonly stocks: readonly number[];
}

/**
 * The relations among the rows of a subtree report (a division and every division below
 * it): each parent row is the sum of its children's rows, figure by figure, and each row
 * satisfies the identities among its own figures that apply to it.
 */
export const reportRelations = (rows: readonly { readonly division: string }[], paths: readonly string[], parentOf: ParentOf, offset = 0): ReportCells => {
  const at = new Map(paths.map((p, i) => [p, i]));
  const cell = (row: number, path: string): number | undefined => {
    const i = at.get(path);
    return i === undefined ? undefined : offset + row * paths.length + i;
  };
  const relations: Relation[] = [];
  const together: number[][] = [];
  const stocks = rows.flatMap((_, row) => [...STOCKS].flatMap((p) => cell(row, p) ?? []));

  const rowOf = new Map(rows.map((r, i) => [r.division, i]));
  const children = new Map<number, number[]>();
  for (const [i, r] of rows.entries()) {
    const parent = rowOf.get(parentOf(r.division) ?? '');
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  for (const [parent, kids] of children)
    for (const path of paths) {
      if (NOT_ADDITIVE.has(path)) continue;
      const total = cell(parent, path) as number;
      relations.push({ total, terms: [{ cell: total, coefficient: -1 }, ...kids.map((k) => ({ cell: cell(k, path) as number, coefficient: 1 as const }))] });
    }

  for (const row of rows.keys()) {
    const identity = MONTHLY_IDENTITY.map(([path, coefficient]) => ({ cell: cell(row, path), coefficient }));
    if (identity.every((t) => t.cell !== undefined)) {
      const terms = identity as RelationTerm[];
      relations.push({ terms, complements: terms.filter((_, i) => !STOCKS.has((MONTHLY_IDENTITY[i] as readonly [string, number])[0])).map((t) => t.cell) });
    }
    for (const [plus, minus] of SAME_TOTAL) {
      const terms = paths.flatMap((p): RelationTerm[] => {
        const c = cell(row, p) as number;
        return p.startsWith(plus) ? [{ cell: c, coefficient: 1 }] : p.startsWith(minus) ? [{ cell: c, coefficient: -1 }] : [];
      });
      if (terms.some((t) => t.coefficient === 1) && terms.some((t) => t.coefficient === -1)) relations.push({ terms });
    }
    for (const group of TOGETHER) {
      const cells = group.map((p) => cell(row, p));
      if (cells.every((c) => c !== undefined)) together.push(cells as number[]);
    }
  }
  return { paths, relations, together, stocks };
};
