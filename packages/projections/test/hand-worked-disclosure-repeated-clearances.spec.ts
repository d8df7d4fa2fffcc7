import type { HouseholdCommand } from '@hearth/domain';
import { parentsIn, suppressClearanceYear } from '../src';
import { repeatedClearances } from '../src/testing';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { DISCLOSURE_DIVISIONS, disclosureContext, disclosureHouseholds, disclosureRegion } from './support/hand-worked-disclosure';

/**
 * Clearance counts of five from one family (decision 186, extended to the clearance tables):
 * g1, one household in VA1 of the disclosure region (support/hand-worked-disclosure.ts),
 * identified on 2015-03-02, then through June 2016 five times employed (the 1st, 5th, 9th,
 * 13th, 17th) and cleared the next day (the 2nd, 6th, 10th, 14th, 18th), the first four
 * times losing the job the day after (the 3rd, …) and relapsing the day after that (the 4th,
 * 8th, 12th, 16th). The tables count events (domain.md §5.1): VA1's June `cleared` is 5 and its 2016
 * `clearedInYear` is 5, both from one household. Against them, a1–a5 of the same region:
 * five households cleared once each in June in VA1, the same 5 from five households.
 */
const g1: readonly HouseholdCommand[] = repeatedClearances('g1', 'VA1');

describe('hand-worked disclosure control: five clearances of one household', () => {
  let oneFamily: AnsweredByTwoStores;
  let fiveFamilies: AnsweredByTwoStores;
  beforeAll(async () => {
    oneFamily = await answerByTwoStores(g1, disclosureContext);
    fiveFamilies = await answerByTwoStores(disclosureHouseholds.slice(0, 5).flat(), disclosureContext);
  });
  afterAll(async () => {
    await oneFamily.close();
    await fiveFamilies.close();
  });

  /** The analysts' 2016 grid, the same from both stores. */
  const served = (answered: AnsweredByTwoStores) => {
    const year = answered.byHousehold.p.reports.suppressedClearanceYear({ year: 2016, suppressBelow: 5 });
    expect(answered.byDay.p.reports.suppressedClearanceYear({ year: 2016, suppressBelow: 5 })).toEqual(year);
    return year;
  };
  const rowOf = <R extends { readonly division: string }>(rows: readonly R[], division: string): R | undefined => rows.find((r) => r.division === division);

  it('caseworkers and auditors see g1’s five clearances and four relapses in June, and in 2016', () => {
    expect(agreedOn(oneFamily, (r) => r.monthlyReport({ month: '2016-06', division: 'VA1' }))).toEqual({
      division: 'VA1', month: '2016-06', stockAtStart: 1, identified: 0, cleared: 5, relapsed: 4, withdrawn: 0, exempted: 0, deregistered: 0, stockAtEnd: 0,
    });
    expect(agreedOn(oneFamily, (r) => r.clearanceReport({ year: 2016, division: 'VA1' }))).toMatchObject({ clearedInYear: 5, relapsedInYear: 4, identifiedInYear: 0 });
  });

  it('the read models count one household behind June’s five clearances and 2016’s, as the direct fold does', () => {
    const june = { cleared: 1, relapsed: 1 };
    const year = { clearedInYear: 1, relapsedInYear: 1 };
    for (const reports of [oneFamily.byHousehold.p.reports, oneFamily.byDay.p.reports]) {
      const behind = reports.clearanceYearHouseholds(2016);
      for (const division of DISCLOSURE_DIVISIONS) {
        const under = ['R', 'PA', 'VA1'].includes(division);
        expect([division, behind.months[5]?.get(division)]).toEqual([division, under ? june : {}]);
        expect([division, behind.annual.get(division)]).toEqual([division, under ? year : {}]);
        expect(oneFamily.direct.monthlyHouseholds({ month: '2016-06', division })).toEqual(new Map([[division, under ? june : {}]]));
        expect(oneFamily.direct.clearanceHouseholds({ year: 2016, division })).toEqual(new Map([[division, under ? year : {}]]));
      }
      // No other month of 2016 has a move.
      behind.months.forEach((m, i) => {
        if (i !== 5) expect([...m.values()].filter((b) => Object.keys(b).length > 0)).toEqual([]);
      });
    }
  });

  it('an analyst sees neither June’s 5 clearances nor 2016’s 5, in VA1, PA or R', () => {
    const year = served(oneFamily);
    for (const division of ['R', 'PA', 'VA1']) {
      expect([division, rowOf(year.months[5]?.rows ?? [], division)?.cleared]).toEqual([division, null]);
      expect([division, rowOf(year.annual.rows, division)?.clearedInYear]).toEqual([division, null]);
    }
    // Without the households behind them, the same tables judged by their values alone showed the fives.
    const tables = {
      annual: oneFamily.byHousehold.p.reports.clearanceReport({ year: 2016, subtree: true }),
      months: oneFamily.byHousehold.p.reports.monthlyReportsOfYear(2016, { subtree: true }),
    };
    const byValue = suppressClearanceYear(tables, parentsIn(disclosureRegion), 5);
    expect(rowOf(byValue.months[5]?.rows ?? [], 'VA1')?.cleared).toBe(5);
    expect(rowOf(byValue.annual.rows, 'VA1')?.clearedInYear).toBe(5);
  });

  it('an analyst sees the same fives when five households are behind them', () => {
    const year = served(fiveFamilies);
    for (const division of ['R', 'PA', 'VA1']) {
      expect([division, rowOf(year.months[5]?.rows ?? [], division)?.cleared]).toEqual([division, 5]);
      expect([division, rowOf(year.annual.rows, division)?.clearedInYear]).toEqual([division, 5]);
    }
  });
});
