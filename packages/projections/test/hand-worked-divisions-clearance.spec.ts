import type { AnnualClearance } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { divisionHouseholds, divisionsContext } from './support/hand-worked-divisions';

type Figures = [baseline: number, target: number, baselineCleared: number, underReview: number, achievement: number | null,
  identified: number, cleared: number, relapsed: number, stockAtEnd: number, withdrawn: number, exempted: number, deregistered: number];

/** A row of the annual clearance, its figures in the order of domain.md §5. */
const row = (division: string, year: number, cumulativeShare: number, f: Figures): AnnualClearance => ({
  division, year, baseline: f[0], cumulativeShare, target: f[1], baselineCleared: f[2], underReview: f[3], achievement: f[4],
  identifiedInYear: f[5], clearedInYear: f[6], relapsedInYear: f[7], stockAtEnd: f[8], withdrawnInYear: f[9], exemptedInYear: f[10], deregisteredInYear: f[11],
});

/**
 * The annual clearance at every level of the division tree (support/hand-worked-divisions.ts:
 * R > P1 > {C1 > {T1 > {V1, V2}, T2 > {V3}}, C2 > T3 > {V4, V5}}), each row asked of the three
 * implementations, which must agree, and compared with the one worked out by hand. domain.md §5
 * defines every figure but the target and the achievement as a count of households (or events)
 * "for a division D and its subtree": those add up from children to parents. §3 defines
 * target(D, Y) = ceil(baseline(D) × cumulativeShare(Y)) per division, so a parent's target is
 * worked from the parent's baseline, never the sum of its children's targets, and its
 * achievement is its own baselineCleared over that target.
 *
 * x1 was registered in V2 and its registration's division corrected to V4 on 2017-03-15:
 * decision 5 folds the correction "as if the event had been recorded with the amended data",
 * so x1 counts in V4 (county C2) in every year, 2016 included.
 */
describe('a hand-worked region of divisions: the annual clearance at every level', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(divisionHouseholds.flat(), divisionsContext);
  });
  afterAll(() => answered.close());

  const clearance = (year: number, division: string) => agreedOn(answered, (r) => r.clearanceReport({ year, division }));
  const byChild = (year: number, division: string) => agreedOn(answered, (r) => r.clearanceReport({ year, division, byChild: true }));

  // End of 2016, by household: baseline = first identified on or before 2016-07-31.
  //   a1 V1 baseline, cleared                  a2 V1 baseline, cleared with a concern open (12-01 to 2017-03-01)
  //   b1 V2 baseline, identified (relapsed 12-05)   x1 V4 baseline, cleared
  //   c1 V3 baseline (07-31), withdrawn        c2 V3 not baseline (08-15), cleared       c3 V3 baseline, identified
  //   d1 V4 baseline, cleared                  d2 V4 baseline, exempted
  //   e1 V5 baseline, cleared                  e2 V5 not baseline (09-01), deregistered
  // In 2016: every household identified once; cleared a1 a2 b1 x1 c2 d1 e1; relapsed b1; withdrew c1; exempted d2; deregistered e2.
  // [baseline, target, baselineCleared, underReview, achievement, identified, cleared, relapsed, stockAtEnd, withdrawn, exempted, deregistered]
  const v2016: Record<string, Figures> = {
    // {a1, a2}: target ceil(2 × 0.25) = ceil(0.5) = 1; a1 cleared → 1 / 1 = 1; a2 under review
    V1: [2, 1, 1, 1, 1, 2, 2, 0, 0, 0, 0, 0],
    // {b1}: target ceil(0.25) = 1; b1 relapsed → 0 / 1 = 0 and in the stock
    V2: [1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0],
    // {c1, c2, c3}: baseline c1 c3 = 2, target ceil(0.5) = 1; c2 cleared but not baseline → 0 / 1 = 0; stock c3
    V3: [2, 1, 0, 0, 0, 3, 1, 0, 1, 1, 0, 0],
    // {x1, d1, d2}: target ceil(3 × 0.25) = ceil(0.75) = 1; x1 and d1 cleared → 2 / 1 = 2
    V4: [3, 1, 2, 0, 2, 3, 2, 0, 0, 0, 1, 0],
    // {e1, e2}: baseline e1, target 1; e1 cleared → 1 / 1 = 1
    V5: [1, 1, 1, 0, 1, 2, 1, 0, 0, 0, 0, 1],
  };

  it('2016, each village: x1 counts in V4, where its corrected registration puts it', () => {
    for (const village of ['V1', 'V2', 'V3', 'V4', 'V5']) expect(clearance(2016, village)).toEqual(row(village, 2016, 0.25, v2016[village] as Figures));
  });

  it('2016, townships: counts are the sums of their villages, the target is worked from the township\'s own baseline', () => {
    // T1 = V1 + V2: baseline 2 + 1 = 3, target ceil(3 × 0.25) = ceil(0.75) = 1 (the villages' targets add up to 2);
    //   baselineCleared 1 + 0 = 1, achievement 1 / 1 = 1; identified 2 + 1 = 3; cleared 2 + 1 = 3; relapsed 1; stock 1
    expect(byChild(2016, 'T1')).toEqual({ division: 'T1', year: 2016, rows: [row('V1', 2016, 0.25, v2016.V1 as Figures), row('V2', 2016, 0.25, v2016.V2 as Figures)] });
    expect(clearance(2016, 'T1')).toEqual(row('T1', 2016, 0.25, [3, 1, 1, 1, 1, 3, 3, 1, 1, 0, 0, 0]));
    // T2 has one village: V3's figures
    expect(clearance(2016, 'T2')).toEqual(row('T2', 2016, 0.25, v2016.V3 as Figures));
    // T3 = V4 + V5: baseline 3 + 1 = 4, target ceil(4 × 0.25) = 1 (villages: 1 + 1 = 2); baselineCleared 2 + 1 = 3,
    //   achievement 3 / 1 = 3; identified 3 + 2 = 5; cleared 2 + 1 = 3; exempted d2, deregistered e2
    expect(clearance(2016, 'T3')).toEqual(row('T3', 2016, 0.25, [4, 1, 3, 0, 3, 5, 3, 0, 0, 0, 1, 1]));
  });

  it('2016, counties and above: a county\'s target is ceil of its own baseline, and the region\'s achievement is its own ratio', () => {
    // C1 = T1 + T2: baseline 3 + 2 = 5, target ceil(5 × 0.25) = ceil(1.25) = 2 (townships 1 + 1 = 2, villages 1 + 1 + 1 = 3);
    //   baselineCleared 1 + 0 = 1, underReview 1, achievement 1 / 2 = 0.5; identified 3 + 3 = 6; cleared 3 + 1 = 4;
    //   relapsed 1; stock b1 c3 = 2; withdrawn c1
    const c1 = row('C1', 2016, 0.25, [5, 2, 1, 1, 0.5, 6, 4, 1, 2, 1, 0, 0]);
    const c2 = row('C2', 2016, 0.25, [4, 1, 3, 0, 3, 5, 3, 0, 0, 0, 1, 1]); // = T3
    expect(byChild(2016, 'P1')).toEqual({ division: 'P1', year: 2016, rows: [c1, c2] });
    // R = P1 = C1 + C2: baseline 5 + 4 = 9, target ceil(9 × 0.25) = ceil(2.25) = 3 (counties 2 + 1 = 3, villages 5);
    //   baselineCleared a1 x1 d1 e1 = 4, achievement 4 / 3 (not the counties' 0.5 + 3, nor their mean);
    //   underReview a2 = 1; identified 11; cleared 4 + 3 = 7; relapsed 1; stock 2; withdrawn 1, exempted 1, deregistered 1
    const region: Figures = [9, 3, 4, 1, 4 / 3, 11, 7, 1, 2, 1, 1, 1];
    expect(clearance(2016, 'P1')).toEqual(row('P1', 2016, 0.25, region));
    expect(clearance(2016, 'R')).toEqual(row('R', 2016, 0.25, region));
    expect(byChild(2016, 'R')).toEqual({ division: 'R', year: 2016, rows: [row('P1', 2016, 0.25, region)] });
  });

  it('2017 at every level: the cumulative share 0.55 gives each division its own target', () => {
    // End of 2017: a2's concern resolved 03-01 → baselineCleared; b1 cleared again 04-10; e1 relapsed 02-20 → stock.
    // In 2017 only two status events: b1 cleared (V2), e1 relapsed (V5). x1 still in V4.
    expect(byChild(2017, 'T1')).toEqual({
      division: 'T1', year: 2017, rows: [
        // V1 {a1, a2}: target ceil(2 × 0.55) = ceil(1.1) = 2; both cleared without a concern → 2 / 2 = 1
        row('V1', 2017, 0.55, [2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
        // V2 {b1}: target ceil(0.55) = 1; cleared again → 1 / 1 = 1
        row('V2', 2017, 0.55, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0]),
      ],
    });
    // T1: baseline 3, target ceil(1.65) = 2 (villages 2 + 1 = 3); baselineCleared 3 → 3 / 2 = 1.5
    expect(clearance(2017, 'T1')).toEqual(row('T1', 2017, 0.55, [3, 2, 3, 0, 1.5, 0, 1, 0, 0, 0, 0, 0]));
    // V3 {c1, c2, c3}: baseline 2, target ceil(1.1) = 2, baselineCleared 0 → 0; stock c3
    expect(clearance(2017, 'V3')).toEqual(row('V3', 2017, 0.55, [2, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]));
    expect(byChild(2017, 'T3')).toEqual({
      division: 'T3', year: 2017, rows: [
        // V4 {x1, d1, d2}: target ceil(3 × 0.55) = ceil(1.65) = 2; x1 d1 → 2 / 2 = 1
        row('V4', 2017, 0.55, [3, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
        // V5 {e1, e2}: target ceil(0.55) = 1; e1 relapsed → 0 / 1 = 0, in the stock
        row('V5', 2017, 0.55, [1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]),
      ],
    });
    expect(byChild(2017, 'P1')).toEqual({
      division: 'P1', year: 2017, rows: [
        // C1: baseline 5, target ceil(5 × 0.55) = ceil(2.75) = 3; baselineCleared a1 a2 b1 = 3 → 1; stock c3
        row('C1', 2017, 0.55, [5, 3, 3, 0, 1, 0, 1, 0, 1, 0, 0, 0]),
        // C2: baseline 4, target ceil(4 × 0.55) = ceil(2.2) = 3; baselineCleared x1 d1 = 2 → 2 / 3; stock e1
        row('C2', 2017, 0.55, [4, 3, 2, 0, 2 / 3, 0, 0, 1, 1, 0, 0, 0]),
      ],
    });
    // R: baseline 9, target ceil(9 × 0.55) = ceil(4.95) = 5 (counties 3 + 3 = 6, villages 2 + 1 + 2 + 2 + 1 = 8);
    //   baselineCleared 3 + 2 = 5 → 5 / 5 = 1; cleared 1, relapsed 1, stock 2
    expect(clearance(2017, 'R')).toEqual(row('R', 2017, 0.55, [9, 5, 5, 0, 1, 0, 1, 1, 2, 0, 0, 0]));
  });
});
