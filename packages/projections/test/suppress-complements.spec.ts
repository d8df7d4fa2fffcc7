import { complementarySuppression } from '../src/reports/suppress-complements';
import { suppressSubtree } from '../src';
import { packed } from './support/relations';

const sum = (total: number, parts: number[]) => ({ total, terms: [{ cell: total, coefficient: -1 as const }, ...parts.map((cell) => ({ cell, coefficient: 1 as const }))] });
const hiddenOf = (flags: boolean[]) => flags.flatMap((h, i) => (h ? [i] : []));

describe('complementary suppression (docs/disclosure-control.md)', () => {
  it('adds nothing where every relation already hides two cells', () => {
    // T = 12 = 5 + 4 + 3: the 4 and the 3 are small, and 12 − 5 gives only their sum.
    expect(hiddenOf(complementarySuppression({ values: [12, 5, 4, 3], relations: packed([sum(0, [1, 2, 3])]) }, [false, false, true, true]))).toEqual([2, 3]);
  });

  it('protects a lone small cell with the smallest non-zero other cell, a part before the total, not a published zero', () => {
    // T = 9 = 5 + 4 + 0: without a complement the 4 is 9 − 5 − 0.
    expect(hiddenOf(complementarySuppression({ values: [9, 5, 4, 0], relations: packed([sum(0, [1, 2, 3])]) }, [false, false, true, false]))).toEqual([1, 2]);
    // T = 11 = 4 + 7: the other part, though larger than 4, goes before the total.
    expect(hiddenOf(complementarySuppression({ values: [11, 4, 7], relations: packed([sum(0, [1, 2])]) }, [false, true, false]))).toEqual([1, 2]);
  });

  it('takes a zero only when nothing else is left, and never a cell outside its relation’s complements', () => {
    // stockAtStart + identified − cleared − stockAtEnd = 0 with 10 + 3 − 0 = 13; moves only as complements.
    const identity = { terms: [{ cell: 0, coefficient: 1 as const }, { cell: 1, coefficient: 1 as const }, { cell: 2, coefficient: -1 as const }, { cell: 3, coefficient: -1 as const }], complements: [1, 2] };
    expect(hiddenOf(complementarySuppression({ values: [10, 3, 0, 13], relations: packed([identity]) }, [false, true, false, false]))).toEqual([1, 2]);
  });

  it('follows a complement up the tree until no relation has one hidden cell', () => {
    // R = A + B, A = a1 + a2, a1 = 3 small: a2 = 8 is its complement; A's relation then hides two cells, R's none.
    const values = [30, 11, 19, 3, 8];
    expect(hiddenOf(complementarySuppression({ values, relations: packed([sum(0, [1, 2]), sum(1, [3, 4])]) }, [false, false, false, true, false]))).toEqual([3, 4]);
    // A = 3 and a1 = 3 small: A's relation hides two (a published a2 = 0 leaves A = a1, neither known); R's hides one, so B goes.
    expect(hiddenOf(complementarySuppression({ values: [22, 3, 19, 3, 0], relations: packed([sum(0, [1, 2]), sum(1, [3, 4])]) }, [false, true, false, true, false]))).toEqual([1, 2, 3]);
  });

  const clearanceRow = (division: string, baseline: number, target: number, baselineCleared: number) => ({
    division, year: 2016, baseline, cumulativeShare: 0.25, target, baselineCleared, achievement: target === 0 ? null : baselineCleared / target,
  });
  const underR = (c: string) => (c === 'R' ? null : 'R');

  it('suppresses a target with its baseline, and achievement with either', () => {
    const shut = suppressSubtree({ division: 'R', rows: [clearanceRow('R', 31, 8, 10), clearanceRow('A', 3, 1, 5), clearanceRow('B', 28, 7, 5)] }, underR, 5);
    const a = shut.rows[1] as Record<string, unknown>;
    expect([a['baseline'], a['target'], a['achievement']]).toEqual([null, null, null]);
    // B's baseline goes too, or 31 − 28 would give A's 3 and with it the target; and B's target with it, or 7 would bound 28.
    const b = shut.rows[2] as Record<string, unknown>;
    expect([b['baseline'], b['target'], b['achievement']]).toEqual([null, null, null]);
  });

  it('shows a target of 1 to 4 computed from a baseline it shows: a goal, not households (decision 176)', () => {
    const shut = suppressSubtree({ division: 'R', rows: [clearanceRow('R', 40, 10, 10), clearanceRow('A', 12, 3, 5), clearanceRow('B', 28, 7, 5)] }, underR, 5);
    const a = shut.rows[1] as Record<string, unknown>;
    expect([a['baseline'], a['target'], a['achievement'], a['suppressed']]).toEqual([12, 3, 5 / 3, []]);
  });
});
