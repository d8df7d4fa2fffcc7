import type { MonthlyProgress } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { divisionHouseholds, divisionsContext } from './support/hand-worked-divisions';
import { noEndings as reasons, noForms as forms, noPlaces as places, nothingInMonth as nothing } from './support/empty-progress';

/** A progress row with nothing in the month but what `figures` says. */
const row = (division: string, month: string, eligibleMembers: number, figures: Partial<MonthlyProgress> = {}): MonthlyProgress =>
  ({ ...nothing, division, month, eligibleMembers, ...figures });
const incomes = (incomeRecords: number, medianMonthlyIncome: number, meanMonthlyIncome: number) => ({ incomeRecords, medianMonthlyIncome, meanMonthlyIncome });

/**
 * The monthly progress table (domain.md §5) at every level of the division tree of
 * support/hand-worked-divisions.ts, asked of the three implementations, which must agree, and
 * compared with the figures worked out by hand. Counts of members and events add up from
 * children to parents; "distinct members referred" counts members, and a member is one of one
 * household (ids repeat across households: a2's m1 is not b1's m1); the median and mean are of
 * the division's own income records, never worked from its children's medians.
 *
 * Eligible members at the end of a month (working age, capacity full or partial, willing;
 * in a household registered and not withdrawn, exempted or deregistered then), by village:
 *   V1 a1 m1, a2 m1 m2 = 3 throughout; V2 b1 = 1; V4 x1 d1 d2 = 3, 2 from November (d2 exempted);
 *   V3 c1 c2×2 c3 = 4, 3 from October (c1 withdrew); V5 e1 e2 = 2, 1 from December (e2 deregistered).
 */
describe('a hand-worked region of divisions: the monthly progress table at every level', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(divisionHouseholds.flat(), divisionsContext);
  });
  afterAll(() => answered.close());

  const progress = (month: string, division: string) => agreedOn(answered, (r) => r.progressReport({ month, division }));
  const byChild = (month: string, division: string) => agreedOn(answered, (r) => r.progressReport({ month, division, byChild: true }));

  it('April 2016: members referred are counted once each, and two households\' m1 are two members', () => {
    // V1: a2 m1 referred 04-05 and 04-20, a2 m2 04-06 → 3 referrals, 2 members
    // V2: b1 m1 referred 04-10, declined 04-12 → 1 referral, 1 member
    const v1 = row('V1', '2016-04', 3, { referralsMade: 3, membersReferred: 2 });
    const v2 = row('V2', '2016-04', 1, { referralsMade: 1, referralsDeclined: 1, membersReferred: 1 });
    expect(byChild('2016-04', 'T1')).toEqual({ division: 'T1', month: '2016-04', rows: [v1, v2] });
    // T1: 3 + 1 = 4 referrals, 2 + 1 = 3 members (a2 m1, a2 m2, b1 m1; counting ids, "m1" and "m2" would give 2)
    const referrals = { referralsMade: 4, referralsDeclined: 1, membersReferred: 3 };
    expect(progress('2016-04', 'T1')).toEqual(row('T1', '2016-04', 4, referrals));
    // C1 = T1 + T2 (V3: 4 eligible, nothing else); C2: e1's April income 1600 (keyed 05-02), eligible V4 3 + V5 2 = 5
    const c1 = row('C1', '2016-04', 8, referrals);
    const c2 = row('C2', '2016-04', 5, incomes(1, 1600, 1600));
    expect(byChild('2016-04', 'P1')).toEqual({ division: 'P1', month: '2016-04', rows: [c1, c2] });
    // R: eligible 8 + 5 = 13
    expect(progress('2016-04', 'R')).toEqual(row('R', '2016-04', 13, { ...referrals, ...incomes(1, 1600, 1600) }));
  });

  it('August 2016: x1\'s employment and income count in V4 and county C2, where its corrected registration puts it', () => {
    // x1 started 08-01, enterprise, out of the region; its August income 2500 keyed 09-01
    // (as registered they would count in V2 and C1, and C1 would have 9 eligible, C2 4)
    const x1 = { employmentsStartedByForm: { ...forms, enterprise: 1 }, employmentsStartedByPlace: { ...places, 'out-of-region': 1 }, ...incomes(1, 2500, 2500) };
    expect(byChild('2016-08', 'T1')).toEqual({ division: 'T1', month: '2016-08', rows: [row('V1', '2016-08', 3), row('V2', '2016-08', 1)] });
    expect(progress('2016-08', 'V4')).toEqual(row('V4', '2016-08', 3, x1));
    // C1: V1 3 + V2 1 + V3 4 = 8; C2: V4 3 + V5 2 = 5
    expect(byChild('2016-08', 'P1')).toEqual({ division: 'P1', month: '2016-08', rows: [row('C1', '2016-08', 8), row('C2', '2016-08', 5, x1)] });
  });

  it('October 2016: each division\'s median and mean are of its own incomes, not of its children\'s medians', () => {
    // October incomes: V1 a2 1500; V2 b1 1200; V3 c2 900 corrected to 1000 (2017-01-10); V4 d1 2000, x1 2500; V5 e1 1600
    // c2 started work 10-01 (self-employed, local); c1 withdrew 10-10: V3 has 3 eligible
    const c2Started = { employmentsStartedByForm: { ...forms, 'self-employed': 1 }, employmentsStartedByPlace: { ...places, local: 1 } };
    // V4: median of 2000, 2500 = 2250, mean 4500 / 2 = 2250
    expect(byChild('2016-10', 'T3')).toEqual({
      division: 'T3', month: '2016-10', rows: [row('V4', '2016-10', 3, incomes(2, 2250, 2250)), row('V5', '2016-10', 2, incomes(1, 1600, 1600))],
    });
    // T1: 1500, 1200 → median 1350, mean 2700 / 2 = 1350
    expect(progress('2016-10', 'T1')).toEqual(row('T1', '2016-10', 4, incomes(2, 1350, 1350)));
    expect(progress('2016-10', 'T2')).toEqual(row('T2', '2016-10', 3, { ...c2Started, ...incomes(1, 1000, 1000) }));
    // C1: 1000, 1200, 1500 → median 1200, mean 3700 / 3 = 1233.33 (uncorrected, 900: 1200 and 1200)
    // C2: 1600, 2000, 2500 → median 2000, mean 6100 / 3 = 2033.33 (its townships' medians: only T3's 2000; V4's and V5's: 2250, 1600)
    expect(byChild('2016-10', 'P1')).toEqual({
      division: 'P1', month: '2016-10', rows: [
        row('C1', '2016-10', 7, { ...c2Started, ...incomes(3, 1200, 1233.33) }),
        row('C2', '2016-10', 5, incomes(3, 2000, 2033.33)),
      ],
    });
    // R: 1000, 1200, 1500, 1600, 2000, 2500 → median (1500 + 1600) / 2 = 1550 (the counties' medians average 1600),
    //   mean 9800 / 6 = 1633.33; eligible 7 + 5 = 12
    expect(progress('2016-10', 'R')).toEqual(row('R', '2016-10', 12, { ...c2Started, ...incomes(6, 1550, 1633.33) }));
  });

  it('December 2016 and January 2017: an income whose month is corrected across the year end moves with it, from V1 and C1', () => {
    // a1's income keyed 2017-01-05 for 2016-12 (1750), its month corrected on 2017-02-01 to 2017-01
    // December: d1 2100 (V4) only; eligible V1 3 + V2 1 + V3 3 = 7 in C1, V4 2 + V5 1 = 3 in C2
    expect(byChild('2016-12', 'P1')).toEqual({
      division: 'P1', month: '2016-12', rows: [row('C1', '2016-12', 7), row('C2', '2016-12', 3, incomes(1, 2100, 2100))],
    });
    expect(progress('2016-12', 'V1')).toEqual(row('V1', '2016-12', 3));
    // January 2017: a1 1750 (V1, C1); e1 1600 (V5, C2); R median (1600 + 1750) / 2 = 1675, mean 1675
    expect(progress('2017-01', 'V1')).toEqual(row('V1', '2017-01', 3, incomes(1, 1750, 1750)));
    expect(byChild('2017-01', 'P1')).toEqual({
      division: 'P1', month: '2017-01', rows: [row('C1', '2017-01', 7, incomes(1, 1750, 1750)), row('C2', '2017-01', 3, incomes(1, 1600, 1600))],
    });
    expect(progress('2017-01', 'R')).toEqual(row('R', '2017-01', 10, incomes(2, 1675, 1675)));
  });

  it('February 2017: members surveyed and employments ended, by county', () => {
    // surveyed: a1 m1 02-10 (V1), d1 m1 02-20 (V4); ended: e1 dismissed 02-15 (V5); no income for 2017-02
    expect(byChild('2017-02', 'P1')).toEqual({
      division: 'P1', month: '2017-02', rows: [
        row('C1', '2017-02', 7, { membersSurveyed: 1 }),
        row('C2', '2017-02', 3, { membersSurveyed: 1, employmentsEndedByReason: { ...reasons, dismissed: 1 } }),
      ],
    });
    expect(progress('2017-02', 'R')).toEqual(row('R', '2017-02', 10, { membersSurveyed: 2, employmentsEndedByReason: { ...reasons, dismissed: 1 } }));
  });
});
