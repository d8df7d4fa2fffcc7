import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { divisionHouseholds, divisionsContext } from './support/hand-worked-divisions';

const owed = (householdId: string, divisionCode: string, memberId: string, identifiedOn: string, referrals = 0) =>
  ({ householdId, divisionCode, memberId, identifiedOn, referrals, owed: 3 - referrals });
const overdue = (householdId: string, divisionCode: string, clearedOn: string, lastVisitOn: string | null, dueOn: string) =>
  ({ householdId, divisionCode, clearedOn, lastVisitOn, dueOn });
const unsurveyed = (householdId: string, divisionCode: string) => ({ householdId, divisionCode, deadline: '2017-02-28', lastSurveyOn: '2016-01-06' });
const nothingOwed = { referralsOwed: [], followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [] };

/**
 * The service backlog (domain.md §5) scoped to villages, townships and counties of the tree of
 * support/hand-worked-divisions.ts, asked of the three implementations, which must agree, and
 * compared with the lists worked out by hand. Each list holds the households of the division's
 * subtree only; x1, registered in V2 and corrected to V4 on 2017-03-15, is in V4 (county C2) on
 * every date, before the correction was recorded too (decision 5: as if recorded so).
 * Referrals owed count since the household's latest identification (a relapse's date, decision
 * 116) for households identified or cleared (decision 136); a follow-up is due 90 days after
 * the clearance or the last visit since it, overdue the day after; the lists' order (owed by
 * household and member, overdue follow-ups by due date, the others by household) is the code's:
 * the contract orders only the concerns ("oldest first").
 */
describe('a hand-worked region of divisions: the service backlog of a division', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(divisionHouseholds.flat(), divisionsContext);
  });
  afterAll(() => answered.close());

  const backlog = (asOf: string, division: string) => agreedOn(answered, (r) => r.backlogReport({ asOf, division }));

  it('village V2 on 2016-11-30: b1\'s declined referral still counts, and x1 is not listed there', () => {
    // b1 cleared 06-20 and its job ended 11-30 (not employed on the day it ends): m1 is owed 3 − 1 = 2, the referral
    // of 04-10 counted though declined; never visited: due 06-20 + 90 = 09-18 (10 to 06-30, 31 to 07-31, 31 to 08-31, 18)
    // x1 (cleared 08-10, due 11-08) would be overdue here as registered
    expect(backlog('2016-11-30', 'V2')).toEqual({
      ...nothingOwed, division: 'V2', asOf: '2016-11-30',
      referralsOwed: [owed('b1', 'V2', 'm1', '2016-04-01', 1)],
      followUpsOverdue: [overdue('b1', 'V2', '2016-06-20', null, '2016-09-18')],
    });
  });

  it('the two counties on 2016-12-31', () => {
    // C1: a2 m1 referred 04-05 and 04-20 since 03-01 → owed 1 (m2 works); b1 relapsed 12-05, nothing since → 3;
    //   c2 m2 (m1 works) and c3 m1 never referred → 3 each; c1 withdrew: owed nothing
    //   follow-ups: a1 cleared 05-10, due 08-08 (21 to 05-31, 30, 31, 8): overdue; a2 visited 12-01, due 2017-03-01;
    //   c2 cleared 10-20, due 2017-01-18
    //   a2's concern raised 12-01, open 30 days
    expect(backlog('2016-12-31', 'C1')).toEqual({
      ...nothingOwed, division: 'C1', asOf: '2016-12-31',
      referralsOwed: [
        owed('a2', 'V1', 'm1', '2016-03-01', 2), owed('b1', 'V2', 'm1', '2016-12-05'), owed('c2', 'V3', 'm2', '2016-08-15'), owed('c3', 'V3', 'm1', '2016-06-01'),
      ],
      followUpsOverdue: [overdue('a1', 'V1', '2016-05-10', null, '2016-08-08')],
      openLaborConcerns: [{ householdId: 'a2', divisionCode: 'V1', visitId: 'v1', raisedOn: '2016-12-01', indicators: ['wages-withheld'], daysOpen: 30 }],
    });
    // C2: every cleared member works; d2 exempted, e2 deregistered: nobody owed
    //   follow-ups: e1 cleared 04-01, due 06-30 (29, 31, 30); d1 visited 06-01, due 08-30 (29, 31, 30); x1 cleared 08-10, due 11-08
    expect(backlog('2016-12-31', 'C2')).toEqual({
      ...nothingOwed, division: 'C2', asOf: '2016-12-31',
      followUpsOverdue: [overdue('e1', 'V5', '2016-04-01', null, '2016-06-30'), overdue('d1', 'V4', '2016-03-15', '2016-06-01', '2016-08-30'), overdue('x1', 'V4', '2016-08-10', null, '2016-11-08')],
    });
  });

  it('the two counties on 2017-03-10, after the first survey-update deadline', () => {
    // Surveyed in 2017 by 02-28: a1 (02-10), d1 (02-20); every other household in the programme was last surveyed 2016-01-06
    // C1: owed as at the year end; follow-ups: a1 (08-08), c2 (2017-01-18), a2 (visited 12-01, due 2017-03-01: 30 to 12-31,
    //   31 to 01-31, 28 to 02-28, 1); a2's concern resolved 03-01; b1 and c3 identified, not working: nothing pending
    expect(backlog('2017-03-10', 'C1')).toEqual({
      ...nothingOwed, division: 'C1', asOf: '2017-03-10',
      referralsOwed: [
        owed('a2', 'V1', 'm1', '2016-03-01', 2), owed('b1', 'V2', 'm1', '2016-12-05'), owed('c2', 'V3', 'm2', '2016-08-15'), owed('c3', 'V3', 'm1', '2016-06-01'),
      ],
      followUpsOverdue: [overdue('a1', 'V1', '2016-05-10', null, '2016-08-08'), overdue('c2', 'V3', '2016-10-20', null, '2017-01-18'), overdue('a2', 'V1', '2016-09-15', '2016-12-01', '2017-03-01')],
      surveyUpdatesMissing: [unsurveyed('a2', 'V1'), unsurveyed('b1', 'V2'), unsurveyed('c2', 'V3'), unsurveyed('c3', 'V3')],
    });
    // C2: e1 dismissed 02-15, relapsed 02-20 → owed 3 since 02-20, and no longer due a follow-up; d1 and x1 still overdue
    expect(backlog('2017-03-10', 'C2')).toEqual({
      ...nothingOwed, division: 'C2', asOf: '2017-03-10',
      referralsOwed: [owed('e1', 'V5', 'm1', '2017-02-20')],
      followUpsOverdue: [overdue('d1', 'V4', '2016-03-15', '2016-06-01', '2016-08-30'), overdue('x1', 'V4', '2016-08-10', null, '2016-11-08')],
      surveyUpdatesMissing: [unsurveyed('e1', 'V5'), unsurveyed('x1', 'V4')],
    });
  });

  it('a township holds what its villages hold: T1 = V1 + V2, T3 = V4 + V5', () => {
    const lists = ['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'] as const;
    const households = (asOf: string, ...divisions: string[]) =>
      Object.fromEntries(lists.map((l) => [l, divisions.flatMap((d) => (backlog(asOf, d)[l] as readonly { householdId: string }[]).map((e) => e.householdId)).sort()]));
    // On 2017-03-10: V1 {a1, a2}, V2 {b1}, V4 {d1, x1}, V5 {e1}, as worked out in the counties' test above
    const t1 = { referralsOwed: ['a2', 'b1'], followUpsOverdue: ['a1', 'a2'], surveyUpdatesMissing: ['a2', 'b1'], clearancePending: [], openLaborConcerns: [] };
    expect(households('2017-03-10', 'T1')).toEqual(t1);
    expect(households('2017-03-10', 'V1', 'V2')).toEqual(t1);
    const t3 = { referralsOwed: ['e1'], followUpsOverdue: ['d1', 'x1'], surveyUpdatesMissing: ['e1', 'x1'], clearancePending: [], openLaborConcerns: [] };
    expect(households('2017-03-10', 'T3')).toEqual(t3);
    expect(households('2017-03-10', 'V4', 'V5')).toEqual(t3);
    expect(households('2017-03-10', 'V4')).toEqual({ ...t3, referralsOwed: [], surveyUpdatesMissing: ['x1'] });
  });
});
