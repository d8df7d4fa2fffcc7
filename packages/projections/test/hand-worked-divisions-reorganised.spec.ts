import { referencePolicy, type HouseholdCommand } from '@hearth/domain';
import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { type AnnualClearance, DirectReports, type MonthlyClearance, openProjections } from '../src';
import { agreedOn, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { feed } from './support/feed';
import {
  afterTheMove, beforeTheMove, divisionHouseholds, divisionsContext, everRecordedDivisions, movesToV6, recordReorganisation, reorganisedContextAt,
} from './support/hand-worked-divisions';

type Figures = [baseline: number, target: number, baselineCleared: number, underReview: number, achievement: number | null,
  identified: number, cleared: number, relapsed: number, stockAtEnd: number, withdrawn: number, exempted: number, deregistered: number];
const annual = (division: string, year: number, cumulativeShare: number, f: Figures): AnnualClearance => ({
  division, year, baseline: f[0], cumulativeShare, target: f[1], baselineCleared: f[2], underReview: f[3], achievement: f[4],
  identifiedInYear: f[5], clearedInYear: f[6], relapsedInYear: f[7], stockAtEnd: f[8], withdrawnInYear: f[9], exemptedInYear: f[10], deregisteredInYear: f[11],
});
const still = (division: string, month: string, n: number): MonthlyClearance =>
  ({ division, month, stockAtStart: n, identified: 0, cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: n });
const reporting = { policy: referencePolicy, divisions: everRecordedDivisions };
const byDate = (cs: readonly HouseholdCommand[]) => [...cs].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

/** As answerByTwoStores, with the reorganisation recorded after every command dated before it, then the moves and what follows. */
const answerReorganised = async (): Promise<AnsweredByTwoStores> => {
  const fill = async (store: SqliteEventStore | InMemoryEventStore, before: readonly HouseholdCommand[]) => {
    await feed(store, before, divisionsContext, { strict: true });
    const inForce = reorganisedContextAt(await recordReorganisation(store));
    await feed(store, movesToV6, inForce, { strict: true });
    return (await feed(store, afterTheMove, inForce, { strict: true })).lastPosition;
  };
  const store = SqliteEventStore.open(':memory:');
  const p = openProjections(store, reporting);
  await p.runner.start();
  await p.runner.waitFor(await fill(store, [...divisionHouseholds.flat(), ...beforeTheMove]));
  const other = new InMemoryEventStore();
  await fill(other, byDate([...divisionHouseholds.flat(), ...beforeTheMove]));
  const q = openProjections(other, reporting);
  await q.runner.catchUp();
  return {
    byHousehold: { store, p }, byDay: { store: other, p: q }, direct: await DirectReports.load(store, reporting),
    close: async () => { await p.close(); await store.close(); await q.close(); await other.close(); },
  };
};

/**
 * The households of support/hand-worked-divisions.ts under a reorganisation: on 2017-07-01
 * village V3 (county C1) is replaced by V6 in township T3 of county C2, and V3's households
 * c1 (withdrawn), c2 (cleared, a concern raised 2017-05-01 still open) and c3 (identified) move
 * there by HouseholdTransferred; c3 is
 * then referred (08-01), employed (09-01) and cleared (09-20) in V6, and c2 keys an income for
 * June and corrects its October 2016 income again (support: afterTheMove). Decision 15: a household
 * counts, with all its figures for a period, in the village it is in at the end of the period,
 * and the baseline and target follow it. So 2016 and every month to June 2017 are as without the
 * reorganisation (hand-worked-divisions-clearance and -monthly specs), and from July 2017 (and
 * for the whole year 2017) V3's households count in V6, T3 and C2. The contract (domain.md §2)
 * is silent on reorganisations: these figures are decision 15's, worked by hand.
 */
describe('a hand-worked region of divisions: a village moved to the other county', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerReorganised();
  });
  afterAll(() => answered.close());

  const clearance = (year: number, division: string, byChild = false) => agreedOn(answered, (r) => r.clearanceReport({ year, division, byChild }));
  const monthly = (month: string, division: string, byChild = false) => agreedOn(answered, (r) => r.monthlyReport({ month, division, byChild }));
  const progress = (month: string, division: string) => agreedOn(answered, (r) => r.progressReport({ month, division }));
  const households = (asOf: string, division: string) => {
    const b = agreedOn(answered, (r) => r.backlogReport({ asOf, division }));
    return [b.referralsOwed, b.followUpsOverdue, b.surveyUpdatesMissing, b.openLaborConcerns].map((l) => l.map((e) => `${e.householdId} ${e.divisionCode}`));
  };

  it('2016 by county is as before the reorganisation, V6 having nobody yet', () => {
    // As in hand-worked-divisions-clearance.spec.ts: C1 baseline 5, target ceil(1.25) = 2, baselineCleared 1 (a1) → 0.5;
    // C2 baseline 4, target 1, baselineCleared 3; V6 empty: target 0, achievement null
    expect(clearance(2016, 'P1', true)).toEqual({
      division: 'P1', year: 2016, rows: [
        annual('C1', 2016, 0.25, [5, 2, 1, 1, 0.5, 6, 4, 1, 2, 1, 0, 0]),
        annual('C2', 2016, 0.25, [4, 1, 3, 0, 3, 5, 3, 0, 0, 0, 1, 1]),
      ],
    });
    expect(clearance(2016, 'V6')).toEqual(annual('V6', 2016, 0.25, [0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0]));
  });

  it('2017 by county: c1 and c3 take their baseline to C2, which carries their target and gets c3\'s clearance', () => {
    // End of 2017 in V6: c1 withdrawn (baseline), c2 cleared with its concern open (not baseline: under review all the same),
    //   c3 cleared 09-20 (baseline, no concern): baseline 2, target ceil(2 × 0.55) = ceil(1.1) = 2, baselineCleared 1 → 0.5;
    //   underReview 1; cleared in 2017: c3
    // C1 = {a1, a2, b1}: baseline 3, target ceil(3 × 0.55) = ceil(1.65) = 2, all three cleared → 3 / 2 = 1.5; b1 cleared 04-10
    // C2 = {x1, d1, d2, e1, e2} + V6: baseline 4 + 2 = 6, target ceil(6 × 0.55) = ceil(3.3) = 4, baselineCleared x1 d1 c3 = 3
    //   → 3 / 4 = 0.75; underReview c2; cleared c3, relapsed e1, stock e1
    expect(clearance(2017, 'P1', true)).toEqual({
      division: 'P1', year: 2017, rows: [
        annual('C1', 2017, 0.55, [3, 2, 3, 0, 1.5, 0, 1, 0, 0, 0, 0, 0]),
        annual('C2', 2017, 0.55, [6, 4, 3, 1, 0.75, 0, 1, 1, 1, 0, 0, 0]),
      ],
    });
    expect(clearance(2017, 'V6')).toEqual(annual('V6', 2017, 0.55, [2, 2, 1, 1, 0.5, 0, 1, 0, 0, 0, 0, 0]));
    // V3 and T2 hold nobody at the end of 2017: zeros, target 0, achievement null
    expect(clearance(2017, 'T2')).toEqual(annual('T2', 2017, 0.55, [0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0]));
    // R: the region's baseline never changes: 9, target ceil(4.95) = 5; baselineCleared a1 a2 b1 x1 d1 c3 = 6 → 6 / 5 = 1.2;
    //   underReview c2
    expect(clearance(2017, 'R')).toEqual(annual('R', 2017, 0.55, [9, 5, 6, 1, 1.2, 0, 2, 1, 1, 0, 0, 0]));
  });

  it('the monthly table: c3 is in C1\'s stock to June 2017 and in C2\'s from July, when C2 starts with more than June ended with', () => {
    // June 2017: stock c3 (V3, C1), e1 (V5, C2)
    expect(monthly('2017-06', 'P1', true)).toEqual({ division: 'P1', month: '2017-06', rows: [still('C1', '2017-06', 1), still('C2', '2017-06', 1)] });
    // July 2017: c3 counts for the whole month in V6: C1 0, C2 2 from the start; the region 2 throughout
    expect(monthly('2017-07', 'P1', true)).toEqual({ division: 'P1', month: '2017-07', rows: [still('C1', '2017-07', 0), still('C2', '2017-07', 2)] });
    expect(monthly('2017-07', 'T3', true)).toEqual({
      division: 'T3', month: '2017-07', rows: [still('V4', '2017-07', 0), still('V5', '2017-07', 1), still('V6', '2017-07', 1)],
    });
    expect(monthly('2017-07', 'V3')).toEqual(still('V3', '2017-07', 0));
    // September 2017: c3 cleared 09-20 in V6: C2 2 − 1 = 1
    expect(monthly('2017-09', 'C2')).toEqual({ ...still('C2', '2017-09', 2), cleared: 1, stockAtEnd: 1 });
    expect(monthly('2017-09', 'R')).toEqual({ ...still('R', '2017-09', 2), cleared: 1, stockAtEnd: 1 });
  });

  it('the progress table: V3\'s members are eligible in C1 in June 2017 and in C2 in July, c3\'s referral counts in V6', () => {
    // June: C1 = V1 3 + V2 1 + V3 (c2 m1 m2, c3 m1) 3 = 7; C2 = V4 (x1, d1) 2 + V5 (e1) 1 = 3
    expect([progress('2017-06', 'C1').eligibleMembers, progress('2017-06', 'C2').eligibleMembers]).toEqual([7, 3]);
    // July: C1 = 3 + 1 = 4; C2 = 2 + 1 + V6 3 = 6
    expect([progress('2017-07', 'C1').eligibleMembers, progress('2017-07', 'C2').eligibleMembers, progress('2017-07', 'V3').eligibleMembers]).toEqual([4, 6, 0]);
    // August: c3 m1 referred 08-01 in V6
    expect(progress('2017-08', 'V6')).toMatchObject({ eligibleMembers: 3, referralsMade: 1, membersReferred: 1 });
    expect(progress('2017-08', 'C1')).toMatchObject({ eligibleMembers: 4, referralsMade: 0, membersReferred: 0 });
  });

  it('an income keyed and a correction recorded after the move count in V3 and C1, where c2 was in the months they are for', () => {
    // June 2017 (c2 in V3 at the end of June): c2's 950, keyed 07-05 in V6, is C1's one record; C2 has none
    expect([progress('2017-06', 'C1'), progress('2017-06', 'C2'), progress('2017-06', 'V6')].map((r) => [r.incomeRecords, r.medianMonthlyIncome]))
      .toEqual([[1, 950], [0, null], [0, null]]);
    // October 2016: c2's income 900 → 1000 (2017-01-10) → 1100 (2017-08-15, after the move): C1 holds 1100, 1200 (b1), 1500 (a2)
    //   → median 1200, mean 3800 / 3 = 1266.67; C2 keeps d1 2000, x1 2500, e1 1600 → 2000 and 2033.33; V6 has none
    expect([progress('2016-10', 'C1'), progress('2016-10', 'C2'), progress('2016-10', 'V6')].map((r) => [r.incomeRecords, r.medianMonthlyIncome, r.meanMonthlyIncome]))
      .toEqual([[3, 1200, 1266.67], [3, 2000, 2033.33], [0, null, null]]);
    expect(progress('2016-10', 'V3')).toMatchObject({ incomeRecords: 1, medianMonthlyIncome: 1100, eligibleMembers: 3 });
  });

  it('the backlog lists V3\'s households under V3 in C1 on 2017-06-30 and under V6 in C2 on 07-31, c2\'s open concern with them', () => {
    // [referrals owed, follow-ups overdue, survey updates missing (deadline 2017-02-28), open concerns], "household village"
    // 06-30, C1: owed a2 m1, c2 m2, c3 m1; overdue a1 (2016-08-08), a2 (2017-03-01) — b1, cleared 04-10, is due 07-09
    //   (20 to 04-30, 31, 30, 9), and c2, visited 05-01, 07-30 (30 to 05-31, 30, 30); not surveyed in 2017: a2 b1 c2 c3
    //   (c1 withdrawn is not active); c2's concern open since 05-01
    expect(households('2017-06-30', 'C1')).toEqual([['a2 V1', 'c2 V3', 'c3 V3'], ['a1 V1', 'a2 V1'], ['a2 V1', 'b1 V2', 'c2 V3', 'c3 V3'], ['c2 V3']]);
    // 07-31, C1: owed a2; overdue a1, a2, b1 (07-09); missing a2, b1; no concern
    expect(households('2017-07-31', 'C1')).toEqual([['a2 V1'], ['a1 V1', 'a2 V1', 'b1 V2'], ['a2 V1', 'b1 V2'], []]);
    // 07-31, C2: owed c2 m2, c3 m1 (in V6), e1 m1 (since its relapse); overdue d1 (2016-08-30), x1 (2016-11-08), c2 (2017-07-30);
    //   c2's concern, in V6
    expect(households('2017-07-31', 'C2')).toEqual([['c2 V6', 'c3 V6', 'e1 V5'], ['d1 V4', 'x1 V4', 'c2 V6'], ['c2 V6', 'c3 V6', 'e1 V5', 'x1 V4'], ['c2 V6']]);
  });

  it('a backlog asked for the households registered under a division now (a caseworker\'s scope, decision 181) leaves out those the move took away', () => {
    const now = (asOf: string, division: string, registeredNowUnder: string) => {
      const b = agreedOn(answered, (r) => r.backlogReport({ asOf, division, registeredNowUnder }));
      return [b.referralsOwed, b.followUpsOverdue, b.surveyUpdatesMissing, b.openLaborConcerns].map((l) => l.map((e) => `${e.householdId} ${e.divisionCode}`));
    };
    // 06-30, C1 as above, but c2 and c3 are in V6 (C2) now: V3's households are C1's only as of then, not now
    expect(now('2017-06-30', 'C1', 'C1')).toEqual([['a2 V1'], ['a1 V1', 'a2 V1'], ['a2 V1', 'b1 V2'], []]);
    // V3 itself, as of before the move, has none registered under it now; V6's scope does not reach back into V3
    expect(now('2017-06-30', 'V3', 'V3')).toEqual([[], [], [], []]);
    // the root's scope is every household: the same lists as without it
    expect(now('2017-06-30', 'C1', 'R')).toEqual(households('2017-06-30', 'C1'));
    // after the move C2's lists are the same with or without it: every household there is there now
    expect(now('2017-07-31', 'C2', 'C2')).toEqual(households('2017-07-31', 'C2'));
  });
});
