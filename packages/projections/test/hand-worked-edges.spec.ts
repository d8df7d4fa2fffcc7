import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { HouseholdCommand, householdStream } from '@hearth/domain';
import { DirectReports, openProjections, Projections, verifyLog } from '../src';
import { feed } from './support/feed';
import { edgeHouseholds, edgesContext, edgesRecordedAt } from './support/hand-worked-edges';
import { context as referenceContext } from './support/region';

/** What the read models and the direct fold both answer. */
type Reports = Pick<DirectReports, 'clearanceReport' | 'monthlyReport' | 'progressReport' | 'backlogReport'>;

/**
 * A second hand-worked region, on the edges of domain.md §5: the baseline cutoff and the
 * day after, a clearance and relapse twice in one month and across a year end, exits from
 * `identified` beside exits from other statuses, a labour concern closed on 31 December
 * beside one closed on 1 January, Feb 29, an identification and a withdrawal on one day, an
 * even number of incomes, a back-dated clearance, and late recordings either side of 30
 * days. As in hand-worked-region.spec.ts, two stores get the same commands (household by
 * household with the runner following live; all of them in business-date order, caught
 * up), the direct computation must agree with both, and the figure is the one worked out by
 * hand from the contract's words (the arithmetic is in the comments).
 */
describe('a hand-worked region on the edges of the report definitions', () => {
  let byHousehold: { store: SqliteEventStore; p: Projections };
  let byDay: { store: InMemoryEventStore; p: Projections };
  let direct: DirectReports;

  beforeAll(async () => {
    const store = SqliteEventStore.open(':memory:');
    const p = openProjections(store, edgesContext);
    await p.runner.start();
    const fed = await feed(store, edgeHouseholds.flat(), edgesContext, { strict: true, recordedAt: edgesRecordedAt });
    await p.runner.waitFor(fed.lastPosition);
    byHousehold = { store, p };

    // Sorting by business date puts e6's clearance (01-31) before its income (02-01): the
    // other order from the first store, where it was appended as it was keyed.
    const dayOrder: HouseholdCommand[] = [...edgeHouseholds.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const other = new InMemoryEventStore();
    await feed(other, dayOrder, edgesContext, { strict: true, recordedAt: edgesRecordedAt });
    const q = openProjections(other, edgesContext);
    await q.runner.catchUp();
    byDay = { store: other, p: q };
    direct = await DirectReports.load(store, edgesContext);
  });

  afterAll(async () => {
    await byHousehold.p.close();
    await byHousehold.store.close();
    await byDay.p.close();
    await byDay.store.close();
  });

  /** Asks all three implementations, checks they agree, and returns the answer. */
  const agreed = <T>(ask: (r: Reports) => T): T => {
    const a = ask(byHousehold.p.reports);
    expect(ask(byDay.p.reports)).toEqual(a);
    expect(ask(direct)).toEqual(a);
    return a;
  };
  const clearance = (year: number, division?: string) => agreed((r) => r.clearanceReport(division === undefined ? { year } : { year, division }));
  const monthly = (month: string) => agreed((r) => r.monthlyReport({ month }));
  const progress = (month: string) => agreed((r) => r.progressReport({ month }));
  const backlog = (asOf: string) => agreed((r) => r.backlogReport({ asOf }));

  it('holds e6\'s back-dated clearance after its income in the store fed as keyed, and before it in the other', async () => {
    const order = async (store: SqliteEventStore | InMemoryEventStore) =>
      (await store.readStream(householdStream('e6'))).map((e) => `${e.type} ${e.metadata.occurredOn}`).slice(5, 7);
    expect(await order(byHousehold.store)).toEqual(['IncomeRecorded 2016-02-01', 'HouseholdCleared 2016-01-31']);
    expect(await order(byDay.store)).toEqual(['HouseholdCleared 2016-01-31', 'IncomeRecorded 2016-02-01']);
  });

  it('annual clearance 2016: the cutoff day is in the baseline, the day after is not, and a second clearance in a year counts twice', () => {
    // baseline (first HouseholdIdentified ≤ 2016-07-31): e1 07-31, e3 01-31, e4 03-01, e5 03-15, e6 01-10,
    //   e8 02-29, e9 01-20, e10 04-30 = 8; not e2 (08-01), e11 (10-31) nor e12 (12-01), not e7 (never identified)
    // target = ceil(8 × 0.25) = 2
    // end of 2016: e1 cleared, its concern resolved on 12-31 → baselineCleared; e3 cleared 02-29 and e9 cleared
    //   03-01 → baselineCleared; so baselineCleared = {e1, e3, e9} = 3, achievement = 3 / 2 = 1.5
    //   e2 cleared with its concern open until 2017-01-01 → underReview = 1 (not baseline, but the definition
    //   of underReview does not ask for the baseline)
    //   (baseline keeps e5, e8 and e10, which left the programme in May: the definition does not look at later status)
    // identifiedInYear: e1 e2 e3 e4 e5 e6 e8 e9 e10 e11 e12 = 11 (a relapse is not an identification)
    // clearedInYear: e1 1 + e2 1 + e3 2 (02-01, 02-29) + e4 2 (06-30, 11-30) + e6 1 (01-31) + e9 1 = 8
    // relapsedInYear: e3 1 + e4 2 (09-01, 12-31) = 3; stockAtEnd = {e4 (relapsed on 12-31), e12} = 2
    // withdrawn: e5 (from identified), e6 (from cleared), e11 (identified the same day) = 3; exempted: e7 (from applied), e10 (from identified) = 2;
    // deregistered: e7 (from exempted), e8 (from identified) = 2
    expect(clearance(2016)).toEqual({
      division: 'R', year: 2016, baseline: 8, cumulativeShare: 0.25, target: 2, baselineCleared: 3, underReview: 1, achievement: 1.5,
      identifiedInYear: 11, clearedInYear: 8, relapsedInYear: 3, stockAtEnd: 2, withdrawnInYear: 3, exemptedInYear: 2, deregisteredInYear: 2,
    });
  });

  it('annual clearance 2017: a clearance on 1 January belongs to the new year, and a resolved concern of a non-baseline household counts nowhere', () => {
    // cumulative share 0.25 + 0.30 = 0.55; target = ceil(8 × 0.55) = ceil(4.4) = 5
    // end of 2017: e1, e3, e9 cleared; e4 cleared again on 2017-01-01 → baselineCleared = 4, achievement = 4 / 5 = 0.8
    //   e2 cleared, concern resolved 2017-01-01, but not baseline → neither baselineCleared nor underReview
    // clearedInYear: e4 = 1; nothing else happens to a status in 2017; stockAtEnd = {e12} = 1
    expect(clearance(2017)).toEqual({
      division: 'R', year: 2017, baseline: 8, cumulativeShare: 0.55, target: 5, baselineCleared: 4, underReview: 0, achievement: 0.8,
      identifiedInYear: 0, clearedInYear: 1, relapsedInYear: 0, stockAtEnd: 1, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    });
  });

  it('annual clearance 2016 of the village holding the cutoff pair', () => {
    // V1 = {e1, e2}: baseline {e1} = 1, target ceil(1 × 0.25) = ceil(0.25) = 1
    // baselineCleared {e1} = 1 (concern closed 12-31), underReview {e2} = 1 (closed 2017-01-01), achievement 1 / 1 = 1
    expect(clearance(2016, 'V1')).toEqual({
      division: 'V1', year: 2016, baseline: 1, cumulativeShare: 0.25, target: 1, baselineCleared: 1, underReview: 1, achievement: 1,
      identifiedInYear: 2, clearedInYear: 2, relapsedInYear: 0, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    });
  });

  it('annual clearance 2016 of the village where every exit is, and of years outside the target table', () => {
    // V4 = {e7, e8, e9, e10}: baseline e8 (02-29), e9, e10 = 3, target ceil(3 × 0.25) = ceil(0.75) = 1
    // end of 2016: e9 cleared → baselineCleared 1, achievement 1 / 1 = 1; identified e8 e9 e10 = 3; cleared e9 = 1
    // exempted e7 (from applied), e10 (from identified) = 2; deregistered e7 (from exempted), e8 (from identified) = 2
    expect(clearance(2016, 'V4')).toEqual({
      division: 'V4', year: 2016, baseline: 3, cumulativeShare: 0.25, target: 1, baselineCleared: 1, underReview: 0, achievement: 1,
      identifiedInYear: 3, clearedInYear: 1, relapsedInYear: 0, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 2, deregisteredInYear: 2,
    });
    // 2015: no share yet, so cumulativeShare 0, target 0 and achievement null; the baseline is defined without a year, so 8
    expect(clearance(2015)).toEqual({
      division: 'R', year: 2015, baseline: 8, cumulativeShare: 0, target: 0, baselineCleared: 0, underReview: 0, achievement: null,
      identifiedInYear: 0, clearedInYear: 0, relapsedInYear: 0, stockAtEnd: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0,
    });
    // 2020: 0.25 + 0.30 + 0.20 + 0.15 + 0.10 = 1; target = ceil(8 × 1) = 8 (not 9, as a floating-point sum might give);
    // still cleared at end of 2020: e1, e3, e4, e9 → 4 / 8 = 0.5; e12 still in the stock
    expect(clearance(2020)).toMatchObject({ baseline: 8, cumulativeShare: 1, target: 8, baselineCleared: 4, underReview: 0, achievement: 0.5, stockAtEnd: 1 });
  });

  it('household statuses on the cutoff day and the day after', () => {
    // On 07-31 e1 is identified that day (baseline); e2 has only applied. On 08-01 e2 is identified, after the cutoff.
    const rows = (asOf: string) => {
      const a = byHousehold.p.reports.householdStatuses({ asOf, division: 'V1' });
      expect(byDay.p.reports.householdStatuses({ asOf, division: 'V1' })).toEqual(a);
      return a;
    };
    expect(rows('2016-07-31')).toEqual([
      { householdId: 'e1', divisionCode: 'V1', status: 'identified', firstIdentifiedOn: '2016-07-31', baseline: true, openLaborConcerns: [] },
      { householdId: 'e2', divisionCode: 'V1', status: 'applied', firstIdentifiedOn: null, baseline: false, openLaborConcerns: [] },
    ]);
    expect(rows('2016-08-01')[1]).toEqual(
      { householdId: 'e2', divisionCode: 'V1', status: 'identified', firstIdentifiedOn: '2016-08-01', baseline: false, openLaborConcerns: [] },
    );
  });

  it('the monthly dynamic-clearance table, month by month, keeps its identity on every edge', () => {
    // [month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd]
    const expected: [string, ...number[]][] = [
      // e6 in 01-10, e9 01-20, e3 01-31; e6 cleared 01-31 (the back-dated clearance): 0 + 3 − 1 = 2
      ['2016-01', 0, 3, 1, 0, 0, 0, 0, 2],
      // e3 cleared 02-01, relapsed 02-15, cleared 02-29; e8 in on 02-29: 2 + 1 + 1 − 2 = 2 {e9, e8}
      ['2016-02', 2, 1, 2, 1, 0, 0, 0, 2],
      // e4 in 03-01, e5 03-15; e9 cleared 03-01: 2 + 2 − 1 = 3 {e8, e4, e5}
      ['2016-03', 2, 2, 1, 0, 0, 0, 0, 3],
      // e10 in on the last day: 3 + 1 = 4
      ['2016-04', 3, 1, 0, 0, 0, 0, 0, 4],
      // out of the stock: e10 exempted 05-01, e5 withdrew 05-31, e8 deregistered 05-31: 4 − 1 − 1 − 1 = 1 {e4};
      // not moves of the stock: e6 withdrew from `cleared`, e7 exempted from `applied` and deregistered from `exempted`
      ['2016-05', 4, 0, 0, 0, 1, 1, 1, 1],
      ['2016-06', 1, 0, 1, 0, 0, 0, 0, 0], // e4 cleared on the last day
      ['2016-07', 0, 1, 0, 0, 0, 0, 0, 1], // e1 in on the cutoff day
      ['2016-08', 1, 1, 0, 0, 0, 0, 0, 2], // e2 in on the day after
      ['2016-09', 2, 0, 0, 1, 0, 0, 0, 3], // e4 relapsed 09-01
      ['2016-10', 3, 1, 0, 0, 1, 0, 0, 3], // e11 in and out on 10-31: 3 + 1 − 1 = 3
      ['2016-11', 3, 0, 1, 0, 0, 0, 0, 2], // e4 cleared 11-30
      // e12 in 12-01, e1 and e2 cleared 12-05, e4 relapsed 12-31: 2 + 1 + 1 − 2 = 2 {e4, e12}
      ['2016-12', 2, 1, 2, 1, 0, 0, 0, 2],
      ['2017-01', 2, 0, 1, 0, 0, 0, 0, 1], // e4 cleared 2017-01-01
    ];
    for (const [month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd] of expected)
      expect(monthly(month)).toEqual({ division: 'R', month, stockAtStart, identified, cleared, relapsed, withdrawn, exempted, deregistered, stockAtEnd });
  });

  it('the May 2016 table by county: each exit from the stock is counted where the household lives', () => {
    // C1 (V1–V3): e4 and e5 in the stock on 05-01; e5 withdrew 05-31 → 2 − 1 = 1; e6's withdrawal from `cleared` is no move
    // C2 (V4): e8 and e10 in the stock; e10 exempted, e8 deregistered → 2 − 1 − 1 = 0; e7's exits are from `applied`/`exempted`
    const a = agreed((r) => r.monthlyReport({ month: '2016-05', division: 'P1', byChild: true }));
    const none = { identified: 0, cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0 };
    expect(a).toEqual({
      division: 'P1', month: '2016-05', rows: [
        { division: 'C1', month: '2016-05', ...none, stockAtStart: 2, withdrawn: 1, stockAtEnd: 1 },
        { division: 'C2', month: '2016-05', ...none, stockAtStart: 2, exempted: 1, deregistered: 1, stockAtEnd: 0 },
      ],
    });
  });

  const zero = { vocational: 0, language: 0, entrepreneurship: 0, 'order-based': 0 };
  const forms = { enterprise: 0, flexible: 0, 'self-employed': 0, assisted: 0 };
  const places = { local: 0, 'in-region': 0, 'out-of-region': 0 };
  const reasons = { 'contract-ended': 0, 'seasonal-end': 0, quit: 0, dismissed: 0, 'returned-home': 0, other: 0 };
  const nothing = {
    membersSurveyed: 0, trainingsOffered: zero, trainingsAccepted: zero, trainingsDeclined: zero, trainingsCompleted: zero,
    referralsMade: 0, referralsAccepted: 0, referralsDeclined: 0, membersReferred: 0,
    employmentsStartedByForm: forms, employmentsStartedByPlace: places, employmentsEndedByReason: reasons,
    incomeRecords: 0, medianMonthlyIncome: null, meanMonthlyIncome: null,
  };

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
