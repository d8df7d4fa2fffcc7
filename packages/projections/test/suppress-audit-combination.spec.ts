import { determinedCells } from '../src/reports/suppress-audit';
import { complementarySuppression } from '../src/reports/suppress-complements';
import { packed } from './support/relations';

const hiddenOf = (flags: boolean[]) => flags.flatMap((h, i) => (h ? [i] : []));
const term = (cell: number, coefficient: 1 | -1) => ({ cell, coefficient });

/**
 * The linear audit's complement for a cell that a combination of relations determines while
 * its own relations have nothing left to hide but stocks (docs/disclosure-control.md, "The
 * linear audit"). Cells: 0 x, 1 a, 2 b (x, a and b hidden), 3 s1 and 4 s2 (stocks, never a
 * complement), 5 m (a move).
 *
 *   x's own relation:  x = a + b + s1
 *   another relation:  a + b = m + s2
 *
 * Neither has one unknown, but their sum does: x = s1 + m + s2. x's own relation has only
 * the stock s1 left to hide.
 */
const X = 0;
const M = 5;
const STOCKS = new Set([3, 4]);
const OWN = { terms: [term(0, 1), term(1, -1), term(2, -1), term(3, -1)] };
const primary = [true, true, true, false, false, false];

describe('the linear audit, when a cell’s own relations have nothing left to hide but stocks', () => {
  it('hides a published cell of the sum that determines it, never a stock, and then nothing determines it', () => {
    const relations = packed([OWN, { terms: [term(1, 1), term(2, 1), term(5, -1), term(4, -1)] }]);
    expect(determinedCells(relations, primary)).toEqual([X]);
    const hidden = complementarySuppression({ values: [20, 3, 4, 13, 5, 2], relations, ownFigureOnly: STOCKS }, primary);
    expect(hiddenOf(hidden)).toEqual([0, 1, 2, M]);
    expect(determinedCells(relations, hidden)).toEqual([]);
  });

  it('stops with the cell still determined when that sum has nothing but stocks either (the documented limit)', () => {
    // a + b = s2: x = s1 + s2, from stocks alone.
    const relations = packed([OWN, { terms: [term(1, 1), term(2, 1), term(4, -1)] }]);
    const hidden = complementarySuppression({ values: [20, 3, 4, 13, 7], relations, ownFigureOnly: STOCKS }, [true, true, true, false, false]);
    expect(hiddenOf(hidden)).toEqual([0, 1, 2]);
    expect(determinedCells(relations, hidden)).toEqual([X]);
  });
});
