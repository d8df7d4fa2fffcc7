import { complementarySuppression } from '../src/reports/suppress-complements';
import { givesAway } from '../src/reports/relation-gives-away';
import { packed } from './support/relations';

/**
 * Counts are never negative, so a sum whose published total leaves 0 for its suppressed parts
 * gives each away as 0, and with it whatever that 0 was to protect (decision 200). Cells in
 * `identity`: stockAtStart, identified, cleared, withdrawn, stockAtEnd of one division's month.
 */
const sum = (total: number, parts: number[]) => ({ total, terms: [{ cell: total, coefficient: -1 as const }, ...parts.map((cell) => ({ cell, coefficient: 1 as const }))] });
const identity = (start: number, identified: number, cleared: number, withdrawn: number | undefined, end: number) => ({
  terms: [
    { cell: start, coefficient: 1 as const }, { cell: identified, coefficient: 1 as const }, { cell: cleared, coefficient: -1 as const },
    ...(withdrawn === undefined ? [] : [{ cell: withdrawn, coefficient: -1 as const }]), { cell: end, coefficient: -1 as const },
  ],
  complements: withdrawn === undefined ? [identified, cleared] : [identified, cleared, withdrawn],
});
const hiddenOf = (flags: boolean[]) => flags.flatMap((h, i) => (h ? [i] : []));
const flags = (cells: number, hidden: number[]) => Array.from({ length: cells }, (_, i) => hidden.includes(i));

describe('a relation gives a suppressed cell away', () => {
  // T = a + b + c: T = 5, a = 5 published.
  const relations = packed([sum(0, [1, 2, 3])]);
  const values = [5, 5, 0, 0];

  it('when it has one, or when its suppressed cells are zeros of one sign', () => {
    expect(givesAway(relations, 0, values, flags(4, [2]))).toBe(true);
    // b + c = 5 − 5 = 0, and neither is negative.
    expect(givesAway(relations, 0, values, flags(4, [2, 3]))).toBe(true);
  });

  it('not when they are of both signs or one is not 0', () => {
    // T − b − c = 5 − 0: T is not known, so neither is b + c.
    expect(givesAway(relations, 0, values, flags(4, [0, 2, 3]))).toBe(false);
    expect(givesAway(relations, 0, values, flags(4, [1, 2]))).toBe(false);
    expect(givesAway(relations, 0, values, flags(4, []))).toBe(false);
  });
});

describe('complementary suppression never protects with a zero a published zero pins', () => {
  it('takes a zero no zero total pins before one it does', () => {
    // Region identified 0 = A's 0 + B's 0; A's month: 10 + 0 − 2 − 0 = 8 with cleared = 2 small. A's identified is
    // the earlier zero, but the region's 0 gives it away, and cleared with it: A's withdrawn goes instead.
    const values = [0, 0, 0, 10, 2, 0, 8];
    const relations = packed([sum(0, [1, 2]), identity(3, 1, 4, 5, 6)]);
    expect(hiddenOf(complementarySuppression({ values, relations }, flags(7, [4])))).toEqual([4, 5]);
  });

  it('hides the zero total too when a pinned zero is all that is left, never a zero beside it', () => {
    // As above without withdrawn: A's identified must go, then B's 0 would leave region 0 = two hidden zeros, each 0;
    // the region's 0 goes (its own relations would then protect it in turn).
    const values = [0, 0, 0, 10, 2, 8];
    const relations = packed([sum(0, [1, 2]), identity(3, 1, 4, undefined, 5)]);
    expect(hiddenOf(complementarySuppression({ values, relations }, flags(6, [4])))).toEqual([0, 1, 4]);
  });

  it('protects a hidden zero with a cell of the other sign or a non-zero one', () => {
    // T = 7 = a 7 + b 0 + c 0, and b is hidden (as some other relation's complement): c would leave b + c = 0; a goes.
    const relations = packed([sum(0, [1, 2, 3])]);
    expect(hiddenOf(complementarySuppression({ values: [7, 7, 0, 0], relations }, flags(4, [2])))).toEqual([1, 2]);
    // T = 0: every part is 0, so only the total protects.
    expect(hiddenOf(complementarySuppression({ values: [0, 0, 0, 0], relations }, flags(4, [2])))).toEqual([0, 2]);
  });
});
