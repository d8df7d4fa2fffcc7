import { repeatedClearances } from '@hearth/projections/testing';
import { type DisclosureService, getAs, jsonAs, serveDisclosureRegion, TOKENS } from './support/hand-worked-disclosure';

/**
 * One household, g1 in VA1, identified on 2015-03-02, then through June 2016 five times
 * employed and cleared the next day, the first four times losing the job and relapsing
 * (`repeatedClearances` of @hearth/projections/testing): VA1's June `cleared` and 2016 `clearedInYear` are 5, from one household. Decision
 * 186 reaches the clearance tables: an analyst is served neither 5, over JSON or CSV, and
 * no served key changes.
 */
const COMMANDS = repeatedClearances('g1', 'VA1');

describe('hand-worked disclosure control over HTTP: five clearances of one household', () => {
  let service: DisclosureService;
  const json = (token: string, path: string): Promise<Record<string, unknown>> => jsonAs(service, token, path);

  beforeAll(async () => {
    service = await serveDisclosureRegion(COMMANDS);
  });
  afterAll(() => service?.close());

  it('an auditor and PA’s caseworker get VA1’s five clearances of June and of 2016', async () => {
    for (const token of [TOKENS.auditor, TOKENS.prefectureA]) {
      expect(await json(token, '/api/reports/monthly?month=2016-06&division=VA1')).toMatchObject({ cleared: 5, relapsed: 4 });
      expect(await json(token, '/api/reports/clearance?year=2016&division=VA1')).toMatchObject({ clearedInYear: 5, relapsedInYear: 4 });
    }
  });

  it('an analyst is served neither 5 in VA1, PA or R: June’s cleared, 2016’s clearedInYear, and June in the year of months', async () => {
    for (const division of ['VA1', 'PA', 'R']) {
      const june = await json(TOKENS.analyst, `/api/reports/monthly?month=2016-06&division=${division}`);
      expect({ division, cleared: june.cleared, hidden: (june.suppressed as string[]).includes('cleared') }).toEqual({ division, cleared: null, hidden: true });
      const year = await json(TOKENS.analyst, `/api/reports/clearance?year=2016&division=${division}`);
      expect({ division, clearedInYear: year.clearedInYear, hidden: (year.suppressed as string[]).includes('clearedInYear') }).toEqual({ division, clearedInYear: null, hidden: true });
      const months = (await json(TOKENS.analyst, `/api/reports/monthly?year=2016&division=${division}`)).months as Record<string, unknown>[];
      expect({ division, cleared: months[5]?.cleared }).toEqual({ division, cleared: null });
    }
  });

  it('an analyst’s CSV export of PA’s June says suppressed for VA1’s clearances', async () => {
    const answer = await getAs(service.url, TOKENS.analyst, '/api/exports/monthly.csv?month=2016-06&division=PA');
    expect(answer.status).toBe(200);
    const [header, ...lines] = answer.text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    const va1 = lines.find((cells) => cells[0] === 'VA1') as string[];
    expect(va1[(header as string[]).indexOf('cleared')]).toBe('suppressed');
  });

  it('an analyst’s rows have the auditor’s keys and `suppressed`, nothing of the households behind the counts', async () => {
    for (const path of ['/api/reports/monthly?month=2016-06&division=VA1', '/api/reports/clearance?year=2016&division=VA1']) {
      const analyst = await json(TOKENS.analyst, path);
      const auditor = await json(TOKENS.auditor, path);
      expect({ path, keys: Object.keys(analyst).sort() }).toEqual({ path, keys: [...Object.keys(auditor), 'suppressed'].sort() });
    }
  });
});
