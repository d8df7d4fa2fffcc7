import { answerByTwoStores, agreedOn, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { noForms, noPlaces, nothingInMonth } from './support/empty-progress';
import { DISCLOSURE_DIVISIONS, disclosureContext, disclosureHouseholds, oneFamilyHousehold } from './support/hand-worked-disclosure';

/**
 * Counts of five that are one family (support/hand-worked-disclosure.ts, `oneFamilyHousehold`:
 * f1 in VA1, five members, all employed in June 2016, five June incomes), against the same
 * counts of five one-member households (a1–a5 of `disclosureHouseholds`, in VA1 too).
 *
 * domain.md §5 hides a count "so that no village-level figure points at a family". The
 * progress table counts members, employments and income records, not households, so
 * decision 186 adds a second primary rule: a count with 1 to suppressBelow − 1 households
 * behind it is hidden too, whatever its value. f1's fives have one household behind them;
 * a1–a5's have five.
 */
describe('hand-worked disclosure control: five of a kind from one family', () => {
  let oneFamily: AnsweredByTwoStores;
  let fiveFamilies: AnsweredByTwoStores;
  beforeAll(async () => {
    oneFamily = await answerByTwoStores(oneFamilyHousehold, disclosureContext);
    fiveFamilies = await answerByTwoStores(disclosureHouseholds.slice(0, 5).flat(), disclosureContext);
  });
  afterAll(async () => {
    await oneFamily.close();
    await fiveFamilies.close();
  });

  /** The analysts' June table, the same from both stores. */
  const served = (answered: AnsweredByTwoStores) => {
    const rows = answered.byHousehold.p.reports.suppressedProgress({ month: '2016-06', suppressBelow: 5 }).rows;
    expect(answered.byDay.p.reports.suppressedProgress({ month: '2016-06', suppressBelow: 5 }).rows).toEqual(rows);
    return rows;
  };

  // eligible at 06-30: five members, born 1985–1989 (f1) or 1990 (a1–a5), full, willing = 5; started: five jobs,
  // enterprise, local = 5; incomes 1000, 1100, 1200, 1300, 1400: median 1200 (the third), mean 6000 / 5 = 1200.
  // R and PA are VA1's figures; every other division has none.
  const five = {
    ...nothingInMonth, month: '2016-06', eligibleMembers: 5, employmentsStartedByForm: { ...noForms, enterprise: 5 },
    employmentsStartedByPlace: { ...noPlaces, local: 5 }, incomeRecords: 5, medianMonthlyIncome: 1200, meanMonthlyIncome: 1200,
  };
  const none = { ...nothingInMonth, month: '2016-06', eligibleMembers: 0, suppressed: [] };
  const tableOf = (va1: object) => DISCLOSURE_DIVISIONS.map((division) => ({ ...(['R', 'PA', 'VA1'].includes(division) ? va1 : none), division }));

  it('an analyst sees none of VA1’s fives that are all f1’s, nor the median and mean of its five incomes, in VA1, PA or R', () => {
    // each of the four counts has one household behind it in R, PA and VA1: hidden; R = PA + 0 + 0 and
    // PA = VA1 + 0 + 0 then have two hidden cells each, and form = place two in each row, so no complement is needed
    const hidden = {
      ...nothingInMonth, month: '2016-06', eligibleMembers: null, employmentsStartedByForm: { ...noForms, enterprise: null },
      employmentsStartedByPlace: { ...noPlaces, local: null }, incomeRecords: null, medianMonthlyIncome: null, meanMonthlyIncome: null,
      suppressed: ['eligibleMembers', 'employmentsStartedByForm.enterprise', 'employmentsStartedByPlace.local', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'],
    };
    expect(served(oneFamily)).toEqual(tableOf(hidden));
  });

  it('an analyst sees the same fives when five households are behind them', () => {
    expect(served(fiveFamilies)).toEqual(tableOf({ ...five, suppressed: [] }));
  });

  it('caseworkers and auditors see f1’s fives, and the read models count one household behind each, as the direct fold does', () => {
    for (const division of ['R', 'PA', 'VA1']) expect(agreedOn(oneFamily, (r) => r.progressReport({ month: '2016-06', division }))).toEqual({ ...five, division });
    const behind = { eligibleMembers: 1, 'employmentsStartedByForm.enterprise': 1, 'employmentsStartedByPlace.local': 1, incomeRecords: 1 };
    for (const answers of [oneFamily.byHousehold.p.reports, oneFamily.byDay.p.reports, oneFamily.direct])
      for (const division of DISCLOSURE_DIVISIONS)
        expect(answers.progressHouseholds({ month: '2016-06', division })).toEqual(new Map([[division, ['R', 'PA', 'VA1'].includes(division) ? behind : {}]]));
  });

  it('the same month’s household counts, all 1, are hidden: in the stock at the start, cleared, and in 2016’s year', () => {
    // R = PA = VA1 = 1 everywhere: each sum [1] = [1] + 0 + 0 and each identity [1] − [1] = 0 hides two cells already
    const year = oneFamily.byHousehold.p.reports.suppressedClearanceYear({ year: 2016, suppressBelow: 5 });
    const va1June = year.months[5]?.rows.find((r) => r.division === 'VA1');
    expect(va1June).toEqual({
      division: 'VA1', month: '2016-06', stockAtStart: null, identified: 0, cleared: null, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: 0,
      suppressed: ['stockAtStart', 'cleared'],
    });
    expect(year.annual.rows.find((r) => r.division === 'VA1')).toMatchObject({ baseline: null, baselineCleared: null, clearedInYear: null });
  });
});
