import { householdStream } from '@hearth/domain';
import type { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { edgeHouseholds, edgesContext, edgesRecordedAt } from './support/hand-worked-edges';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';

/**
 * A second hand-worked region, on the edges of domain.md §5 (here its annual and monthly
 * clearance figures and its statuses; the progress table, the backlog and the audit are in
 * hand-worked-edges-service.spec.ts): the baseline cutoff and the
 * day after, a clearance and relapse twice in one month and across a year end, exits from
 * `identified` beside exits from other statuses, a labour concern closed on 31 December
 * beside one closed on 1 January, Feb 29, an identification and a withdrawal on one day, an
 * even number of incomes, a back-dated clearance, and late recordings either side of 30
 * days. As in hand-worked-region.spec.ts, two stores get the same commands (household by
 * household with the runner following live; all of them in business-date order, caught
 * up), the direct computation must agree with both, and the figure is the one worked out by
 * hand from the contract's words (the arithmetic is in the comments).
 */
describe('a hand-worked region on the edges of the report definitions: clearance', () => {
  let answered: AnsweredByTwoStores;
  let byHousehold: AnsweredByTwoStores['byHousehold'];
  let byDay: AnsweredByTwoStores['byDay'];
  beforeAll(async () => {
    answered = await answerByTwoStores(edgeHouseholds.flat(), edgesContext, edgesRecordedAt);
    ({ byHousehold, byDay } = answered);
  });
  afterAll(() => answered.close());

  const clearance = (year: number, division?: string) => agreedOn(answered, (r) => r.clearanceReport(division === undefined ? { year } : { year, division }));
  const monthly = (month: string) => agreedOn(answered, (r) => r.monthlyReport({ month }));

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
    const a = agreedOn(answered, (r) => r.monthlyReport({ month: '2016-05', division: 'P1', byChild: true }));
    const none = { identified: 0, cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0 };
    expect(a).toEqual({
      division: 'P1', month: '2016-05', rows: [
        { division: 'C1', month: '2016-05', ...none, stockAtStart: 2, withdrawn: 1, stockAtEnd: 1 },
        { division: 'C2', month: '2016-05', ...none, stockAtStart: 2, exempted: 1, deregistered: 1, stockAtEnd: 0 },
      ],
    });
  });
});
