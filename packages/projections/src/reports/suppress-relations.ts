import type { DivisionTree } from '@hearth/domain';
import { COMPUTED_WITH_SOURCE } from './computed-figures';
import type { RelationSet } from './relation-set';

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


/** Every employment started is counted once by form and once by place: the two groups have one total. */
const SAME_TOTAL: readonly (readonly [string, string])[] = [['employmentsStartedByForm.', 'employmentsStartedByPlace.']];

export type ParentOf = (division: string) => string | null | undefined;

/** Each division's parent in `tree`. */
export const parentsIn = (tree: DivisionTree): ParentOf => (division) => tree.get(division)?.parentCode;

/** What a table's rows add to the grid besides their relations; a cell is offset + row × paths.length + path index. */
export interface ReportCells {
  readonly together: readonly (readonly number[])[];
  /** The stock cells: complements of other stocks only (see suppress-complements.ts). */
  readonly stocks: readonly number[];
}

/**
 * The relations among the rows of a subtree report (a division and every division below
 * it), written into `relations`: each parent row is the sum of its children's rows, figure
 * by figure, and each row satisfies the identities among its own figures that apply to it.
 */
export const reportRelations = (
  rows: readonly { readonly division: string }[], paths: readonly string[], parentOf: ParentOf, offset: number, relations: RelationSet,
): ReportCells => {
  // Every row has the same paths, so where a relation's paths sit in a row is worked out once; a cell is offset + row × width + that.
  const width = paths.length;
  const at = new Map(paths.map((p, i) => [p, i]));
  const stockAt = [...STOCKS].flatMap((p) => at.get(p) ?? []);
  const additive = paths.flatMap((p, i) => (NOT_ADDITIVE.has(p) ? [] : [i]));
  const identityAt = MONTHLY_IDENTITY.map(([path, coefficient]) => ({ at: at.get(path), coefficient, stock: STOCKS.has(path) }));
  const hasIdentity = identityAt.every((t) => t.at !== undefined);
  const sameTotals = SAME_TOTAL.map(([plus, minus]) =>
    paths.flatMap((p, i): { at: number; coefficient: 1 | -1 }[] => (p.startsWith(plus) ? [{ at: i, coefficient: 1 }] : p.startsWith(minus) ? [{ at: i, coefficient: -1 }] : [])),
  ).filter((terms) => terms.some((t) => t.coefficient === 1) && terms.some((t) => t.coefficient === -1));
  const togetherAt = COMPUTED_WITH_SOURCE.map((group) => group.map((p) => at.get(p))).filter((cells): cells is number[] => cells.every((c) => c !== undefined));

  const together: number[][] = [];
  const stocks: number[] = [];
  for (let row = 0; row < rows.length; row++) for (const i of stockAt) stocks.push(offset + row * width + i);

  const rowOf = new Map(rows.map((r, i) => [r.division, i]));
  const children = new Map<number, number[]>();
  for (const [i, r] of rows.entries()) {
    const parent = rowOf.get(parentOf(r.division) ?? '');
    if (parent === undefined) continue;
    const kids = children.get(parent);
    if (kids === undefined) children.set(parent, [i]);
    else kids.push(i);
  }
  for (const [parent, kids] of children)
    for (const i of additive) {
      const total = offset + parent * width + i;
      relations.begin(total);
      relations.term(total, -1);
      for (const k of kids) relations.term(offset + k * width + i, 1);
    }

  for (let row = 0; row < rows.length; row++) {
    const first = offset + row * width;
    if (hasIdentity) {
      relations.begin();
      for (const t of identityAt) relations.term(first + (t.at as number), t.coefficient);
      for (const t of identityAt) if (!t.stock) relations.complement(first + (t.at as number));
    }
    for (const terms of sameTotals) {
      relations.begin();
      for (const t of terms) relations.term(first + t.at, t.coefficient);
    }
    for (const group of togetherAt) together.push(group.map((i) => first + i));
  }
  return { together, stocks };
};
