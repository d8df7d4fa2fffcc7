import type { RelationSet } from './relation-set';
import { inverse, mod } from './residues';

/**
 * The linear audit of a suppression pattern (docs/disclosure-control.md): which suppressed
 * cells some combination of the relations determines, although no single relation has
 * them alone (e.g. two monthly identities and a parent's total, added and subtracted).
 *
 * A cell x is determined iff the unit vector of x lies in the row space of the relations
 * restricted to the suppressed cells: after reduction to row echelon form, some row has x
 * as its only non-zero entry. Suppressed cells fall into groups that share relations;
 * each group up to `AUDITED_GROUP` cells is reduced on its own, modulo a prime (the
 * relations' coefficients are ±1, so the rank is the rational one barring a freak multiple of
 * the prime). Larger groups are not audited: they are protected against subtraction only.
 * (A year's clearance tables of a large region make one group of tens of thousands of cells,
 * in which elimination does find determined cells, and complements chosen from their own
 * relations did not converge; docs/disclosure-control.md, "Limits".)
 */
export const AUDITED_GROUP = 400;

/** The suppressed cells of one group (cells that share relations, transitively) and the relations that hold any of them. */
interface Group {
  readonly cells: number[];
  readonly relations: number[];
}

/** The suppressed cells split into groups that share relations, each with its relations; and which group a suppressed cell is in. */
const groupsOf = (relations: RelationSet, hidden: readonly boolean[]): { readonly groups: Map<number, Group>; readonly rootOf: (cell: number) => number } => {
  // Union-find over the suppressed cells, by cell number (-1: not a suppressed cell of any relation here). Typed arrays,
  // not maps: a year's tables of the whole region have ~2 million cells, many suppressed.
  const parent = new Int32Array(hidden.length).fill(-1);
  const find = (c: number): number => {
    let r = c;
    while (parent[r] !== r) r = parent[r] as number;
    for (let x = c; x !== r; ) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  // The relations with a suppressed cell, each under the first of them.
  const touching: number[] = [];
  const firstHidden: number[] = [];
  for (let r = 0; r < relations.count; r++) {
    let first = -1;
    for (let k = relations.start(r); k < relations.start(r + 1); k++) {
      const cell = relations.cell(k);
      if (!hidden[cell]) continue;
      if (parent[cell] === -1) parent[cell] = cell;
      if (first === -1) first = cell;
      else parent[find(cell)] = find(first);
    }
    if (first === -1) continue;
    touching.push(r);
    firstHidden.push(first);
  }
  const groups = new Map<number, Group>();
  for (let c = 0; c < parent.length; c++) {
    if (parent[c] === -1) continue;
    const root = find(c);
    const g = groups.get(root) ?? { cells: [], relations: [] };
    g.cells.push(c);
    groups.set(root, g);
  }
  touching.forEach((r, i) => groups.get(find(firstHidden[i] as number))?.relations.push(r));
  return { groups, rootOf: (cell) => (parent[cell] === -1 ? -1 : find(cell)) };
};

/** The suppressed cells that the relations determine, in cell order. */
export const determinedCells = (relations: RelationSet, hidden: readonly boolean[]): number[] => {
  const out: number[] = [];
  for (const g of groupsOf(relations, hidden).groups.values())
    if (g.cells.length <= AUDITED_GROUP) {
      const { rows, pivots } = eliminate(g, relations, hidden, false);
      for (const i of pivots) if ((rows[i] as Map<number, number>).size === 1) out.push(...(rows[i] as Map<number, number>).keys());
    }
  return out.sort((a, b) => a - b);
};

/** A combination of relations: relation number → coefficient, modulo P. */
export type Combination = ReadonlyMap<number, number>;

/**
 * For each of `cells` (suppressed cells `determinedCells` found): the combination of the
 * relations whose sum, over the suppressed cells, is that cell alone — what an attacker adds
 * up to recompute it. Its published cells with a non-zero coefficient in that sum are the
 * ones whose suppression breaks it. Only the groups holding `cells` are reduced again, with
 * each row's combination carried along.
 */
export const combinationsDetermining = (relations: RelationSet, hidden: readonly boolean[], cells: readonly number[]): Map<number, Combination> => {
  const { groups, rootOf } = groupsOf(relations, hidden);
  const wanted = new Set(cells);
  const out = new Map<number, Combination>();
  for (const root of new Set(cells.map(rootOf))) {
    const g = groups.get(root);
    if (g === undefined || g.cells.length > AUDITED_GROUP) continue;
    const { rows, pivots, combinations } = eliminate(g, relations, hidden, true);
    for (const i of pivots) {
      const row = rows[i] as Map<number, number>;
      const [only] = row.keys();
      if (row.size === 1 && wanted.has(only as number)) out.set(only as number, (combinations as Map<number, number>[])[i] as Map<number, number>);
    }
  }
  return out;
};

interface Elimination {
  /** Each relation of the group restricted to the suppressed cells, reduced: cell → coefficient. */
  readonly rows: Map<number, number>[];
  /** The rows that became pivots, in the order of their columns. */
  readonly pivots: number[];
  /** With tracking: each row as a combination of the group's relations (relation number → coefficient). */
  readonly combinations?: Map<number, number>[];
}

/** Gauss–Jordan over sparse rows: columns in cell order, the pivot the shortest row holding the column. */
const eliminate = (group: Group, relations: RelationSet, hidden: readonly boolean[], track: boolean): Elimination => {
  const rows: Map<number, number>[] = group.relations.map((r) => {
    const row = new Map<number, number>();
    for (let k = relations.start(r); k < relations.start(r + 1); k++) {
      const cell = relations.cell(k);
      if (hidden[cell]) row.set(cell, mod((row.get(cell) ?? 0) + relations.sign(k)));
    }
    for (const [k, v] of row) if (v === 0) row.delete(k);
    return row;
  });
  const combinations = track ? group.relations.map((r) => new Map([[r, 1]])) : undefined;
  const holding = new Map<number, Set<number>>();
  rows.forEach((row, i) => {
    for (const c of row.keys()) holding.set(c, (holding.get(c) ?? new Set()).add(i));
  });
  const pivots: number[] = [];
  const used = new Set<number>();
  for (const c of group.cells) {
    let pivot = -1;
    for (const i of holding.get(c) ?? []) if (!used.has(i) && (pivot < 0 || (rows[i] as Map<number, number>).size < (rows[pivot] as Map<number, number>).size)) pivot = i;
    if (pivot < 0) continue;
    used.add(pivot);
    pivots.push(pivot);
    const top = rows[pivot] as Map<number, number>;
    const inv = inverse(top.get(c) as number);
    for (const [k, v] of top) top.set(k, mod(v * inv));
    if (combinations) scale(combinations[pivot] as Map<number, number>, inv);
    for (const i of [...(holding.get(c) ?? [])]) {
      if (i === pivot) continue;
      const row = rows[i] as Map<number, number>;
      const f = row.get(c) as number;
      for (const [k, v] of top) {
        const next = mod((row.get(k) ?? 0) - f * v);
        if (next !== 0) {
          if (!row.has(k)) holding.set(k, (holding.get(k) ?? new Set()).add(i));
          row.set(k, next);
        } else if (row.delete(k)) holding.get(k)?.delete(i);
      }
      if (combinations) subtract(combinations[i] as Map<number, number>, f, combinations[pivot] as Map<number, number>);
    }
  }
  return combinations ? { rows, pivots, combinations } : { rows, pivots };
};

const scale = (v: Map<number, number>, f: number): void => {
  for (const [k, x] of v) v.set(k, mod(x * f));
};

/** `v -= f × w`, dropping the entries that become 0. */
const subtract = (v: Map<number, number>, f: number, w: ReadonlyMap<number, number>): void => {
  for (const [k, x] of w) {
    const next = mod((v.get(k) ?? 0) - f * x);
    if (next === 0) v.delete(k);
    else v.set(k, next);
  }
};
