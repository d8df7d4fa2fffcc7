import type { Relation } from './suppress-complements';

/**
 * The linear audit of a suppression pattern (docs/disclosure-control.md): which suppressed
 * cells some combination of the relations determines, although no single relation has
 * them alone (e.g. two monthly identities and a parent's total, added and subtracted).
 *
 * A cell x is determined iff the unit vector of x lies in the row space of the relations
 * restricted to the suppressed cells: after reduction to row echelon form, some row has x
 * as its only non-zero entry. Suppressed cells fall into groups that share relations;
 * each group up to `AUDITED_GROUP` cells is reduced on its own, densely, modulo a prime (the
 * relations' coefficients are ±1, so the rank is the rational one barring a freak multiple of
 * the prime). Larger groups are not audited: they are protected against subtraction only.
 * (A year's clearance tables of a large region make one group of tens of thousands of cells,
 * in which elimination does find determined cells, and complements chosen from their own
 * relations did not converge; docs/disclosure-control.md, "Limits".)
 */
export const AUDITED_GROUP = 400;

/** A prime small enough that a product of two residues is exact in a double. */
const P = 1_000_003;
const mod = (a: number): number => ((a % P) + P) % P;
const inverse = (a: number): number => {
  let [r0, r1, s0, s1] = [mod(a), P, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0);
};

/** The suppressed cells that the relations determine, in cell order. */
export const determinedCells = (relations: readonly Relation[], hidden: readonly boolean[]): number[] => {
  const parent = new Map<number, number>();
  const find = (c: number): number => {
    let r = c;
    while (parent.get(r) !== r) r = parent.get(r) as number;
    parent.set(c, r);
    return r;
  };
  const touching = relations.filter((r) => r.terms.some((t) => hidden[t.cell]));
  for (const r of touching)
    for (const t of r.terms) if (hidden[t.cell] && !parent.has(t.cell)) parent.set(t.cell, t.cell);
  for (const r of touching) {
    const cells = r.terms.filter((t) => hidden[t.cell]).map((t) => t.cell);
    for (const c of cells.slice(1)) parent.set(find(c), find(cells[0] as number));
  }
  const groups = new Map<number, { cells: number[]; relations: Relation[] }>();
  for (const c of [...parent.keys()].sort((a, b) => a - b)) {
    const root = find(c);
    const g = groups.get(root) ?? { cells: [], relations: [] };
    g.cells.push(c);
    groups.set(root, g);
  }
  for (const r of touching) groups.get(find((r.terms.find((t) => hidden[t.cell]) as { cell: number }).cell))?.relations.push(r);

  const out: number[] = [];
  for (const g of groups.values()) if (g.cells.length <= AUDITED_GROUP) out.push(...determinedIn(g.cells, g.relations, hidden));
  return out.sort((a, b) => a - b);
};

const determinedIn = (cells: readonly number[], relations: readonly Relation[], hidden: readonly boolean[]): number[] => {
  const column = new Map(cells.map((c, i) => [c, i]));
  const rows = relations.map((r) => {
    const row = new Array<number>(cells.length).fill(0);
    for (const t of r.terms) if (hidden[t.cell]) row[column.get(t.cell) as number] = mod((row[column.get(t.cell) as number] as number) + t.coefficient);
    return row;
  });
  let rank = 0;
  for (let c = 0; c < cells.length && rank < rows.length; c++) {
    const pivot = rows.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as number[], rows[rank] as number[]];
    const top = rows[rank] as number[];
    const inv = inverse(top[c] as number);
    for (let k = c; k < top.length; k++) top[k] = mod((top[k] as number) * inv);
    for (const [i, r] of rows.entries()) {
      const f = r[c] as number;
      if (i === rank || f === 0) continue;
      for (let k = c; k < r.length; k++) if (top[k] !== 0) r[k] = mod((r[k] as number) - f * (top[k] as number));
    }
    rank += 1;
  }
  const out: number[] = [];
  for (const r of rows.slice(0, rank)) {
    let only = -1;
    let count = 0;
    for (let k = 0; k < r.length && count < 2; k++) if (r[k] !== 0) [only, count] = [k, count + 1];
    if (count === 1) out.push(cells[only] as number);
  }
  return out;
};
