import type { RelationSet } from './relation-set';
import { type Combination, combinationsDetermining, determinedCells } from './suppress-audit';
import { ends, givesAway, suppressedZeros } from './relation-gives-away';
import { mod } from './residues';

/**
 * Complementary ("secondary") suppression over a grid of cells (docs/disclosure-control.md).
 * A published relation Σ coefficient × cell = 0 gives a suppressed cell away when it has
 * exactly one, or when its suppressed cells are all zeros of one sign (counts are never
 * negative: relation-gives-away.ts); so, until no relation gives one away, each that does has
 * a further cell suppressed, among those that end it: the smallest non-zero one (a published
 * 0 is exact, so a 0 is taken only when nothing else is left, one that no zero total pins
 * first), a relation's total after its parts, the earliest cell on a tie. Then a linear audit
 * (suppress-audit.ts) finds cells that a combination of relations still determines, and each
 * gets a complement from one of its relations, or, when those have nothing left to hide but
 * stocks, from the combination that determines it; and again until neither finds anything. Deterministic: the same values and relations in the same
 * order give the same cells, whoever asks.
 */

export interface CellGrid {
  readonly values: readonly number[];
  /** The linear identities every published table satisfies (Σ sign × value = 0), packed (relation-set.ts). */
  readonly relations: RelationSet;
  /** Cells that are suppressed together or not at all (a target and the baseline it is computed from). */
  readonly together?: readonly (readonly number[])[];
  /**
   * Cells the audit never picks as a complement: a stock, whose fate must depend on the
   * stocks of its date alone (suppress-relations.ts).
   */
  readonly ownFigureOnly?: ReadonlySet<number>;
}

/** The cells to suppress: `primary` and enough complements that no relation has exactly one. */
export const complementarySuppression = (grid: CellGrid, primary: readonly boolean[]): boolean[] => {
  const { values, relations } = grid;
  const out = values.map((_, i) => primary[i] === true);
  const relationsOf = relationIndex(relations, values.length);
  const groupsOf = new Map<number, (readonly number[])[]>();
  for (const group of grid.together ?? []) for (const cell of group) groupsOf.set(cell, [...(groupsOf.get(cell) ?? []), group]);

  // A FIFO of relations to look at: every one once, then each again whenever one of its cells goes.
  const queue: number[] = Array.from({ length: relations.count }, (_, r) => r);
  const queued = new Uint8Array(relations.count).fill(1);
  const hide = (cell: number): void => {
    if (out[cell]) return;
    out[cell] = true;
    for (const r of relationsOf(cell))
      if (queued[r] === 0) {
        queued[r] = 1;
        queue.push(r);
      }
    for (const group of groupsOf.get(cell) ?? []) for (const other of group) hide(other);
  };
  if (groupsOf.size > 0) for (let cell = 0; cell < out.length; cell++) if (out[cell]) for (const group of groupsOf.get(cell) ?? []) for (const other of group) hide(other);

  /**
   * A 0 that a sum whose total is a published 0 pins: suppressed, it keeps that sum giving it
   * away until the total goes too, and so on up. Taken after any other 0.
   */
  const pinned = (cell: number): boolean => {
    for (const r of relationsOf(cell)) {
      const total = relations.total(r);
      if (total >= 0 && total !== cell && values[total] === 0 && !out[total]) return true;
    }
    return false;
  };

  let head = 0;
  const close = (): void => {
    for (; head < queue.length; head++) {
      const r = queue[head] as number;
      queued[r] = 0;
      if (!givesAway(relations, r, values, out)) continue;
      const pick = complementOf(relations, r, values, out, pinned);
      // Every relation has cells of both signs among those it may hide (a total and its parts; moves in and out).
      if (pick === undefined) throw new Error(`relation ${r} gives a suppressed cell away and has no cell left that protects it`);
      hide(pick);
    }
  };
  close();
  for (let determined = determinedCells(relations, out); determined.length > 0; determined = determinedCells(relations, out)) {
    const picks = determined.map((cell) => auditComplementOf(relationsOf(cell), grid, out, pinned));
    // A cell whose own relations have nothing left to hide but stocks: a cell of the sum that pins it.
    const stuck = determined.filter((_, i) => picks[i] === undefined);
    if (stuck.length > 0) {
      const sums = combinationsDetermining(relations, out, stuck);
      determined.forEach((cell, i) => {
        const sum = sums.get(cell);
        if (picks[i] === undefined && sum !== undefined) picks[i] = combinationComplementOf(sum, grid, out, pinned);
      });
    }
    if (picks.every((p) => p === undefined)) break; // nothing left to suppress but stocks: see docs, "Limits"
    for (const p of picks) if (p !== undefined) hide(p);
    close();
  }
  return out;
};

/**
 * The relations each cell is a term of, in relation order, as one index in two typed arrays
 * (each cell's run of relation numbers, and where each run starts): a year's tables of the
 * whole region are ~2 million cells, for which a map of small arrays took hundreds of MB.
 */
const relationIndex = (relations: RelationSet, cells: number): ((cell: number) => Int32Array) => {
  const start = new Int32Array(cells + 1);
  const terms = relations.start(relations.count);
  for (let k = 0; k < terms; k++) {
    const cell = relations.cell(k);
    if (!(cell >= 0 && cell < cells)) throw new RangeError(`a relation names cell ${cell}, outside the grid's ${cells}`);
    start[cell + 1] = (start[cell + 1] as number) + 1;
  }
  for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const members = new Int32Array(start[cells] as number);
  const next = start.slice(0, cells);
  for (let r = 0; r < relations.count; r++)
    for (let k = relations.start(r); k < relations.start(r + 1); k++) {
      const cell = relations.cell(k);
      members[(next[cell] as number)++] = r;
    }
  return (cell) => members.subarray(start[cell] as number, start[cell + 1] as number);
};

/** For a cell a combination of relations determines: the best published cell of any of its relations (never an own-figure-only cell). */
const auditComplementOf = (relationIds: Int32Array, grid: CellGrid, out: readonly boolean[], pinned: (cell: number) => boolean): number | undefined => {
  let best: number | undefined;
  let bestTotal = -1;
  for (const r of relationIds) {
    const pick = complementOf(grid.relations, r, grid.values, out, pinned, grid.ownFigureOnly);
    if (pick === undefined) continue;
    const total = grid.relations.total(r);
    if (best === undefined || precedes(pick, total, best, bestTotal, grid.values, pinned)) [best, bestTotal] = [pick, total];
  }
  return best;
};

/**
 * For a cell determined by a combination of relations although its own relations have
 * nothing left to hide but stocks: the best published cell (by `precedes`, no relation's
 * total preferred) whose coefficient in the combination's sum is not 0, never an
 * own-figure-only cell. Hiding it leaves that sum with two unknowns.
 */
const combinationComplementOf = (sum: Combination, grid: CellGrid, out: readonly boolean[], pinned: (cell: number) => boolean): number | undefined => {
  const { relations, values } = grid;
  const coefficients = new Map<number, number>();
  for (const [r, f] of sum)
    for (let k = relations.start(r); k < relations.start(r + 1); k++) {
      const cell = relations.cell(k);
      if (!out[cell]) coefficients.set(cell, mod((coefficients.get(cell) ?? 0) + f * relations.sign(k)));
    }
  let best: number | undefined;
  for (const [cell, coefficient] of coefficients)
    if (coefficient !== 0 && !grid.ownFigureOnly?.has(cell) && (best === undefined || precedes(cell, -1, best, -1, values, pinned))) best = cell;
  return best;
};

/**
 * The published cell that protects relation r's suppressed cells best (see the file comment):
 * of the cells it may hide, leaving out `barred` ones and zeros that would leave it giving a
 * cell away all the same (relation-gives-away.ts).
 */
const complementOf = (
  relations: RelationSet, r: number, values: readonly number[], out: readonly boolean[], pinned: (cell: number) => boolean, barred?: ReadonlySet<number>,
): number | undefined => {
  const total = relations.total(r);
  const zeros = suppressedZeros(relations, r, values, out);
  const named = relations.namesComplements(r);
  const mayHide = (c: number): boolean => {
    if (!named) return true;
    for (let k = relations.complementStart(r); k < relations.complementStart(r + 1); k++) if (relations.complementCell(k) === c) return true;
    return false;
  };
  let best: number | undefined;
  for (let k = relations.start(r); k < relations.start(r + 1); k++) {
    const c = relations.cell(k);
    if (out[c] || barred?.has(c) || !mayHide(c) || !ends(zeros, values[c] as number, relations.sign(k))) continue;
    if (best === undefined || precedes(c, total, best, total, values, pinned)) best = c;
  }
  return best;
};

/**
 * Whether cell a (of a relation whose total is totalA, -1 for none) protects before cell b:
 * a non-zero value before a zero, then the smaller value, then a zero no zero total pins
 * before one it does, then a part before its relation's total, then the earlier cell.
 */
const precedes = (a: number, totalA: number, b: number, totalB: number, values: readonly number[], pinned: (cell: number) => boolean): boolean => {
  const [va, vb] = [values[a] as number, values[b] as number];
  if ((va === 0) !== (vb === 0)) return vb === 0;
  if (va !== vb) return va < vb;
  if (va === 0) {
    const [pa, pb] = [pinned(a), pinned(b)];
    if (pa !== pb) return pb;
  }
  const [ta, tb] = [a === totalA, b === totalB];
  if (ta !== tb) return tb;
  return a < b;
};
