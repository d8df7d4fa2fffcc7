import type { AnnualClearance, MonthlyClearance } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { c, member } from './support/commands';
import { divisionsContext } from './support/hand-worked-divisions';

/**
 * Three households of the same tree (R > P1 > {C1 > {T1 > {V1, V2}, T2 > {V3}}, C2 > T3 > {V4, V5}})
 * whose registration's division is corrected, once or more, and whose other corrections of the
 * same registration must leave the division where the latest correction of it put it (decision 5:
 * the event reads as amended by every correction recorded for it; a later correction of one field
 * keeps the earlier ones' other fields). Members born 1980–1985, full capacity and willing.
 *
 * y1 registered V1, identified 2016-02-01, employed 03-01, cleared 03-10, March income 1000;
 *    corrected to V3 (other township, same county) on 06-01, then to V5 (the other county) on 2017-01-20
 * y2 registered V4, identified 2016-04-01; birth year corrected 09-01; division corrected to V2 (the other
 *    county) on 10-01; birth year corrected again 12-01; withdrew 12-10
 * y3 registered V2, corrected to V4 the next day; identified 2016-09-01 (after the cutoff)
 * y4 registered V1, identified 2016-02-01, employed 03-01, cleared 03-10; a follow-up on 04-01 raises a concern
 *    (debt), never resolved; on 05-01 its division corrected to V4 (the other county): the concern goes with it
 */
const moved = [
  c.register('y1', '2016-01-05', 'V1', [['m1', 1985]]),
  c.survey('y1', '2016-01-06', member('m1', 'full', true)),
  c.apply('y1', '2016-01-07'),
  c.identify('y1', '2016-02-01'),
  c.employ('y1', '2016-03-01', 'ja', 'enterprise', 'local', 1000),
  c.clear('y1', '2016-03-10'),
  c.income('y1', '2016-04-01', 'ja', '2016-03', 1000),
  c.correct('y1', '2016-06-01', '@HouseholdRegistered#0', { divisionCode: 'V3' }),
  c.correct('y1', '2017-01-20', '@HouseholdRegistered#0', { divisionCode: 'V5' }),
  c.register('y2', '2016-01-05', 'V4', [['m1', 1980]]),
  c.survey('y2', '2016-01-06', member('m1', 'full', true)),
  c.apply('y2', '2016-01-07'),
  c.identify('y2', '2016-04-01'),
  c.correct('y2', '2016-09-01', '@HouseholdRegistered#0', { members: [{ memberId: 'm1', birthYear: 1981 }] }),
  c.correct('y2', '2016-10-01', '@HouseholdRegistered#0', { divisionCode: 'V2' }),
  c.correct('y2', '2016-12-01', '@HouseholdRegistered#0', { members: [{ memberId: 'm1', birthYear: 1982 }] }),
  c.withdraw('y2', '2016-12-10'),
  c.register('y3', '2016-01-05', 'V2', [['m1', 1983]]),
  c.correct('y3', '2016-01-06', '@HouseholdRegistered#0', { divisionCode: 'V4' }),
  c.survey('y3', '2016-01-07', member('m1', 'full', true)),
  c.apply('y3', '2016-01-08'),
  c.identify('y3', '2016-09-01'),
  c.register('y4', '2016-01-05', 'V1', [['m1', 1984]]),
  c.survey('y4', '2016-01-06', member('m1', 'full', true)),
  c.apply('y4', '2016-01-07'),
  c.identify('y4', '2016-02-01'),
  c.employ('y4', '2016-03-01', 'ja', 'flexible', 'local', 800),
  c.clear('y4', '2016-03-10'),
  c.followUp('y4', '2016-04-01', 'v1', ['debt']),
  c.correct('y4', '2016-05-01', '@HouseholdRegistered#0', { divisionCode: 'V4' }),
];

type Figures = [baseline: number, target: number, baselineCleared: number, underReview: number, achievement: number | null, identified: number, cleared: number, stockAtEnd: number, withdrawn: number];
/** A 2016 row (share 0.25) in which nobody relapses, is exempted or deregistered. */
const annual = (division: string, f: Figures): AnnualClearance => ({
  division, year: 2016, baseline: f[0], cumulativeShare: 0.25, target: f[1], baselineCleared: f[2], underReview: f[3], achievement: f[4],
  identifiedInYear: f[5], clearedInYear: f[6], relapsedInYear: 0, stockAtEnd: f[7], withdrawnInYear: f[8], exemptedInYear: 0, deregisteredInYear: 0,
});
const moves = (division: string, month: string, stockAtStart: number, changes: Partial<MonthlyClearance> = {}): MonthlyClearance => ({
  division, month, stockAtStart, identified: 0, cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: stockAtStart, ...changes,
});

describe('a hand-worked region of divisions: registrations whose division is corrected more than once', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(moved, divisionsContext);
  });
  afterAll(() => answered.close());

  const clearance = (division: string) => agreedOn(answered, (r) => r.clearanceReport({ year: 2016, division, byChild: true }));

  it('2016 by village: each household counts only in the village its latest division correction names', () => {
    // y1 in V5: baseline (02-01), cleared 03-10 → V5 baseline 1, target ceil(0.25) = 1, baselineCleared 1 → 1
    // y2 in V2: baseline (04-01), withdrew 12-10 → V2 baseline 1, target 1, nobody cleared → 0
    // V4: y3 identified 09-01, after the cutoff, in the stock; y4 baseline (02-01), cleared with its concern open at the
    //   year end → under review, not baselineCleared: baseline 1, target 1, 0 / 1 = 0; identified 2, cleared 1, stock 1
    // V1 and V3, where y1 and y4 were before their corrections, hold nobody
    const empty = (d: string) => annual(d, [0, 0, 0, 0, null, 0, 0, 0, 0]);
    expect(clearance('T1').rows).toEqual([empty('V1'), annual('V2', [1, 1, 0, 0, 0, 1, 0, 0, 1])]);
    expect(clearance('T2').rows).toEqual([empty('V3')]);
    expect(clearance('T3').rows).toEqual([annual('V4', [1, 1, 0, 1, 0, 2, 1, 1, 0]), annual('V5', [1, 1, 1, 0, 1, 1, 1, 0, 0])]);
    // C1 = {y2}; C2 = {y1, y3, y4}: baseline 2, target ceil(0.5) = 1, baselineCleared 1 → 1; under review 1;
    //   identified 3, cleared 2, stock 1
    // R: baseline 3, target ceil(0.75) = 1, baselineCleared 1 → 1; under review 1; identified 4, cleared 2, stock 1, withdrawn 1
    expect(clearance('P1').rows).toEqual([annual('C1', [1, 1, 0, 0, 0, 1, 0, 0, 1]), annual('C2', [2, 1, 1, 1, 1, 3, 2, 1, 0])]);
    expect(clearance('R').rows).toEqual([annual('P1', [3, 1, 1, 1, 1, 4, 2, 1, 1])]);
  });

  it('the monthly table and the progress table count y1 in V5 and y2 in V2 from their first month', () => {
    const monthly = (month: string) => agreedOn(answered, (r) => r.monthlyReport({ month, division: 'P1', byChild: true })).rows;
    // February: y1 and y4 identified → C2; March: both cleared in C2; April: y2 identified → C1
    expect(monthly('2016-02')).toEqual([moves('C1', '2016-02', 0), moves('C2', '2016-02', 0, { identified: 2, stockAtEnd: 2 })]);
    expect(monthly('2016-03')).toEqual([moves('C1', '2016-03', 0), moves('C2', '2016-03', 2, { cleared: 2, stockAtEnd: 0 })]);
    expect(monthly('2016-04')).toEqual([moves('C1', '2016-04', 0, { identified: 1, stockAtEnd: 1 }), moves('C2', '2016-04', 0)]);
    // September: y3 identified in V4; December: y2 withdrew from the stock in V2
    expect(monthly('2016-09')).toEqual([moves('C1', '2016-09', 1), moves('C2', '2016-09', 0, { identified: 1, stockAtEnd: 1 })]);
    expect(monthly('2016-12')).toEqual([moves('C1', '2016-12', 1, { withdrawn: 1, stockAtEnd: 0 }), moves('C2', '2016-12', 1)]);
    // March 2016 progress: y1's employment (enterprise, local) and income 1000 in V5, y4's (flexible, local) in V4;
    //   eligible: y1 V5, y2 V2, y3 and y4 V4
    const march = (division: string) => agreedOn(answered, (r) => r.progressReport({ month: '2016-03', division }));
    expect(march('V5')).toMatchObject({ eligibleMembers: 1, employmentsStartedByForm: { enterprise: 1 }, incomeRecords: 1, medianMonthlyIncome: 1000 });
    expect(march('T1')).toMatchObject({ eligibleMembers: 1, employmentsStartedByForm: { enterprise: 0 }, incomeRecords: 0, medianMonthlyIncome: null });
    expect(march('V1')).toMatchObject({ eligibleMembers: 0, incomeRecords: 0, employmentsStartedByForm: { flexible: 0 } });
    expect(march('V4')).toMatchObject({ eligibleMembers: 2, incomeRecords: 0, employmentsStartedByForm: { flexible: 1 }, employmentsStartedByPlace: { local: 1 } });
  });

  it('the backlog on 2016-06-30 by county: y1\'s overdue follow-up and y4\'s open concern in C2, y2\'s referrals owed in C1', () => {
    // y1 cleared 03-10, never visited: due 03-10 + 90 = 06-08 (21 to 03-31, 30, 31, 8); y2 identified 04-01, never referred
    // y4 visited 04-01: due 06-30 (29, 31, 30), not yet overdue; its concern raised 04-01 is open 90 days, in V4
    const backlog = (division: string) => agreedOn(answered, (r) => r.backlogReport({ asOf: '2016-06-30', division }));
    expect(backlog('C1')).toMatchObject({
      referralsOwed: [{ householdId: 'y2', divisionCode: 'V2', memberId: 'm1', identifiedOn: '2016-04-01', referrals: 0, owed: 3 }], followUpsOverdue: [],
      openLaborConcerns: [],
    });
    expect(backlog('C2')).toMatchObject({
      referralsOwed: [], followUpsOverdue: [{ householdId: 'y1', divisionCode: 'V5', clearedOn: '2016-03-10', lastVisitOn: null, dueOn: '2016-06-08' }],
      openLaborConcerns: [{ householdId: 'y4', divisionCode: 'V4', visitId: 'v1', raisedOn: '2016-04-01', indicators: ['debt'], daysOpen: 90 }],
    });
  });
});
