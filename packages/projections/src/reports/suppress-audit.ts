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

/** The suppressed cells that the relations determine, in cell order. */
export const determinedCells = (relations: RelationSet, hidden: readonly boolean[]): number[] => {
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
  const groups = new Map<number, { cells: number[]; relations: number[] }>();
  for (let c = 0; c < parent.length; c++) {
    if (parent[c] === -1) continue;
    const root = find(c);
    const g = groups.get(root) ?? { cells: [], relations: [] };
    g.cells.push(c);
    groups.set(root, g);
  }
  touching.forEach((r, i) => groups.get(find(firstHidden[i] as number))?.relations.push(r));

  const out: number[] = [];
  for (const g of groups.values()) if (g.cells.length <= AUDITED_GROUP) out.push(...determinedIn(g.cells, g.relations, relations, hidden));
  return out.sort((a, b) => a - b);
};

/** Gauss–Jordan over sparse rows: columns in cell order, the pivot the shortest row holding the column. */
const determinedIn = (cells: readonly number[], relationIds: readonly number[], relations: RelationSet, hidden: readonly boolean[]): number[] => {
  const rows: Map<number, number>[] = relationIds.map((r) => {
    const row = new Map<number, number>();
    for (let k = relations.start(r); k < relations.start(r + 1); k++) {
      const cell = relations.cell(k);
      if (hidden[cell]) row.set(cell, mod((row.get(cell) ?? 0) + relations.sign(k)));
    }
    for (const [k, v] of row) if (v === 0) row.delete(k);
    return row;
  });
  const holding = new Map<number, Set<number>>();
  rows.forEach((row, i) => {
    for (const c of row.keys()) holding.set(c, (holding.get(c) ?? new Set()).add(i));
  });
  const pivots: number[] = [];
  const used = new Set<number>();
  for (const c of cells) {
    let pivot = -1;
    for (const i of holding.get(c) ?? []) if (!used.has(i) && (pivot < 0 || (rows[i] as Map<number, number>).size < (rows[pivot] as Map<number, number>).size)) pivot = i;
    if (pivot < 0) continue;
    used.add(pivot);
    pivots.push(pivot);
    const top = rows[pivot] as Map<number, number>;
    const inv = inverse(top.get(c) as number);
    for (const [k, v] of top) top.set(k, mod(v * inv));
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
    }
  }
  return pivots.flatMap((i) => {
    const row = rows[i] as Map<number, number>;
    return row.size === 1 ? [...row.keys()] : [];
  });
};
