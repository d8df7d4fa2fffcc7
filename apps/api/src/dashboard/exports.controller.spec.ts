import { Workbook } from 'exceljs';
import { DashboardServer, startDashboardServer, TOKENS } from '../../test/browser/support/dashboard-server';

/** The export endpoints over HTTP, under the report routes' role rules (the browser tests download through the page). */
describe('GET /api/exports/(monthly|progress).(csv|xlsx)', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    server = await startDashboardServer();
  }, 60_000);
  afterAll(() => server.close());

  const get = (path: string, token?: string) => fetch(`${server.origin}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('refuses a request without a token, and names a malformed month', async () => {
    expect((await get('/api/exports/monthly.csv?month=2016-07')).status).toBe(401);
    const bad = await get('/api/exports/monthly.xlsx?month=2016-7', TOKENS.auditor);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'month' });
    const unknown = await get('/api/exports/monthly.csv?month=2016-07&color=red', TOKENS.auditor);
    expect(unknown.status).toBe(400);
    expect((await get('/api/exports/monthly.csv?month=2016-07&division=NOWHERE', TOKENS.auditor)).status).toBe(404);
  });

  it('sends the monthly table as CSV: the division, then its children, as the API reports them', async () => {
    const res = await get('/api/exports/monthly.csv?month=2016-07', TOKENS.auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="monthly-2016-07-R.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'division,name,level,month,stockAtStart,identified,cleared,relapsed,withdrawn,exempted,deregistered,stockAtEnd',
      'R,Fixture Region,region,2016-07,10,0,8,0,0,0,0,2',
      'P01,North Prefecture,prefecture,2016-07,7,0,6,0,0,0,0,1',
      'P02,South Prefecture,prefecture,2016-07,3,0,2,0,0,0,0,1',
    ]);
  });

  it("suppresses an analyst's small counts in the .xlsx exactly where the API does", async () => {
    const res = await get('/api/exports/progress.xlsx?month=2016-06&division=P02', TOKENS.analyst);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values as unknown[]).slice(1) as string[];
    const row = (sheet?.getRow(2).values as unknown[]).slice(1);
    const api = await (await get('/api/reports/progress?month=2016-06&division=P02', TOKENS.analyst)).json();
    expect(api.suppressed).toContain('employmentsStartedByForm.enterprise');
    expect(row[header.indexOf('employmentsStartedByForm.enterprise')]).toBe('suppressed');
    expect(row.filter((v) => typeof v === 'number' && v >= 1 && v <= 4)).toEqual([]);
    const notes = workbook.getWorksheet('notes')?.getSheetValues().map((r) => (r as unknown[] | undefined)?.slice(1));
    expect(notes).toContainEqual(['disclosure', expect.stringContaining('counts from 1 to 4')]);
  });

  it("says in an analyst's notes that a suppressed cell may hold a larger count (a complement), as one here does", async () => {
    const res = await get('/api/exports/monthly.xlsx?month=2016-07', TOKENS.analyst);
    const workbook = new Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const rows = workbook.worksheets[0]?.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1)) ?? [];
    const [header = [], ...body] = rows as unknown[][];
    const auditor = await (await get('/api/reports/monthly?month=2016-07&byChild=true', TOKENS.auditor)).json();
    // North Prefecture's 7 at the start of July hides South's 3 from the region's 10 (10 − 7 = 3).
    const north = body.find((r) => r[0] === 'P01') ?? [];
    expect(north[header.indexOf('stockAtStart')]).toBe('suppressed');
    expect(auditor.rows.find((r: { division: string }) => r.division === 'P01').stockAtStart).toBe(7);
    const notes = workbook.getWorksheet('notes')?.getSheetValues().map((r) => (r as unknown[] | undefined)?.slice(1));
    expect(notes).toContainEqual(['disclosure', expect.stringContaining('not necessarily small')]);
  });

  it("keeps a caseworker's export inside their division, which is also the default", async () => {
    const own = await get('/api/exports/monthly.csv?month=2016-07', TOKENS.pine);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment; filename="monthly-2016-07-P02.csv"');
    expect((await own.text()).split('\r\n').slice(1, 3)).toEqual([
      'P02,South Prefecture,prefecture,2016-07,3,0,2,0,0,0,0,1',
      'P02C01,Hill County,county,2016-07,3,0,2,0,0,0,0,1',
    ]);
    const outside = await get('/api/exports/progress.xlsx?month=2016-07&division=P01', TOKENS.pine);
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ code: 'FORBIDDEN', field: 'division' });
  });
});
