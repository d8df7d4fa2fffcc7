import { monthsOf, suppressClearanceYear, suppressSubtree, SuppressionMemo, type ClearanceYear, type SubtreeReport } from '../src';

/**
 * The memo hands back the suppression already worked out for exactly the same tables,
 * parents and threshold, and works it out again when any of them differs: it may save
 * time, never change an answer.
 */

type Row = { division: string; households: number; members: number };
const PARENT: Record<string, string | undefined> = { R: undefined, A: 'R', B: 'R', A1: 'A', A2: 'A', B1: 'B' };
const parentOf = (code: string): string | undefined => PARENT[code];

const table = (counts: Record<string, number>): SubtreeReport<Row> => {
  const leaf = (c: string): number => counts[c] ?? 0;
  const a = leaf('A1') + leaf('A2');
  const b = leaf('B1');
  const rows: Row[] = [
    { division: 'R', households: a + b, members: 2 * (a + b) },
    { division: 'A', households: a, members: 2 * a },
    { division: 'A1', households: leaf('A1'), members: 2 * leaf('A1') },
    { division: 'A2', households: leaf('A2'), members: 2 * leaf('A2') },
    { division: 'B', households: b, members: 2 * b },
    { division: 'B1', households: b, members: 2 * b },
  ];
  return { division: 'R', rows };
};

describe('the suppression memo', () => {
  it('reuses the answer for the same tables (also a fresh copy of them) and equals suppression done afresh', () => {
    const memo = new SuppressionMemo(4);
    const first = memo.subtree(table({ A1: 2, A2: 40, B1: 30 }), parentOf, 5);
    const again = memo.subtree(table({ A1: 2, A2: 40, B1: 30 }), parentOf, 5);
    expect(memo.reused).toBe(1);
    expect(again).toBe(first);
    expect(first).toEqual(suppressSubtree(table({ A1: 2, A2: 40, B1: 30 }), parentOf, 5));
    expect(first.rows.find((r) => r.division === 'A1')?.households).toBeNull();
  });

  it('works it out again when a figure, a parent or the threshold differs', () => {
    const memo = new SuppressionMemo(8);
    memo.subtree(table({ A1: 2, A2: 40, B1: 30 }), parentOf, 5);
    const changed = memo.subtree(table({ A1: 20, A2: 40, B1: 30 }), parentOf, 5);
    expect(changed).toEqual(suppressSubtree(table({ A1: 20, A2: 40, B1: 30 }), parentOf, 5));
    expect(changed.rows.find((r) => r.division === 'A1')?.households).toBe(20);
    const moved = (code: string): string | undefined => (code === 'A2' ? 'B' : parentOf(code));
    expect(memo.subtree(table({ A1: 20, A2: 40, B1: 30 }), moved, 5)).toEqual(suppressSubtree(table({ A1: 20, A2: 40, B1: 30 }), moved, 5));
    const stricter = memo.subtree(table({ A1: 20, A2: 40, B1: 30 }), parentOf, 25);
    expect(stricter).toEqual(suppressSubtree(table({ A1: 20, A2: 40, B1: 30 }), parentOf, 25));
    expect(stricter.rows.find((r) => r.division === 'A1')?.households).toBeNull();
    expect(memo.reused).toBe(0);
  });

  it('keeps a clearance year apart from a single table, and forgets the least recently used beyond its capacity', () => {
    const memo = new SuppressionMemo(1);
    const year: ClearanceYear<Row, Row> = { annual: table({ A1: 3, A2: 12, B1: 30 }), months: monthsOf(2018).map(() => table({ A1: 1, A2: 1, B1: 2 })) };
    expect(memo.clearanceYear(year, parentOf, 5)).toEqual(suppressClearanceYear(year, parentOf, 5));
    memo.subtree(year.annual, parentOf, 5);
    memo.clearanceYear(year, parentOf, 5);
    expect(memo.reused).toBe(0);
    memo.clearanceYear(year, parentOf, 5);
    expect(memo.reused).toBe(1);
  });

  it('keeps a clearance year apart by the households behind its counts, table by table (decision 186)', () => {
    const memo = new SuppressionMemo(4);
    const year: ClearanceYear<Row, Row> = { annual: table({ A1: 10, A2: 40, B1: 30 }), months: monthsOf(2018).map(() => table({ A1: 10, A2: 40, B1: 30 })) };
    const many = new Map(year.annual.rows.map((r) => [r.division, { members: 50 }]));
    // A1's 20 members of March from two households: small by the second rule.
    const fewInMarch = new Map([...many].map(([division, behind]) => [division, division === 'A1' ? { members: 2 } : behind]));
    const households = (march: typeof many) => ({ annual: many, months: monthsOf(2018).map((_, m) => (m === 2 ? march : many)) });
    const a1InMarch = (y: ClearanceYear<{ division: string; members: number | null }, { division: string; members: number | null }>) =>
      y.months[2]?.rows.find((r) => r.division === 'A1')?.members;
    expect(a1InMarch(memo.clearanceYear(year, parentOf, 5))).toBe(20);
    expect(a1InMarch(memo.clearanceYear(year, parentOf, 5, households(many)))).toBe(20);
    const few = memo.clearanceYear(year, parentOf, 5, households(fewInMarch));
    expect(a1InMarch(few)).toBeNull();
    expect(few).toEqual(suppressClearanceYear(year, parentOf, 5, households(fewInMarch)));
    expect(memo.reused).toBe(0);
    expect(memo.clearanceYear(year, parentOf, 5, households(fewInMarch))).toBe(few);
    expect(memo.reused).toBe(1);
  });

  it('knows the very same tables under the same parentOf without hashing their rows again, and never answers another threshold or tree from it', () => {
    const memo = new SuppressionMemo(4);
    const shared = table({ A1: 2, A2: 40, B1: 30 });
    let rowsRead = 0;
    // Counts every read of a row's figures: hashing the key reads each row once.
    const watched: SubtreeReport<Row> = {
      division: shared.division,
      rows: shared.rows.map((r) => new Proxy(r, { get: (row, k, recv) => { if (k === 'households') rowsRead += 1; return Reflect.get(row, k, recv); } })),
    };
    const first = memo.subtree(watched, parentOf, 5);
    const afterFirst = rowsRead;
    expect(memo.subtree(watched, parentOf, 5)).toBe(first);
    expect(rowsRead).toBe(afterFirst);
    expect(memo.reused).toBe(1);
    // Another parentOf (another tree) or threshold on the same objects: hashed, and worked out for its own inputs.
    const moved = (code: string): string | undefined => (code === 'A2' ? 'B' : parentOf(code));
    expect(memo.subtree(watched, moved, 5)).toEqual(suppressSubtree(shared, moved, 5));
    expect(memo.subtree(watched, parentOf, 25)).toEqual(suppressSubtree(shared, parentOf, 25));
    expect(rowsRead).toBeGreaterThan(afterFirst);
    expect(memo.reused).toBe(1);
  });
});
