import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import type { HouseholdCommand } from '@hearth/domain';
import { DirectReports, householdHistory, openProjections, Projections, verifyLog } from '../src';
import { feed } from './support/feed';
import { handWorkedHouseholds, recordedAt } from './support/hand-worked-region';
import { context, policy, region } from './support/region';
import { noEndings as reasons, noForms as forms, noPlaces as places, noTrainings as zero } from './support/empty-progress';

/**
 * The figures of domain.md §5 for the eight hand-written households of
 * support/hand-worked-region.ts, worked out by hand. Two stores receive the same
 * commands, one household after another and all households day by day: the reports must
 * not notice the difference, and the direct computation must agree with both.
 */
describe('a hand-worked region', () => {
  let byHousehold: { store: SqliteEventStore; p: Projections };
  let byDay: { store: InMemoryEventStore; p: Projections };
  let direct: DirectReports;

  beforeAll(async () => {
    const store = SqliteEventStore.open(':memory:');
    const p = openProjections(store, { policy, divisions: region });
    await p.runner.start(); // follows live while the commands go in
    const fed = await feed(store, handWorkedHouseholds.flat(), context, { strict: true, recordedAt });
    await p.runner.waitFor(fed.lastPosition);
    byHousehold = { store, p };

    const dayOrder: HouseholdCommand[] = [...handWorkedHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const other = new InMemoryEventStore();
    await feed(other, dayOrder, context, { strict: true, recordedAt });
    const q = openProjections(other, { policy, divisions: region });
    await q.runner.catchUp();
    byDay = { store: other, p: q };
    direct = await DirectReports.load(store, context);
  });

  afterAll(async () => {
    await byHousehold.p.close();
    await byHousehold.store.close();
    await byDay.p.close();
    await byDay.store.close();
  });

  /** Asks all three implementations, checks they agree, and returns the answer. */
  const clearance = (year: number, division?: string) => {
    const q = division === undefined ? { year } : { year, division };
    const a = byHousehold.p.reports.clearanceReport(q);
    expect(byDay.p.reports.clearanceReport(q)).toEqual(a);
    expect(direct.clearanceReport(q)).toEqual(a);
    return a;
  };
  const monthly = (month: string) => {
    const a = byHousehold.p.reports.monthlyReport({ month });
    expect(byDay.p.reports.monthlyReport({ month })).toEqual(a);
    expect(direct.monthlyReport({ month })).toEqual(a);
    return a;
  };
  const progress = (month: string) => {
    const a = byHousehold.p.reports.progressReport({ month });
    expect(byDay.p.reports.progressReport({ month })).toEqual(a);
    expect(direct.progressReport({ month })).toEqual(a);
    return a;
  };
  const backlog = (asOf: string) => {
    const a = byHousehold.p.reports.backlogReport({ asOf });
    expect(byDay.p.reports.backlogReport({ asOf })).toEqual(a);
    expect(direct.backlogReport({ asOf })).toEqual(a);
    return a;
  };

  it('annual clearance 2016 for the region', () => {
    // baseline: first identified on or before 2016-07-31: h1 04-01, h2 05-10, h3 06-01, h5 07-31, h6 06-20, h8 02-01 = 6
    //   (h4 08-15 is after the cutoff; h7 was never identified)
    // target = ceil(6 × 0.25) = ceil(1.5) = 2
    // end of 2016: h1 cleared; h2 cleared with a concern open (under review); h3 identified (relapsed 10-20);
    //   h4 withdrawn; h5 exempted; h6 identified; h7 withdrawn; h8 identified
    // baselineCleared = {h1} = 1; underReview = {h2} = 1; achievement = 1 / 2
    // identified in 2016: h1 h2 h3 h4 h5 h6 h8 = 7; cleared: h1 h2 h3 = 3; relapsed: h3 = 1
    // stockAtEnd = {h3, h6, h8} = 3; withdrawn: h4 h7 = 2; exempted: h5 = 1; deregistered: 0
    expect(clearance(2016)).toEqual({
      division: 'R', year: 2016, baseline: 6, cumulativeShare: 0.25, target: 2, baselineCleared: 1, underReview: 1, achievement: 0.5,
      identifiedInYear: 7, clearedInYear: 3, relapsedInYear: 1, stockAtEnd: 3, withdrawnInYear: 2, exemptedInYear: 1, deregisteredInYear: 0,
    });
  });

  it('annual clearance 2017 for the region', () => {
    // cumulative share 0.25 + 0.30 = 0.55; target = ceil(6 × 0.55) = ceil(3.3) = 4
    // end of 2017: h1 cleared; h2 cleared, concern resolved 2017-02-01; h3 cleared again 2017-03-10;
    //   h6 deregistered 2017-01-15; h8 still identified
    // baselineCleared = {h1, h2, h3} = 3; achievement = 3 / 4; stockAtEnd = {h8}
    expect(clearance(2017)).toEqual({
      division: 'R', year: 2017, baseline: 6, cumulativeShare: 0.55, target: 4, baselineCleared: 3, underReview: 0, achievement: 0.75,
      identifiedInYear: 0, clearedInYear: 1, relapsedInYear: 0, stockAtEnd: 1, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 1,
    });
  });

  it('annual clearance 2016 by township, with h7 counted where its corrected registration puts it', () => {
    // T1 = V1 {h1, h2, h8} + V2 {h3, h4}: baseline h1 h2 h8 h3 = 4, target ceil(4 × 0.25) = 1, cleared without concern {h1}
    // T2 = V3 {h5, h6, h7}: baseline h5 h6 = 2, target ceil(2 × 0.25) = ceil(0.5) = 1, nobody cleared: achievement 0
    const byChild = byHousehold.p.reports.clearanceReport({ year: 2016, division: 'C1', byChild: true });
    expect(direct.clearanceReport({ year: 2016, division: 'C1', byChild: true })).toEqual(byChild);
    expect(byChild).toEqual({
      division: 'C1',
      year: 2016,
      rows: [
        { division: 'T1', year: 2016, baseline: 4, cumulativeShare: 0.25, target: 1, baselineCleared: 1, underReview: 1, achievement: 1,
          identifiedInYear: 5, clearedInYear: 3, relapsedInYear: 1, stockAtEnd: 2, withdrawnInYear: 1, exemptedInYear: 0, deregisteredInYear: 0 },
        { division: 'T2', year: 2016, baseline: 2, cumulativeShare: 0.25, target: 1, baselineCleared: 0, underReview: 0, achievement: 0,
          identifiedInYear: 2, clearedInYear: 0, relapsedInYear: 0, stockAtEnd: 1, withdrawnInYear: 1, exemptedInYear: 1, deregisteredInYear: 0 },
      ],
    });
    // A county with no household has a zero target, hence no achievement.
    expect(clearance(2016, 'C2')).toMatchObject({ baseline: 0, target: 0, achievement: null });
  });

  it('the monthly dynamic-clearance table, month by month', () => {
    // [month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd]
    const expected: [string, ...number[]][] = [
      ['2016-01', 0, 0, 0, 0, 0, 0, 0, 0],
      ['2016-02', 0, 1, 0, 0, 0, 0, 0, 1], // h8 identified
      ['2016-03', 1, 0, 0, 0, 0, 0, 0, 1],
      ['2016-04', 1, 1, 0, 0, 0, 0, 0, 2], // h1
      ['2016-05', 2, 1, 0, 0, 0, 0, 0, 3], // h2
      ['2016-06', 3, 2, 1, 0, 0, 0, 0, 4], // h3, h6 in; h1 cleared
      ['2016-07', 4, 1, 1, 0, 0, 0, 0, 4], // h5 in (07-31); h3 cleared
      ['2016-08', 4, 1, 1, 0, 0, 0, 0, 4], // h4 in; h2 cleared
      ['2016-09', 4, 0, 0, 0, 0, 0, 0, 4],
      ['2016-10', 4, 0, 0, 1, 0, 0, 0, 5], // h3 relapsed; h7 withdrew from `applied`: not a move out of the stock
      ['2016-11', 5, 0, 0, 0, 0, 1, 0, 4], // h5 exempted
      ['2016-12', 4, 0, 0, 0, 1, 0, 0, 3], // h4 withdrew
      ['2017-01', 3, 0, 0, 0, 0, 0, 1, 2], // h6 deregistered
      ['2017-03', 2, 0, 1, 0, 0, 0, 0, 1], // h3 cleared again
    ];
    for (const [month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd] of expected)
      expect(monthly(month)).toEqual({ division: 'R', month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd });
  });

  it('the monthly progress table for June 2016', () => {
    // surveyed in June: h6 m1 = 1
    // eligible at 06-30 (working age, able, willing, household in the programme): m1 of h1 h2 h3 h4 h5 h6 h8 = 7
    //   (h1 m2 is a child unable to work; h8 m2 is 66; h7 is not registered yet)
    // h8: referral r1 made 06-02 and declined 06-04, r2 made 06-20; training t1 vocational offered, accepted, completed;
    //   t2 language offered and declined. h1: employed 06-01 (enterprise, local). Income for June: h1 2000.
    expect(progress('2016-06')).toEqual({
      division: 'R', month: '2016-06', membersSurveyed: 1, eligibleMembers: 7,
      trainingsOffered: { ...zero, vocational: 1, language: 1 }, trainingsAccepted: { ...zero, vocational: 1 },
      trainingsDeclined: { ...zero, language: 1 }, trainingsCompleted: { ...zero, vocational: 1 },
      referralsMade: 2, referralsAccepted: 0, referralsDeclined: 1, membersReferred: 1,
      employmentsStartedByForm: { ...forms, enterprise: 1 }, employmentsStartedByPlace: { ...places, local: 1 },
      employmentsEndedByReason: reasons, incomeRecords: 1, medianMonthlyIncome: 2000, meanMonthlyIncome: 2000,
    });
  });

  it('the monthly progress table for August 2016 uses the corrected income', () => {
    // incomes for 2016-08: h1 2100.50, h2 1500, h3 1700 corrected to 1800 (a correction recorded in 2017)
    // median = 1800; mean = (2100.50 + 1500 + 1800) / 3 = 1800.1666… → 1800.17
    // (uncorrected it would be median 1700, mean 1766.83)
    expect(progress('2016-08')).toMatchObject({
      eligibleMembers: 7, employmentsStartedByForm: { ...forms, flexible: 1 }, employmentsStartedByPlace: { ...places, 'in-region': 1 },
      incomeRecords: 3, medianMonthlyIncome: 1800, meanMonthlyIncome: 1800.17,
    });
    // October: h3's seasonal job ended; h7 withdrew, so its willing member no longer counts.
    expect(progress('2016-10')).toMatchObject({ eligibleMembers: 7, employmentsEndedByReason: { ...reasons, 'seasonal-end': 1 } });
    // December: h4 withdrew and h5 was exempted: 5 eligible; h8 accepted r2 and started out of the region.
    expect(progress('2016-12')).toMatchObject({
      eligibleMembers: 5, referralsAccepted: 1, employmentsStartedByPlace: { ...places, 'out-of-region': 1 }, incomeRecords: 0, medianMonthlyIncome: null,
    });
  });

  it('the service backlog at the end of 2016', () => {
    // referrals owed: h3 (identified again by its relapse on 10-20: decision 116) and h6 (identified 06-20) have had none;
    // h8's member is employed since 12-28
    // follow-up: h1 cleared 06-15, visited 09-10 → due 09-10 + 90 days = 12-09, overdue; h2 visited 11-01 → due 2017-01-30
    // survey updates: the first deadline is 2017-02-28
    // clearance pending: h8 is identified with employment e1 active
    // open concern: h2's, raised 11-01, open 60 days at 12-31
    expect(backlog('2016-12-31')).toEqual({
      division: 'R',
      asOf: '2016-12-31',
      referralsOwed: [
        { householdId: 'h3', divisionCode: 'V2', memberId: 'm1', identifiedOn: '2016-10-20', referrals: 0, owed: 3 },
        { householdId: 'h6', divisionCode: 'V3', memberId: 'm1', identifiedOn: '2016-06-20', referrals: 0, owed: 3 },
      ],
      followUpsOverdue: [{ householdId: 'h1', divisionCode: 'V1', clearedOn: '2016-06-15', lastVisitOn: '2016-09-10', dueOn: '2016-12-09' }],
      surveyUpdatesMissing: [],
      clearancePending: [{ householdId: 'h8', divisionCode: 'V1', activeEmploymentIds: ['e1'] }],
      openLaborConcerns: [
        { householdId: 'h2', divisionCode: 'V1', visitId: 'v1', raisedOn: '2016-11-01', indicators: ['wages-withheld'], daysOpen: 60 },
      ],
    });
  });

  it('the service backlog on 2017-03-01, after the first survey-update deadline', () => {
    // in the programme: h1, h2 (cleared), h3, h8 (identified); only h8 was surveyed between 2017-01-01 and 02-28
    // h2's follow-up fell due 2017-01-30; h3 started work on 03-01 and awaits clearance, like h8
    expect(backlog('2017-03-01')).toEqual({
      division: 'R',
      asOf: '2017-03-01',
      referralsOwed: [],
      followUpsOverdue: [
        { householdId: 'h1', divisionCode: 'V1', clearedOn: '2016-06-15', lastVisitOn: '2016-09-10', dueOn: '2016-12-09' },
        { householdId: 'h2', divisionCode: 'V1', clearedOn: '2016-08-20', lastVisitOn: '2016-11-01', dueOn: '2017-01-30' },
      ],
      surveyUpdatesMissing: [
        { householdId: 'h1', divisionCode: 'V1', deadline: '2017-02-28', lastSurveyOn: '2016-03-05' },
        { householdId: 'h2', divisionCode: 'V1', deadline: '2017-02-28', lastSurveyOn: '2016-03-05' },
        { householdId: 'h3', divisionCode: 'V2', deadline: '2017-02-28', lastSurveyOn: '2016-04-05' },
      ],
      clearancePending: [
        { householdId: 'h3', divisionCode: 'V2', activeEmploymentIds: ['e2'] },
        { householdId: 'h8', divisionCode: 'V1', activeEmploymentIds: ['e1'] },
      ],
      openLaborConcerns: [],
    });
  });

  it('household status rows as of a date', () => {
    const rows = byHousehold.p.reports.householdStatuses({ asOf: '2016-12-31', division: 'T2' });
    expect(rows).toEqual([
      { householdId: 'h5', divisionCode: 'V3', status: 'exempted', firstIdentifiedOn: '2016-07-31', baseline: true, openLaborConcerns: [] },
      { householdId: 'h6', divisionCode: 'V3', status: 'identified', firstIdentifiedOn: '2016-06-20', baseline: true, openLaborConcerns: [] },
      { householdId: 'h7', divisionCode: 'V3', status: 'withdrawn', firstIdentifiedOn: null, baseline: false, openLaborConcerns: [] },
    ]);
    expect(byHousehold.p.reports.householdStatuses({ asOf: '2016-12-31', division: 'V1' }).find((r) => r.householdId === 'h2')).toMatchObject({
      status: 'cleared', openLaborConcerns: ['v1'],
    });
  });

  it('an unknown division is an error, not an empty report', () => {
    expect(() => byHousehold.p.reports.clearanceReport({ year: 2016, division: 'NOPE' })).toThrow('unknown division "NOPE"');
  });

  it('the household history as of a date, and in full', async () => {
    const asOf = await householdHistory(byHousehold.store, 'h2', '2016-12-31', context);
    expect(asOf).toMatchObject({ householdId: 'h2', divisionCode: 'V1', asOf: '2016-12-31', status: 'cleared', openLaborConcerns: ['v1'] });
    expect(asOf.events.map((e) => e.type)).toEqual([
      'HouseholdRegistered', 'HouseholdSurveyed', 'IdentificationApplied', 'HouseholdIdentified', 'MemberEmployed',
      'HouseholdCleared', 'IncomeRecorded', 'FollowUpVisited', 'LaborConcernRaised',
    ]);
    expect(asOf.events.every((e) => e.hashOk && e.actor === 'caseworker-1' && e.note === null)).toBe(true);
    expect(asOf.members).toEqual([{ memberId: 'm1', birthYear: 1975, sex: null, removed: false, laborCapacity: 'partial', willing: true, eligible: true, employed: true }]);
    const full = await householdHistory(byHousehold.store, 'h2', undefined, context);
    expect(full).toMatchObject({ asOf: null, status: 'cleared', openLaborConcerns: [] });
    expect(full.events).toHaveLength(10);
    // Every event replays through the rules, as verify's replay finds.
    expect([asOf.anomalies, full.anomalies]).toEqual([[], []]);
    expect((await householdHistory(byHousehold.store, 'h7', undefined, context)).divisionCode).toBe('V3');
    await expect(householdHistory(byHousehold.store, 'nobody', undefined, context)).rejects.toThrow('unknown household');
  });

  it('verifyLog finds no anomaly and one late recording', async () => {
    // verifyLog also checks that recording times follow the log's order, as a real clock's
    // do; the stores above fake recording times in business-date order, so this one is
    // fed in the order the events were recorded.
    const inRecordingOrder = [...handWorkedHouseholds.flat()].sort((a, b) => (recordedAt(a) < recordedAt(b) ? -1 : recordedAt(a) > recordedAt(b) ? 1 : 0));
    const store = new InMemoryEventStore();
    await feed(store, inRecordingOrder, context, { strict: true, recordedAt });
    const result = await verifyLog(store, context);
    expect(result.streams).toBe(8);
    expect(result.events).toBe(
      handWorkedHouseholds.flat().length + 1, // h2's follow-up appended FollowUpVisited and LaborConcernRaised
    );
    expect(result.anomalies).toEqual([]);
    expect(result.notices).toEqual([
      { householdId: 'h4', position: expect.any(Number), kind: 'late-recording', detail: expect.stringContaining('50 days later') },
    ]);
  });
});
