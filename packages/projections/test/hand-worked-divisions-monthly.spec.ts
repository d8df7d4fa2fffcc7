import type { MonthlyClearance } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { DIVISION_TREE, divisionHouseholds, divisionsContext } from './support/hand-worked-divisions';

type Moves = [stockAtStart: number, identified: number, cleared: number, relapsed: number, withdrawn: number, exempted: number, deregistered: number, stockAtEnd: number];
const row = (division: string, month: string, f: Moves): MonthlyClearance => ({
  division, month, stockAtStart: f[0], identified: f[1], cleared: f[2], relapsed: f[3], withdrawn: f[4], exempted: f[5], deregistered: f[6], stockAtEnd: f[7],
});
const still = (n: number): Moves => [n, 0, 0, 0, 0, 0, 0, n];

/**
 * The monthly dynamic clearance table (domain.md §5) at every level of the division tree of
 * support/hand-worked-divisions.ts, each row asked of the three implementations, which must
 * agree, and compared with the one worked out by hand. Every figure is a count of events of
 * the month (or of households in the stock) for the division's subtree, so a parent's row is
 * the sum of its children's, and the identity stockAtEnd = stockAtStart + identified +
 * relapsed − cleared − withdrawn − exempted − deregistered holds in every row.
 * x1 counts in V4 (county C2) in every month: its registration's division was corrected from
 * V2 to V4 on 2017-03-15, and decision 5 folds a correction as if the event had been recorded so.
 */
describe('a hand-worked region of divisions: the monthly dynamic clearance table at every level', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(divisionHouseholds.flat(), divisionsContext);
  });
  afterAll(() => answered.close());

  const monthly = (month: string, division: string) => agreedOn(answered, (r) => r.monthlyReport({ month, division }));
  const byChild = (month: string, division: string) => agreedOn(answered, (r) => r.monthlyReport({ month, division, byChild: true }));

  it('the region month by month, 2016-01 to 2017-04', () => {
    // Moves in and out of the stock (identified), by business date:
    //   in: d1 01-15, a1 02-01, e1 02-20, a2 03-01, b1 04-01, x1 05-01, c3 06-01, d2 06-10, c1 07-31, c2 08-15, e2 09-01,
    //       b1 relapsed 12-05, e1 relapsed 2017-02-20
    //   out: d1 cleared 03-15, e1 04-01, a1 05-10, b1 06-20, x1 08-10, a2 09-15, c2 10-20, b1 2017-04-10;
    //        c1 withdrew 10-10, d2 exempted 11-01, e2 deregistered 12-15 (each from `identified`)
    const expected: [string, Moves][] = [
      ['2016-01', [0, 1, 0, 0, 0, 0, 0, 1]], // d1
      ['2016-02', [1, 2, 0, 0, 0, 0, 0, 3]], // a1, e1
      ['2016-03', [3, 1, 1, 0, 0, 0, 0, 3]], // a2 in, d1 out
      ['2016-04', [3, 1, 1, 0, 0, 0, 0, 3]], // b1 in, e1 out
      ['2016-05', [3, 1, 1, 0, 0, 0, 0, 3]], // x1 in, a1 out
      ['2016-06', [3, 2, 1, 0, 0, 0, 0, 4]], // c3 and d2 in, b1 out
      ['2016-07', [4, 1, 0, 0, 0, 0, 0, 5]], // c1 in on the cutoff day
      ['2016-08', [5, 1, 1, 0, 0, 0, 0, 5]], // c2 in, x1 out
      ['2016-09', [5, 1, 1, 0, 0, 0, 0, 5]], // e2 in, a2 out
      ['2016-10', [5, 0, 1, 0, 1, 0, 0, 3]], // c2 cleared, c1 withdrew: 5 − 1 − 1 = 3 {c3, d2, e2}
      ['2016-11', [3, 0, 0, 0, 0, 1, 0, 2]], // d2 exempted
      ['2016-12', [2, 0, 0, 1, 0, 0, 1, 2]], // b1 relapsed, e2 deregistered: 2 + 1 − 1 = 2 {c3, b1}
      ['2017-01', still(2)],
      ['2017-02', [2, 0, 0, 1, 0, 0, 0, 3]], // e1 relapsed
      ['2017-03', still(3)],
      ['2017-04', [3, 0, 1, 0, 0, 0, 0, 2]], // b1 cleared again: {c3, e1}
    ];
    for (const [month, moves] of expected) expect(monthly(month, 'R')).toEqual(row('R', month, moves));
  });

  it('May 2016: x1 comes into the stock in V4 (county C2), where its corrected registration puts it', () => {
    // V1 {a1, a2} in the stock, a1 cleared 05-10 → 1; V2 {b1} → 1; V4: x1 identified 05-01 → 1; V3, V5 empty
    // (as registered, x1 would count in V2: C1 3 + 1 − 1 = 3 and C2 0)
    expect(byChild('2016-05', 'T1')).toEqual({ division: 'T1', month: '2016-05', rows: [row('V1', '2016-05', [2, 0, 1, 0, 0, 0, 0, 1]), row('V2', '2016-05', still(1))] });
    expect(byChild('2016-05', 'T3')).toEqual({ division: 'T3', month: '2016-05', rows: [row('V4', '2016-05', [0, 1, 0, 0, 0, 0, 0, 1]), row('V5', '2016-05', still(0))] });
    // C1 = T1 (3 − 1 = 2) + T2 (0); C2 = T3
    expect(byChild('2016-05', 'P1')).toEqual({ division: 'P1', month: '2016-05', rows: [row('C1', '2016-05', [3, 0, 1, 0, 0, 0, 0, 2]), row('C2', '2016-05', [0, 1, 0, 0, 0, 0, 0, 1])] });
  });

  it('August 2016: x1\'s clearance leaves C2\'s stock, c2\'s identification enters C1\'s', () => {
    // V3 {c3, c1} + c2 identified 08-15 → 3; V4 {x1, d2}, x1 cleared 08-10 → 1; V1 {a2} → 1
    expect(byChild('2016-08', 'C1')).toEqual({ division: 'C1', month: '2016-08', rows: [row('T1', '2016-08', still(1)), row('T2', '2016-08', [2, 1, 0, 0, 0, 0, 0, 3])] });
    expect(monthly('2016-08', 'V4')).toEqual(row('V4', '2016-08', [2, 0, 1, 0, 0, 0, 0, 1]));
    // C1 1 + 2 = 3 + 1 = 4; C2 2 − 1 = 1; P1 = R: 5 + 1 − 1 = 5
    expect(byChild('2016-08', 'P1')).toEqual({ division: 'P1', month: '2016-08', rows: [row('C1', '2016-08', [3, 1, 0, 0, 0, 0, 0, 4]), row('C2', '2016-08', [2, 0, 1, 0, 0, 0, 0, 1])] });
    expect(monthly('2016-08', 'P1')).toEqual(row('P1', '2016-08', [5, 1, 1, 0, 0, 0, 0, 5]));
  });

  it('October to December 2016: each exit from the stock is counted in the household\'s village, township and county', () => {
    // October, V3 {c3, c1, c2}: c2 cleared 10-20, c1 withdrew 10-10 → 3 − 1 − 1 = 1; T1 is empty (a2 cleared in September)
    expect(byChild('2016-10', 'C1')).toEqual({ division: 'C1', month: '2016-10', rows: [row('T1', '2016-10', still(0)), row('T2', '2016-10', [3, 0, 1, 0, 1, 0, 0, 1])] });
    // November, V4 {d2} exempted 11-01 → 0; V5 {e2} unchanged; C2 = 2 − 1 = 1
    expect(byChild('2016-11', 'T3')).toEqual({ division: 'T3', month: '2016-11', rows: [row('V4', '2016-11', [1, 0, 0, 0, 0, 1, 0, 0]), row('V5', '2016-11', still(1))] });
    // December, V2: b1 relapsed 12-05 → 0 + 1 = 1; V5: e2 deregistered 12-15 → 1 − 1 = 0; V3 {c3} 1
    expect(byChild('2016-12', 'T1')).toEqual({ division: 'T1', month: '2016-12', rows: [row('V1', '2016-12', still(0)), row('V2', '2016-12', [0, 0, 0, 1, 0, 0, 0, 1])] });
    expect(monthly('2016-12', 'V5')).toEqual(row('V5', '2016-12', [1, 0, 0, 0, 0, 0, 1, 0]));
    // C1: 1 + 1 = 2; C2: 1 − 1 = 0
    expect(byChild('2016-12', 'P1')).toEqual({ division: 'P1', month: '2016-12', rows: [row('C1', '2016-12', [1, 0, 0, 1, 0, 0, 0, 2]), row('C2', '2016-12', [1, 0, 0, 0, 0, 0, 1, 0])] });
  });

  it('2017: a relapse in C2 in February, a clearance in C1 in April', () => {
    // February: e1 relapsed 02-20 in V5 → C2 0 + 1 = 1; C1 {b1, c3} unchanged
    expect(byChild('2017-02', 'P1')).toEqual({ division: 'P1', month: '2017-02', rows: [row('C1', '2017-02', still(2)), row('C2', '2017-02', [0, 0, 0, 1, 0, 0, 0, 1])] });
    // April: b1 cleared 04-10 in V2 → T1 1 − 1 = 0
    expect(monthly('2017-04', 'T1')).toEqual(row('T1', '2017-04', [1, 0, 1, 0, 0, 0, 0, 0]));
  });

  it('keeps its identity in every division every month, and every parent\'s row is the sum of its children\'s', () => {
    const months = ['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08', '2016-09', '2016-10', '2016-11', '2016-12', '2017-01', '2017-02', '2017-03', '2017-04'];
    const parents = DIVISION_TREE.filter((d) => d.level !== 'village').map((d) => d.code);
    const figures = ['stockAtStart', 'identified', 'cleared', 'relapsed', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'] as const;
    for (const month of months)
      for (const division of parents) {
        const parent = monthly(month, division);
        const { rows } = byChild(month, division);
        for (const r of [parent, ...rows])
          expect(r.stockAtEnd).toBe(r.stockAtStart + r.identified + r.relapsed - r.cleared - r.withdrawn - r.exempted - r.deregistered);
        for (const f of figures) expect([division, month, f, rows.reduce((s, r) => s + r[f], 0)]).toEqual([division, month, f, parent[f]]);
      }
  });

  it('starts each month, in every division, with the stock the month before ended with (nobody moves between villages here)', () => {
    // The only division correction (x1's) amends the registration itself: x1 has been in V4 from the start, so no
    // division's stock jumps between months; across the year end included (2016-12 → 2017-01)
    const months = ['2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08', '2016-09', '2016-10', '2016-11', '2016-12', '2017-01', '2017-02', '2017-03', '2017-04'];
    for (const { code } of DIVISION_TREE)
      for (let i = 1; i < months.length; i += 1)
        expect([code, months[i], monthly(months[i] as string, code).stockAtStart]).toEqual([code, months[i], monthly(months[i - 1] as string, code).stockAtEnd]);
    // and the region starts with nobody in the stock: d1, the first, is identified on 2016-01-15
    expect(monthly('2016-01', 'R').stockAtStart).toBe(0);
  });
});
