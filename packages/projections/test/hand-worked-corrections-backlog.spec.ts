import { InMemoryEventStore } from '@hearth/event-store';
import { verifyLog } from '../src';
import { feed } from './support/feed';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { correctedHouseholds } from './support/hand-worked-corrections';
import { context } from './support/region';

/**
 * The service backlog, the annual clearance and the audit over the corrected households
 * (support/hand-worked-corrections.ts; the progress table is in
 * hand-worked-corrections-progress.spec.ts), each figure asked of the three implementations,
 * which must agree, and compared with the one worked out by hand from domain.md's words.
 */
describe('a hand-worked region of corrections: the service backlog, the clearance and the audit', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(correctedHouseholds.flat(), context);
  });
  afterAll(() => answered.close());

  const backlog = (asOf: string) => agreedOn(answered, (r) => r.backlogReport({ asOf }));
  // Every household is identified on 2016-01-10 (k7 again on its relapse); owed = minReferrals 3 − referrals made since.
  const owed = (householdId: string, divisionCode: string, memberId: string, referrals = 0, identifiedOn = '2016-01-10') =>
    ({ householdId, divisionCode, memberId, identifiedOn, referrals, owed: 3 - referrals });
  const k4Pending = { householdId: 'k4', divisionCode: 'V2', activeEmploymentIds: ['ja'] };

  it('owes referrals at the end of March by the survey of 03-01 as corrected in May', () => {
    // identified, willing, eligible and unemployed at 03-31:
    //   k1 m1; k1 m2 (the 03-01 survey said no capacity, corrected on 05-10 to partial and willing);
    //   k2 m1 and m2 (its April survey and the correction of it come later); k3 m1 (58 as corrected); k5 m1
    //   k4 works since 02-15 (identified, employed: clearance pending); k6 and k7 are cleared and work
    // follow-ups: k7 cleared 02-10 is due 05-10, k6 cleared 03-10 is due 06-08: none overdue
    expect(backlog('2016-03-31')).toEqual({
      division: 'R', asOf: '2016-03-31',
      referralsOwed: [owed('k1', 'V1', 'm1'), owed('k1', 'V1', 'm2'), owed('k2', 'V1', 'm1'), owed('k2', 'V1', 'm2'), owed('k3', 'V2', 'm1'), owed('k5', 'V3', 'm1')],
      followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [k4Pending], openLaborConcerns: [],
    });
  });

  it('owes nothing at the end of May to a member whom a later correction found unable to work', () => {
    // k2's April survey, corrected on 06-15: m2 disabled, no capacity, not willing → not owed (uncorrected: owed 3)
    // k1 m2 was referred on 05-20 → owed 3 − 1 = 2; k7's job ended 04-30 and it relapsed 05-02 → owed 3 since 05-02
    expect(backlog('2016-05-31')).toEqual({
      division: 'R', asOf: '2016-05-31',
      referralsOwed: [
        owed('k1', 'V1', 'm1'), owed('k1', 'V1', 'm2', 1), owed('k2', 'V1', 'm1'), owed('k3', 'V2', 'm1'), owed('k5', 'V3', 'm1'),
        owed('k7', 'V4', 'm1', 0, '2016-05-02'),
      ],
      followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [k4Pending], openLaborConcerns: [],
    });
  });

  it('owes referrals in 2017 to a member of working age only by the corrected birth year', () => {
    // k3's m1: 2017 − 1958 = 59 as corrected (as registered 2017 − 1957 = 60, and owed nothing)
    // k6 cleared 2016-03-10, never visited: due 03-10 + 90 days = 06-08 (31 to 04-10, 30 to 05-10, 29 to 06-08)
    // the annual survey deadline (last day of February 2017) is not yet reached on 01-31
    expect(backlog('2017-01-31')).toEqual({
      division: 'R', asOf: '2017-01-31',
      referralsOwed: [
        owed('k1', 'V1', 'm1'), owed('k1', 'V1', 'm2', 1), owed('k2', 'V1', 'm1'), owed('k3', 'V2', 'm1'), owed('k5', 'V3', 'm1'),
        owed('k7', 'V4', 'm1', 0, '2016-05-02'),
      ],
      followUpsOverdue: [{ householdId: 'k6', divisionCode: 'V3', clearedOn: '2016-03-10', lastVisitOn: null, dueOn: '2016-06-08' }],
      surveyUpdatesMissing: [], clearancePending: [k4Pending], openLaborConcerns: [],
    });
  });

  it('leaves the annual clearance of 2016 to the statuses, which no correction here touches', () => {
    // baseline: all 7 identified 2016-01-10 ≤ 07-31; target ceil(7 × 0.25) = ceil(1.75) = 2
    // at 12-31: k6 cleared (no concern) → baselineCleared 1, achievement 1 / 2 = 0.5; k7 relapsed 05-02 → identified
    // stockAtEnd: k1 k2 k3 k4 k5 k7 = 6; cleared in 2016: k7 02-10, k6 03-10 = 2; relapsed: k7 = 1
    expect(agreedOn(answered, (r) => r.clearanceReport({ year: 2016 }))).toEqual({
      division: 'R', year: 2016, baseline: 7, cumulativeShare: 0.25, target: 2, baselineCleared: 1, underReview: 0, achievement: 0.5,
      identifiedInYear: 7, clearedInYear: 2, relapsedInYear: 1, stockAtEnd: 6, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    });
  });

  it('verifyLog decides every correction again and finds neither an anomaly nor a late recording', async () => {
    // Fed in business-date order, as a clock would have appended it (every command is keyed at noon of its day).
    const store = new InMemoryEventStore();
    await feed(store, [...correctedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)), context, { strict: true });
    const result = await verifyLog(store, context);
    // 7 households; commands = events, since no follow-up raises a concern; 8 of them are corrections (k6 has two)
    expect(result.streams).toBe(7);
    expect(result.events).toBe(correctedHouseholds.flat().length);
    expect(result.anomalies).toEqual([]);
    expect(result.notices).toEqual([]);
  });
});
