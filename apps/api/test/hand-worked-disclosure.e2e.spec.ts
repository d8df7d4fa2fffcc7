import { type DisclosureService, getAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * The hand-worked disclosure region (support/hand-worked-disclosure.ts) and the households of
 * packages/projections/test/support/hand-worked-disclosure.ts (written out again here: a test
 * of this app cannot import another project's test files), served over HTTP: an analyst's reports and CSV export are suppressed as decisions 0028,
 * 0032 and 0037 say, cell for cell as worked out by hand in
 * packages/projections/test/hand-worked-disclosure-*.spec.ts; an auditor and a caseworker
 * see every figure (domain.md §5).
 *
 * R > PA > {VA1, VA2, VA3}, R > PB > {VB1, VB2}, R > PC > {VC1}; fourteen one-member
 * households identified on 2015-03-02: VA1 a1–a5, VA2 a6–a9, VB1 b1, VB2 b2, VC1 c1–c3.
 * a1–a5, a6 and b1 are employed (enterprise, local) on 2016-06-01 and cleared on 06-15;
 * a7 is employed on 2016-05-02 and never cleared; June incomes: a1–a5 1000–1400, a6 800,
 * a7 1500, b1 2000.
 */
const surveyed = { memberId: 'm1', health: 'healthy', laborCapacity: 'full', education: 'primary', skills: [], languages: [], wantsWork: true,
  preferredForms: [], preferredPlaces: [], wantsSelfEmployment: false, trainingNeeds: [] };
const identified = (householdId: string, divisionCode: string) => [
  { type: 'RegisterHousehold', householdId, on: '2015-01-05', divisionCode, members: [{ memberId: 'm1', birthYear: 1990 }] },
  { type: 'SurveyHousehold', householdId, on: '2015-01-06', householdSize: 1, povertyCauses: ['lack-of-skills'], members: [surveyed] },
  { type: 'ApplyForIdentification', householdId, on: '2015-01-07' },
  { type: 'IdentifyHousehold', householdId, on: '2015-03-02' },
];
const employed = (householdId: string, on: string, income: number) => [
  { type: 'RecordEmployment', householdId, on, employmentId: 'j1', memberId: 'm1', form: 'enterprise', place: 'local', monthlyIncome: income, contractSigned: true },
];
const juneIncome = (householdId: string, amount: number) => [{ type: 'RecordIncome', householdId, on: '2016-06-30', employmentId: 'j1', month: '2016-06', amount }];
const clearedInJune = (householdId: string, village: string, income: number) => [
  ...identified(householdId, village), ...employed(householdId, '2016-06-01', income),
  { type: 'ClearHousehold', householdId, on: '2016-06-15' }, ...juneIncome(householdId, income),
];
const COMMANDS = [
  ...[1000, 1100, 1200, 1300, 1400].flatMap((income, i) => clearedInJune(`a${i + 1}`, 'VA1', income)),
  ...clearedInJune('a6', 'VA2', 800),
  ...identified('a7', 'VA2'), ...employed('a7', '2016-05-02', 1500), ...juneIncome('a7', 1500),
  ...identified('a8', 'VA2'), ...identified('a9', 'VA2'),
  ...clearedInJune('b1', 'VB1', 2000),
  ...identified('b2', 'VB2'), ...identified('c1', 'VC1'), ...identified('c2', 'VC1'), ...identified('c3', 'VC1'),
];

describe('hand-worked disclosure control over HTTP: what each role is served', () => {
  let service: DisclosureService;
  const get = (token: string, path: string) => getAs(service.url, token, path);
  const json = async (token: string, path: string): Promise<unknown> => {
    const answer = await get(token, path);
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return answer.body;
  };

  beforeAll(async () => {
    service = await serveDisclosureRegion(COMMANDS);
  });
  afterAll(() => service?.close());

  const moves = { identified: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0 };
  const june = (division: string, stockAtStart: number | null, cleared: number | null, stockAtEnd: number | null, suppressed?: string[]) =>
    ({ division, month: '2016-06', stockAtStart, ...moves, cleared, stockAtEnd, ...(suppressed === undefined ? {} : { suppressed }) });

  it('an analyst’s June table of PA’s villages: VA2’s lone clearance hidden with VA1’s, and PA’s own total hidden too', async () => {
    // as worked out in hand-worked-disclosure-clearance.spec.ts: PA 9 − 5 − 0 would give VA2's stock 4, PA 6 − 5 − 0 its clearance 1
    expect(await json(TOKENS.analyst, '/api/reports/monthly?month=2016-06&division=PA&byChild=true')).toEqual({
      division: 'PA', month: '2016-06',
      rows: [june('VA1', null, null, 0, ['stockAtStart', 'cleared']), june('VA2', null, null, null, ['stockAtStart', 'cleared', 'stockAtEnd']), june('VA3', 0, 0, 0, [])],
    });
    expect(await json(TOKENS.analyst, '/api/reports/monthly?month=2016-06&division=PA')).toEqual(june('PA', 9, null, null, ['cleared', 'stockAtEnd']));
  });

  it('an analyst’s other answers holding PA’s June (its year of months, its total with its children) are the same cells', async () => {
    // decision 0037: every answer is cut from one suppressed grid, so no answer shows what another hides
    const villages = [june('VA1', null, null, 0, ['stockAtStart', 'cleared']), june('VA2', null, null, null, ['stockAtStart', 'cleared', 'stockAtEnd']), june('VA3', 0, 0, 0, [])];
    const year = (await json(TOKENS.analyst, '/api/reports/monthly?year=2016&division=PA')) as { months: unknown[] };
    expect(year.months[5]).toEqual(june('PA', 9, null, null, ['cleared', 'stockAtEnd']));
    expect(await json(TOKENS.analyst, '/api/reports/monthly?month=2016-06&division=PA&withChildren=true')).toMatchObject({
      total: june('PA', 9, null, null, ['cleared', 'stockAtEnd']),
      byChild: { division: 'PA', month: '2016-06', rows: villages },
    });
  });

  it('an auditor and PA’s caseworker get the same June table whole: 5, 4, 1 and 0 as counted', async () => {
    const whole = { division: 'PA', month: '2016-06', rows: [june('VA1', 5, 5, 0), june('VA2', 4, 1, 3), june('VA3', 0, 0, 0)] };
    expect(await json(TOKENS.auditor, '/api/reports/monthly?month=2016-06&division=PA&byChild=true')).toEqual(whole);
    expect(await json(TOKENS.prefectureA, '/api/reports/monthly?month=2016-06&division=PA&byChild=true')).toEqual(whole);
  });

  it('an analyst’s 2016 and 2017 annual rows: every achievement of a small target hidden, the region’s 2017 one shown', async () => {
    const zeros = { underReview: 0, identifiedInYear: 0, relapsedInYear: 0, withdrawnInYear: 0, exemptedInYear: 0, deregisteredInYear: 0 };
    expect(await json(TOKENS.analyst, '/api/reports/clearance?year=2016&division=VA1')).toEqual({
      division: 'VA1', year: 2016, cumulativeShare: 0.25, ...zeros,
      baseline: null, target: null, baselineCleared: 5, achievement: null, clearedInYear: null, stockAtEnd: 0,
      suppressed: ['baseline', 'target', 'clearedInYear', 'achievement'],
    });
    expect(await json(TOKENS.analyst, '/api/reports/clearance?year=2017')).toEqual({
      division: 'R', year: 2017, cumulativeShare: 0.55, ...zeros,
      baseline: 14, target: 8, baselineCleared: 7, achievement: 0.875, clearedInYear: 0, stockAtEnd: 7, suppressed: [],
    });
    // the auditor's 2016 row of VA1: target ceil(5 × 0.25) = 2, achievement 5 / 2
    expect(await json(TOKENS.auditor, '/api/reports/clearance?year=2016&division=VA1')).toEqual({
      division: 'VA1', year: 2016, cumulativeShare: 0.25, ...zeros, baseline: 5, target: 2, baselineCleared: 5, achievement: 2.5, clearedInYear: 5, stockAtEnd: 0,
    });
  });

  it('an analyst’s backlog at the end of 2016: list lengths, small ones hidden with their complements; an auditor gets the lists', async () => {
    // referralsOwed (willing, eligible, unemployed, fewer than 3 referrals): a8, a9 (VA2), b2 (VB2), c1–c3 (VC1) = 6
    // followUpsOverdue (cleared 06-15, due 90 days later, 09-13, no visit): a1–a5 (VA1), a6 (VA2), b1 (VB1) = 7
    // surveyUpdatesMissing: none, the first deadline is the end of February 2017; clearancePending: a7 (VA2, employed) = 1
    // R's sums first: followUps 7 = PA 6 + PB [1] + 0 → PA's 6; referrals 6 = [2] + [1] + [3] and pending [1] = [1] + 0 + 0 hide two
    const backlog = (division: string, counts: (number | null)[], suppressed: string[]) => ({
      division, asOf: '2016-12-31', referralsOwed: counts[0], followUpsOverdue: counts[1], surveyUpdatesMissing: 0, clearancePending: counts[2], openLaborConcerns: 0, suppressed,
    });
    const analyst = (division: string) => json(TOKENS.analyst, `/api/reports/backlog?asOf=2016-12-31&division=${division}`);
    expect(await analyst('R')).toEqual(backlog('R', [6, 7, null], ['clearancePending']));
    expect(await analyst('PA')).toEqual(backlog('PA', [null, null, null], ['referralsOwed', 'followUpsOverdue', 'clearancePending']));
    expect(await analyst('VA1')).toEqual(backlog('VA1', [0, 5, 0], []));
    expect(await analyst('VB1')).toEqual(backlog('VB1', [0, null, 0], ['followUpsOverdue']));
    const lists = (await json(TOKENS.auditor, '/api/reports/backlog?asOf=2016-12-31')) as Record<string, unknown[]>;
    expect(['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'].map((k) => lists[k]?.length)).toEqual([6, 7, 0, 1, 0]);
  });

  /** The CSV export as a map from each row's division to its named cells, the text as the file holds it. */
  const csvCells = async (token: string, path: string, columns: readonly string[]) => {
    const answer = await get(token, path);
    expect(answer.status).toBe(200);
    const [header, ...lines] = answer.text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    return Object.fromEntries(lines.map((cells) => [cells[0], columns.map((c) => cells[(header as string[]).indexOf(c)])]));
  };
  const PROGRESS_COLUMNS = ['eligibleMembers', 'employmentsStartedByForm.enterprise', 'employmentsStartedByPlace.local', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'];

  it('an analyst’s progress export of PB, whose total is small: the word suppressed, never a number, and an absent median empty', async () => {
    // as worked out in hand-worked-disclosure-progress.spec.ts: PB and VB1 hide every non-zero figure, VB2 its one eligible member
    expect(await csvCells(TOKENS.analyst, '/api/exports/progress.csv?month=2016-06&division=PB', PROGRESS_COLUMNS)).toEqual({
      PB: ['suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
      VB1: ['suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
      VB2: ['suppressed', '0', '0', '0', '', ''],
    });
    expect(await csvCells(TOKENS.auditor, '/api/exports/progress.csv?month=2016-06&division=PB', PROGRESS_COLUMNS)).toEqual({
      PB: ['2', '1', '1', '1', '2000', '2000'],
      VB1: ['1', '1', '1', '1', '2000', '2000'],
      VB2: ['1', '0', '0', '0', '', ''],
    });
  });

  it('an analyst’s progress export of PA: VA2’s median of two incomes hidden, VA1’s of five shown, PA’s hidden as R’s complement', async () => {
    expect(await csvCells(TOKENS.analyst, '/api/exports/progress.csv?month=2016-06&division=PA', PROGRESS_COLUMNS)).toEqual({
      PA: ['9', 'suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
      VA1: ['suppressed', '5', '5', '5', '1200', '1200'],
      VA2: ['suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed', 'suppressed'],
      VA3: ['0', '0', '0', '0', '', ''],
    });
  });
});
