import { InMemoryEventStore } from '@hearth/event-store';
import { verifyLog } from '../src';
import { feed } from './support/feed';
import { edgeHouseholds, edgesContext, edgesRecordedAt } from './support/hand-worked-edges';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { context as referenceContext } from './support/region';
import { noEndings as reasons, noForms as forms, noPlaces as places, nothingInMonth as nothing } from './support/empty-progress';

/**
 * The second hand-worked region (support/hand-worked-edges.ts; its clearance figures in
 * hand-worked-edges-clearance.spec.ts): the progress table, the service backlog and the
 * audit on its edges, each figure asked of the three implementations, which must agree, and
 * compared with the one worked out by hand from domain.md's words (the arithmetic is in the
 * comments).
 */
describe('a hand-worked region on the edges of the report definitions: service and audit', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(edgeHouseholds.flat(), edgesContext, edgesRecordedAt);
  });
  afterAll(() => answered.close());

  const progress = (month: string) => agreedOn(answered, (r) => r.progressReport({ month }));
  const backlog = (asOf: string) => agreedOn(answered, (r) => r.backlogReport({ asOf }));

  it('the progress table for January 2016 counts the income keyed in February for January', () => {
    // surveyed in January: e1 e2 e3 e5(m1, m2) e6 e7 e8 e9 e10 = 10 members (e4 is surveyed 02-02)
    // eligible at 01-31: the same 10 (e4 is registered 02-01); e6 cleared on 01-31 is still in the programme
    // e6 started enterprise, in-region on 01-25; its January income (1500) was keyed on 02-01 (decision 145)
    expect(progress('2016-01')).toEqual({
      ...nothing, division: 'R', month: '2016-01', membersSurveyed: 10, eligibleMembers: 10,
      employmentsStartedByForm: { ...forms, enterprise: 1 }, employmentsStartedByPlace: { ...places, 'in-region': 1 },
      incomeRecords: 1, medianMonthlyIncome: 1500, meanMonthlyIncome: 1500,
    });
  });

  it('the progress table for February 2016 counts what happened on the 1st and on the 29th', () => {
    // surveyed: e4 m1 = 1; eligible at 02-29: 11 members of 10 households (e5 has two)
    // started: e3 ja enterprise 02-01, e9 ja enterprise 02-15, e3 jb self-employed 02-29, all local
    // ended: e3 ja, quit 02-10
    expect(progress('2016-02')).toEqual({
      ...nothing, division: 'R', month: '2016-02', membersSurveyed: 1, eligibleMembers: 11,
      employmentsStartedByForm: { ...forms, enterprise: 2, 'self-employed': 1 }, employmentsStartedByPlace: { ...places, local: 3 },
      employmentsEndedByReason: { ...reasons, quit: 1 },
    });
  });

  it('the progress table for April 2016 counts a member referred twice once among the members referred', () => {
    // referrals made: e5 m1 r1 (04-01) and r2 (04-30), e5 m2 r3 (04-30), e8 m1 r1 (04-15) = 4; declined: e5 r1 = 1
    // distinct members referred: e5 {m1, m2} + e8 {m1} = 3 (member ids are unique within a household only)
    // started: e9 jb flexible local (the same member's second job); eligible at 04-30: 11
    expect(progress('2016-04')).toEqual({
      ...nothing, division: 'R', month: '2016-04', eligibleMembers: 11,
      referralsMade: 4, referralsDeclined: 1, membersReferred: 3,
      employmentsStartedByForm: { ...forms, flexible: 1 }, employmentsStartedByPlace: { ...places, local: 1 },
    });
  });

  it('the progress table for May 2016 leaves out households that left on the last day of the month', () => {
    // at 05-31: e5 withdrew 05-31, e6 withdrew 05-20, e7 deregistered 05-20, e8 deregistered 05-31, e10 exempted 05-01
    // eligible: m1 of e1 e2 e3 e4 e9 = 5
    expect(progress('2016-05')).toEqual({ ...nothing, division: 'R', month: '2016-05', eligibleMembers: 5 });
  });

  it('the progress table for December 2016 takes the median of an even number of incomes', () => {
    // incomes for 2016-12: e9 ja 700, e1 ja 1000, e2 ja 1400.60 (keyed 2017-01-01), e9 jb 2000 (the same member's second job)
    // median = (1000 + 1400.60) / 2 = 1200.30; mean = (700 + 1000 + 1400.60 + 2000) / 4 = 5100.60 / 4 = 1275.15
    // started: e1 flexible, e2 enterprise, both local; ended: e4 jb seasonal-end 12-20
    // eligible at 12-31: m1 of e1 e2 e3 e4 e9, and e12's m1 (2016 − 1957 = 59; its m2 is 2016 − 2001 = 15) = 6
    expect(progress('2016-12')).toEqual({
      ...nothing, division: 'R', month: '2016-12', eligibleMembers: 6,
      employmentsStartedByForm: { ...forms, flexible: 1, enterprise: 1 }, employmentsStartedByPlace: { ...places, local: 2 },
      employmentsEndedByReason: { ...reasons, 'seasonal-end': 1 },
      incomeRecords: 4, medianMonthlyIncome: 1200.3, meanMonthlyIncome: 1275.15,
    });
  });

  it('the service backlog at the end of April 2016: a follow-up due that day is not yet overdue', () => {
    // referrals owed (identified, willing, unemployed; referrals since the latest identification, declined ones too):
    //   e5 m1 identified 03-15, r1 + r2 = 2 → owed 1; e5 m2 r3 = 1 → owed 2; e8 m1 r1 = 1 → owed 2; e10 m1 0 → owed 3
    //   (e4's member has worked since 03-10)
    // follow-ups: e6 cleared 01-31 → due 01-31 + 90 days = 04-30 (29 days to 02-29, 31 to 03-31, 30 to 04-30), not overdue on the day;
    //   e3 cleared 02-29 → due 05-29; e9 cleared 03-01 → due 05-30
    // clearance pending: e4 identified with ja active
    const owed = (householdId: string, divisionCode: string, memberId: string, identifiedOn: string, referrals: number) =>
      ({ householdId, divisionCode, memberId, identifiedOn, referrals, owed: 3 - referrals });
    expect(backlog('2016-04-30')).toEqual({
      division: 'R',
      asOf: '2016-04-30',
      referralsOwed: [
        owed('e10', 'V4', 'm1', '2016-04-30', 0),
        owed('e5', 'V3', 'm1', '2016-03-15', 2),
        owed('e5', 'V3', 'm2', '2016-03-15', 1),
        owed('e8', 'V4', 'm1', '2016-02-29', 1),
      ],
      followUpsOverdue: [],
      surveyUpdatesMissing: [],
      clearancePending: [{ householdId: 'e4', divisionCode: 'V2', activeEmploymentIds: ['ja'] }],
      openLaborConcerns: [],
    });
    expect(backlog('2016-05-01').followUpsOverdue).toEqual([
      { householdId: 'e6', divisionCode: 'V3', clearedOn: '2016-01-31', lastVisitOn: null, dueOn: '2016-04-30' },
    ]);
  });

  it('the service backlog at the end of 2016: a concern resolved on the day is closed, a relapse on the day owes referrals', () => {
    // referrals owed: e4 relapsed 12-31, its job ended 12-20, no referral since → owed 3; e12 m1 (59) identified 12-01 → owed 3
    // follow-ups overdue: e3 cleared 02-29, never visited → due 05-29; e9 cleared 03-01 → due 05-30;
    //   e1 and e2 visited 12-10 → due 2017-03-10
    // open concerns: e2's, raised 12-10, open 21 days at 12-31; e1's was resolved on 12-31
    expect(backlog('2016-12-31')).toEqual({
      division: 'R',
      asOf: '2016-12-31',
      referralsOwed: [
        { householdId: 'e12', divisionCode: 'V3', memberId: 'm1', identifiedOn: '2016-12-01', referrals: 0, owed: 3 },
        { householdId: 'e4', divisionCode: 'V2', memberId: 'm1', identifiedOn: '2016-12-31', referrals: 0, owed: 3 },
      ],
      followUpsOverdue: [
        { householdId: 'e3', divisionCode: 'V2', clearedOn: '2016-02-29', lastVisitOn: null, dueOn: '2016-05-29' },
        { householdId: 'e9', divisionCode: 'V4', clearedOn: '2016-03-01', lastVisitOn: null, dueOn: '2016-05-30' },
      ],
      surveyUpdatesMissing: [],
      clearancePending: [],
      openLaborConcerns: [
        { householdId: 'e2', divisionCode: 'V1', visitId: 'v1', raisedOn: '2016-12-10', indicators: ['debt'], daysOpen: 21 },
      ],
    });
  });

  it('on 1 January a member of 59 ages out and one of 15 comes of working age', () => {
    // age = calendar year − birth year: e12's m1 is 2017 − 1957 = 60, out of 16..59; m2 is 2017 − 2001 = 16, in.
    // Referrals are owed to the eligible members at the date asked (domain.md §5), so now to m2, whom the
    // identification of 12-01 did not find eligible; e4 was cleared on 01-01 and owes nothing.
    expect(backlog('2017-01-01').referralsOwed).toEqual([
      { householdId: 'e12', divisionCode: 'V3', memberId: 'm2', identifiedOn: '2016-12-01', referrals: 0, owed: 3 },
    ]);
    // eligible at 2017-01-31: m1 of e1 e2 e3 e4 e9 and e12's m2 = 6; e4 jc started enterprise, local on 01-01;
    // December's incomes keyed in January count in December, none is for January
    expect(progress('2017-01')).toEqual({
      ...nothing, division: 'R', month: '2017-01', eligibleMembers: 6,
      employmentsStartedByForm: { ...forms, enterprise: 1 }, employmentsStartedByPlace: { ...places, local: 1 },
    });
  });

  it('the service backlog on 2016-10-31 owes nothing to a household that withdrew the day it was identified', () => {
    // identified and unemployed on 10-31: e1 (since 07-31), e2 (since 08-01), e4 (relapsed 09-01, job ended 08-31); none referred
    // e11 was identified and withdrew on 10-31: out of the programme, owed nothing
    expect(backlog('2016-10-31').referralsOwed).toEqual([
      { householdId: 'e1', divisionCode: 'V1', memberId: 'm1', identifiedOn: '2016-07-31', referrals: 0, owed: 3 },
      { householdId: 'e2', divisionCode: 'V1', memberId: 'm1', identifiedOn: '2016-08-01', referrals: 0, owed: 3 },
      { householdId: 'e4', divisionCode: 'V2', memberId: 'm1', identifiedOn: '2016-09-01', referrals: 0, owed: 3 },
    ]);
  });
  it('verifyLog finds the back-dated clearance allowed, and a notice only for a recording more than 30 days late', async () => {
    // Fed in recording order, as a real clock would have appended it (see hand-worked-region.spec.ts).
    const keyed = [...edgeHouseholds.flat()].sort((a, b) => (edgesRecordedAt(a) < edgesRecordedAt(b) ? -1 : edgesRecordedAt(a) > edgesRecordedAt(b) ? 1 : 0));
    const store = new InMemoryEventStore();
    await feed(store, keyed, edgesContext, { strict: true, recordedAt: edgesRecordedAt });
    const result = await verifyLog(store, edgesContext);
    expect(result.streams).toBe(12);
    expect(result.events).toBe(edgeHouseholds.flat().length + 2); // e1's and e2's visits each also raised a concern
    expect(result.anomalies).toEqual([]);
    // e11's withdrawal of 10-31 keyed 11-30 is 30 days late: no notice; e10's exemption of 05-01 keyed 06-01 is 31
    expect(result.notices).toEqual([
      { householdId: 'e10', position: expect.any(Number), kind: 'late-recording', detail: expect.stringContaining('31 days later') },
    ]);
    // Under the reference policy's allowance of 0 days the Decider would have refused e6's clearance: an anomaly.
    const strict = await verifyLog(store, referenceContext);
    expect(strict.anomalies).toEqual([
      { householdId: 'e6', position: expect.any(Number), kind: 'rejected', detail: expect.stringMatching(/^HouseholdCleared: .*BACKDATED: business date 2016-01-31/) },
    ]);
  });
});
