import { suppressSubtree, SuppressionMemo, type ContributingHouseholds } from '../src';

/**
 * The second primary rule (decision 186), on tables written by hand: R = A + B, one count
 * `employed` of members, and beside it the households behind it in each division.
 */
const underR = (c: string) => (c === 'R' ? null : 'R');
const table = (r: number, a: number, b: number) => ({
  division: 'R', rows: [{ division: 'R', employed: r }, { division: 'A', employed: a }, { division: 'B', employed: b }],
});
const behind = (r: number, a: number, b: number): ContributingHouseholds => new Map([['R', { employed: r }], ['A', { employed: a }], ['B', { employed: b }]]);
const shown = (rows: readonly { employed: number | null }[]) => rows.map((row) => row.employed);

describe('disclosure control: the households behind a count (decision 186)', () => {
  it('hides a count of 7 with 2 households behind it, and a complement so that R − B does not give it', () => {
    // R 19 = A 7 + B 12: A has 2 households behind it (small), so B, the only other part, goes too
    expect(shown(suppressSubtree(table(19, 7, 12), underR, 5, behind(8, 2, 6)).rows)).toEqual([19, null, null]);
  });

  it('shows the same count with 5 households behind it, and a zero with none', () => {
    expect(shown(suppressSubtree(table(19, 7, 12), underR, 5, behind(11, 5, 6)).rows)).toEqual([19, 7, 12]);
    expect(shown(suppressSubtree(table(12, 0, 12), underR, 5, new Map<string, Record<string, number>>([['R', { employed: 6 }], ['A', {}], ['B', { employed: 6 }]])).rows)).toEqual([12, 0, 12]);
  });

  it('judges a table without households by its values alone, as before', () => {
    expect(shown(suppressSubtree(table(19, 7, 12), underR, 5).rows)).toEqual([19, 7, 12]);
    expect(shown(suppressSubtree(table(15, 3, 12), underR, 5).rows)).toEqual([15, null, null]);
  });

  it('refuses a table whose households leave a division out, rather than judge its row by value alone', () => {
    expect(() => suppressSubtree(table(19, 7, 12), underR, 5, new Map([['R', { employed: 8 }], ['A', { employed: 2 }]]))).toThrow(/division B/);
  });

  it('keeps apart, in the memo, equal tables with different households behind them', () => {
    const memo = new SuppressionMemo(4);
    const t = table(19, 7, 12);
    expect(shown(memo.subtree(t, underR, 5, behind(11, 5, 6)).rows)).toEqual([19, 7, 12]);
    expect(shown(memo.subtree(t, underR, 5, behind(8, 2, 6)).rows)).toEqual([19, null, null]);
    expect(shown(memo.subtree(table(19, 7, 12), underR, 5, behind(11, 5, 6)).rows)).toEqual([19, 7, 12]);
    expect(memo.reused).toBe(1);
  });
});
