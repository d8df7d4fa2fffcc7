import { reportFromSubtree, parentsIn } from '../src';
import { agreedOn, answerByTwoStores, type AnsweredByTwoStores } from './support/answered-by-two-stores';
import { noForms, noPlaces, nothingInMonth } from './support/empty-progress';
import { DISCLOSURE_DIVISIONS, disclosureContext, disclosureHouseholds, disclosureRegion } from './support/hand-worked-disclosure';

/**
 * The progress table of June 2016 on the hand-worked disclosure region
 * (support/hand-worked-disclosure.ts), as caseworkers and auditors get it and as an analyst
 * is served it (`Reports.suppressedProgress`: one suppressed grid for the whole tree,
 * decision 0037). In June: seven employments started (enterprise, local: a1–a5 in VA1, a6 in
 * VA2, b1 in VB1) and eight June incomes (VA1 1000–1400, VA2 800 and a7's 1500, VB1 2000);
 * every member is eligible all month (employment does not end eligibility).
 *
 * Hidden cells worked out by hand with suppressBelow = 5: the counts from 1 to 4; then, R's
 * sums visited before PA's (the code's order, which decision 0037 leaves open), R = PA + PB
 * + PC with one hidden cell takes PA's (smallest non-zero); PA = VA1 + VA2 + VA3 with one
 * hidden cell takes VA1's; median and mean go with their incomeRecords (decision 0037).
 */
describe('hand-worked disclosure control: the June 2016 progress table', () => {
  let answered: AnsweredByTwoStores;
  beforeAll(async () => {
    answered = await answerByTwoStores(disclosureHouseholds.flat(), disclosureContext);
  });
  afterAll(() => answered.close());

  const served = () => {
    const a = answered.byHousehold.p.reports.suppressedProgress({ month: '2016-06', suppressBelow: 5 });
    expect(answered.byDay.p.reports.suppressedProgress({ month: '2016-06', suppressBelow: 5 })).toEqual(a);
    return a;
  };

  type Figure = number | null;
  /** A June row: eligible members, employments started (all enterprise and local), income records, median, mean. */
  const row = (division: string, eligible: Figure, started: Figure, [records, median, mean]: [Figure, Figure, Figure], suppressed?: string[]) => ({
    ...nothingInMonth, division, month: '2016-06', eligibleMembers: eligible,
    employmentsStartedByForm: { ...noForms, enterprise: started }, employmentsStartedByPlace: { ...noPlaces, local: started },
    incomeRecords: records, medianMonthlyIncome: median, meanMonthlyIncome: mean,
    ...(suppressed === undefined ? {} : { suppressed }),
  });
  const STARTED = ['employmentsStartedByForm.enterprise', 'employmentsStartedByPlace.local'];
  const INCOMES = ['incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'];
  const nothingKnown: [Figure, Figure, Figure] = [null, null, null];

  it('caseworkers and auditors get every figure, the medians and means of two and of one income among them', () => {
    // PA: incomes 800, 1000, 1100, 1200, 1300, 1400, 1500 → median 1200, mean 8300 / 7 = 1185.714… → 1185.71
    // VA2: 800 and 1500 → median (800 + 1500) / 2 = 1150 = the mean; VB1: 2000 alone
    // R: the seven above and 2000 → median (1200 + 1300) / 2 = 1250, mean 10300 / 8 = 1287.5
    const rows = DISCLOSURE_DIVISIONS.map((division) => agreedOn(answered, (r) => r.progressReport({ month: '2016-06', division })));
    expect(rows).toEqual([
      row('R', 14, 7, [8, 1250, 1287.5]),
      row('PA', 9, 6, [7, 1200, 1185.71]),
      row('VA1', 5, 5, [5, 1200, 1200]),
      row('VA2', 4, 1, [2, 1150, 1150]),
      row('VA3', 0, 0, [0, null, null]),
      row('PB', 2, 1, [1, 2000, 2000]),
      row('VB1', 1, 1, [1, 2000, 2000]),
      row('VB2', 1, 0, [0, null, null]),
      row('PC', 3, 0, [0, null, null]),
      row('VC1', 3, 0, [0, null, null]),
    ]);
  });

  it('an analyst: small counts hidden, each lone one with a complement, and a median or mean of 1–4 incomes never shown', () => {
    // eligibleMembers: R 14 = 9 + [2] + [3] hides two; PA 9 = 5 + [4] + 0 → VA1's 5 (not PA's 9: smaller, and a part before its total)
    // employments started, by form and by place alike: R 7 = 6 + [1] + 0 → PA's 6; PA [6] = 5 + [1] + 0 then hides two
    //   (so VA1's 5 stays); each row's form total = place total hides 0 or 2 cells
    // incomeRecords: R 8 = 7 + [1] + 0 → PA's 7, so PA's median and mean go too; VA2's 2, PB's 1, VB1's 1 hidden with theirs
    // VA3, VB2, PC, VC1 have no income: median and mean are null, not suppressed (decision 0032: absent, not hidden)
    expect(served().rows).toEqual([
      row('R', 14, 7, [8, 1250, 1287.5], []),
      row('PA', 9, null, nothingKnown, [...STARTED, ...INCOMES]),
      row('VA1', null, 5, [5, 1200, 1200], ['eligibleMembers']),
      row('VA2', null, null, nothingKnown, ['eligibleMembers', ...STARTED, ...INCOMES]),
      row('VA3', 0, 0, [0, null, null], []),
      row('PB', null, null, nothingKnown, ['eligibleMembers', ...STARTED, ...INCOMES]),
      row('VB1', null, null, nothingKnown, ['eligibleMembers', ...STARTED, ...INCOMES]),
      row('VB2', null, 0, [0, null, null], ['eligibleMembers']),
      row('PC', null, 0, [0, null, null], ['eligibleMembers']),
      row('VC1', null, 0, [0, null, null], ['eligibleMembers']),
    ]);
  });

  it('PB’s by-child answer, whose own total is small, hides both villages’ non-zero counts and shows VB2’s zeros', () => {
    expect(reportFromSubtree(served(), parentsIn(disclosureRegion), { division: 'PB', byChild: true })).toEqual({
      division: 'PB', month: '2016-06',
      rows: [
        row('VB1', null, null, nothingKnown, ['eligibleMembers', ...STARTED, ...INCOMES]),
        row('VB2', null, 0, [0, null, null], ['eligibleMembers']),
      ],
    });
  });

  it('the shown means give only the income total of two hidden divisions together, never one (a documented limit)', () => {
    // docs/disclosure-control.md, "Medians and means": R's 8 × 1287.5 = 10300, VA1's 5 × 1200 = 6000, VA3 has none;
    // so VA2's and PB's incomes together are 4300 (VA2's 800 + 1500 and VB1's 2000), but PA's mean and PB's are hidden
    const rows = new Map(served().rows.map((r) => [r.division, r]));
    const total = (d: string) => {
      const r = rows.get(d);
      return r?.meanMonthlyIncome == null || r.incomeRecords === null ? null : r.meanMonthlyIncome * r.incomeRecords;
    };
    expect([total('R'), total('VA1'), total('PA'), total('VA2'), total('PB'), total('VB1')]).toEqual([10300, 6000, null, null, null, null]);
  });
});
