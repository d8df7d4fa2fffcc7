import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { DirectReports } from '@hearth/projections';
import { writerLines } from './support/journey';
import { writerInAnotherProcess } from './support/other-writer';
import { Server, startServer } from './support/server';
import { STONE_BRIDGE, TOKENS, TOWNSHIP, WILLOW } from './support/tokens';

/** Journeys (some 4,600 commands) enough that a writer that never pauses writes through several reads; finite, so the test ends. */
const HOUSEHOLDS = 600;
/** Reports asked while it writes. */
const READS = 24;

/** The three reports a dashboard page shows with their children, each of a period the journeys fill. */
const REPORTS = [
  { report: 'clearance', period: 'year=2016', direct: (d: DirectReports, byChild: boolean) => d.clearanceReport({ year: 2016, division: TOWNSHIP, byChild }) },
  { report: 'monthly', period: 'month=2016-07', direct: (d: DirectReports, byChild: boolean) => d.monthlyReport({ month: '2016-07', division: TOWNSHIP, byChild }) },
  { report: 'progress', period: 'month=2016-05', direct: (d: DirectReports, byChild: boolean) => d.progressReport({ month: '2016-05', division: TOWNSHIP, byChild }) },
] as const;
type Report = (typeof REPORTS)[number];
/** Figures of a division that are not the sum of its children's: its period, a target rounded up, ratios, a median and a mean. */
const NOT_SUMS = ['year', 'target', 'cumulativeShare', 'achievement', 'medianMonthlyIncome', 'meanMonthlyIncome'];

/** The other process's commands, one a line. */
const commandLines = (): string[] => writerLines('hh-tables', HOUSEHOLDS);

interface Tables {
  readonly total: Record<string, unknown>;
  readonly byChild: { readonly rows: Record<string, unknown>[] };
  readonly position: number;
}

const get = async (server: Server, path: string, token: string): Promise<unknown> => {
  const res = await server.request('GET', path, { token });
  // Its body said, if not.
  expect({ path, status: res.status, ...(res.status === 200 ? {} : { body: res.text }) }).toEqual({ path, status: 200 });
  return res.body;
};

const withChildren = (server: Server, r: Report, token: string = TOKENS.auditor): Promise<Tables> =>
  get(server, `/api/reports/${r.report}?${r.period}&division=${TOWNSHIP}&withChildren=true`, token) as Promise<Tables>;

/** The JSON the service would send for `value`. */
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('a report asked withChildren while another process records commands', () => {
  let server: Server;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server.close());

  it('is the total and its children at the ledger position it names: the direct computation up to that position, the total the sum of its rows', async () => {
    const file = join(server.storePath, '..', 'journeys.jsonl');
    const lines = commandLines();
    writeFileSync(file, lines.join('\n'));
    // The report worker started (it loads its sources), so that an analyst's first read does not take the writing's time.
    await withChildren(server, REPORTS[0], TOKENS.analyst);
    const writer = writerInAnotherProcess(server.store, file);
    await writer.started;
    let writing = true;
    const finished = writer.done.finally(() => (writing = false));
    const read: { report: Report; tables: Tables }[] = [];
    for (let asked = 0; writing && asked < READS; asked++) {
      const report = REPORTS[asked % REPORTS.length] as Report;
      read.push({ report, tables: await withChildren(server, report) });
    }
    const { code, summary } = await finished;
    expect({ code, summary }).toEqual({ code: 0, summary: { accepted: lines.length } });

    const ledger = await Ledger.open({ storeUrl: server.store, policy: referencePolicy });
    try {
      const tree = ledger.divisions;
      if (!tree) throw new Error('no division tree');
      // Read while the writer still had commands to append: the log moved on from there.
      expect(Math.min(...read.map((r) => r.tables.position))).toBeLessThan(await ledger.store.headPosition());
      for (const { report, tables } of read) {
        const asStood = await DirectReports.load(ledger.store, { policy: referencePolicy, divisions: tree }, { upTo: tables.position });
        expect({ report: report.report, ...tables }).toEqual({
          report: report.report, total: asSent(report.direct(asStood, false)), byChild: asSent(report.direct(asStood, true)), position: tables.position,
        });
        // The township's counts are its two villages': what a page shows adds up.
        const { rows } = tables.byChild;
        expect(rows.map((r) => r['division'])).toEqual([WILLOW, STONE_BRIDGE]);
        const counts = Object.keys(tables.total).filter((k) => Number.isInteger(tables.total[k]) && !NOT_SUMS.includes(k));
        for (const k of counts) expect({ report: report.report, field: k, sum: rows.reduce((s, r) => s + (r[k] as number), 0) }).toEqual({ report: report.report, field: k, sum: tables.total[k] });
      }
    } finally {
      await ledger.close();
    }

    // Once the log stands still, every role's answer is the two answers it gets without withChildren: an analyst's the same
    // suppressed figures (cut from the whole tree's table), a caseworker's its own division by default.
    for (const [token, division] of [[TOKENS.analyst, `&division=${TOWNSHIP}`], [TOKENS.auditor, ''], [TOKENS.township, '']] as const)
      for (const r of REPORTS) {
        const tables = (await get(server, `/api/reports/${r.report}?${r.period}${division}&withChildren=true`, token)) as Tables;
        const [total, byChild] = [await get(server, `/api/reports/${r.report}?${r.period}${division}`, token), await get(server, `/api/reports/${r.report}?${r.period}${division}&byChild=true`, token)];
        expect({ report: r.report, token, total: tables.total, byChild: tables.byChild }).toEqual({ report: r.report, token, total, byChild });
        // The journeys' own arithmetic, so that answers that agree on nothing still fail: three in four households cleared in July.
        if (token === TOKENS.auditor && r.report === 'monthly') expect(tables.total['cleared']).toBe((HOUSEHOLDS * 3) / 4);
      }
  });

  it('refuses withChildren with byChild, naming withChildren, leaves withChildren=false answers as they were, and gives a village no rows', async () => {
    const refused = await server.request('GET', '/api/reports/monthly?month=2016-07&withChildren=true&byChild=true', { token: TOKENS.auditor });
    expect({ status: refused.status, code: refused.body.code, field: refused.body.field }).toEqual({ status: 400, code: 'INVALID_QUERY', field: 'withChildren' });
    const [plain, off] = await Promise.all([
      server.request('GET', '/api/reports/clearance?year=2016&byChild=true', { token: TOKENS.auditor }),
      server.request('GET', '/api/reports/clearance?year=2016&byChild=true&withChildren=false', { token: TOKENS.auditor }),
    ]);
    expect({ status: off.status, text: off.text }).toEqual({ status: 200, text: plain.text });
    // A village has no children: its rows are none, its total its own row.
    const village = await server.request('GET', `/api/reports/progress?month=2016-05&division=${WILLOW}&withChildren=true`, { token: TOKENS.auditor });
    expect({ status: village.status, division: village.body.total.division, byChild: village.body.byChild }).toEqual({ status: 200, division: WILLOW, byChild: { division: WILLOW, month: '2016-05', rows: [] } });
  });
});
