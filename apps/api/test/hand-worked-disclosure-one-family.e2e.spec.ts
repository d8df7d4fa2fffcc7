import { employedFamily } from '@hearth/projections/testing';
import { type DisclosureService, getAs, jsonAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * One household, f1 in VA1, of five members, each employed (enterprise, local) on 2016-06-01,
 * the household cleared on 06-15, and each member's June income (1000–1400) recorded on 06-30
 * (`employedFamily` of @hearth/projections/testing, as in
 * packages/projections/test/hand-worked-disclosure-one-family.spec.ts): every June count of
 * members, employments and incomes is 5, from one family.
 * Decision 186: an analyst's count is also hidden when 1 to 4 households are behind it, so
 * none of these fives is served to an analyst, over JSON or CSV, and no served key changes.
 * A second family, f2 in VB1, five willing members identified and never employed nor
 * referred, is owed referrals for five members at the end of 2016: one household's five.
 */
// f2: the same family up to its identification (registered, surveyed, applied, identified), and nothing after.
const IDENTIFIED = 4;
const COMMANDS = [...employedFamily('f1', 'VA1'), ...employedFamily('f2', 'VB1').slice(0, IDENTIFIED)];

const FIGURES = ['eligibleMembers', 'employmentsStartedByForm.enterprise', 'employmentsStartedByPlace.local', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome'];
const figuresOf = (row: Record<string, unknown>) => FIGURES.map((path) => path.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], row));

describe('hand-worked disclosure control over HTTP: five of a kind from one family', () => {
  let service: DisclosureService;
  const json = (token: string, path: string): Promise<Record<string, unknown>> => jsonAs(service, token, path);

  beforeAll(async () => {
    service = await serveDisclosureRegion(COMMANDS);
  });
  afterAll(() => service?.close());

  it('an analyst’s June progress of VA1, PA and R hides the fives and the median and mean of f1’s five incomes', async () => {
    // one household behind each count in VA1 and PA, R's eligible members (f1's and f2's ten) two; R = PA + PB + 0 and
    // PA = VA1 + 0 + 0 hide two cells each (PB's eligible five, f2's, are hidden too)
    for (const division of ['VA1', 'PA', 'R']) {
      const row = await json(TOKENS.analyst, `/api/reports/progress?month=2016-06&division=${division}`);
      expect({ division, figures: figuresOf(row), suppressed: row.suppressed }).toEqual({ division, figures: FIGURES.map(() => null), suppressed: FIGURES });
    }
  });

  it('an analyst’s CSV export of PA says suppressed for VA1’s fives', async () => {
    const answer = await getAs(service.url, TOKENS.analyst, '/api/exports/progress.csv?month=2016-06&division=PA');
    expect(answer.status).toBe(200);
    const [header, ...lines] = answer.text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    const va1 = lines.find((cells) => cells[0] === 'VA1') as string[];
    expect(FIGURES.map((f) => va1[(header as string[]).indexOf(f)])).toEqual(FIGURES.map(() => 'suppressed'));
  });

  it('an auditor and PA’s caseworker get the fives, the median 1200 and the mean 1200', async () => {
    for (const token of [TOKENS.auditor, TOKENS.prefectureA]) expect(figuresOf(await json(token, '/api/reports/progress?month=2016-06&division=VA1'))).toEqual([5, 5, 5, 5, 1200, 1200]);
  });

  it('an analyst’s row has the auditor’s keys and `suppressed`, nothing of the households behind the counts', async () => {
    const analyst = await json(TOKENS.analyst, '/api/reports/progress?month=2016-06&division=VA1');
    const auditor = await json(TOKENS.auditor, '/api/reports/progress?month=2016-06&division=VA1');
    expect(Object.keys(analyst).sort()).toEqual([...Object.keys(auditor), 'suppressed'].sort());
    expect(Object.keys(analyst.employmentsStartedByForm as object)).toEqual(Object.keys(auditor.employmentsStartedByForm as object));
  });

  it('an analyst’s backlog of VB1 hides the five referrals owed to f2’s members; an auditor gets the five entries', async () => {
    // PB = VB1 + 0 hides two; R's referralsOwed is PB's, one household behind it: hidden too
    for (const division of ['VB1', 'PB', 'R']) {
      const counts = await json(TOKENS.analyst, `/api/reports/backlog?asOf=2016-12-31&division=${division}`);
      expect({ division, referralsOwed: counts.referralsOwed, hidden: (counts.suppressed as string[]).includes('referralsOwed') }).toEqual({ division, referralsOwed: null, hidden: true });
    }
    const lists = await json(TOKENS.auditor, '/api/reports/backlog?asOf=2016-12-31&division=VB1');
    expect((lists.referralsOwed as { householdId: string }[]).map((r) => r.householdId)).toEqual(['f2', 'f2', 'f2', 'f2', 'f2']);
  });
});
