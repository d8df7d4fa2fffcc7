import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { DirectReports } from '@hearth/projections';
import { reportSheet, type ReportRow, type SheetCell } from '../src/dashboard/report-sheet';
import { journey } from './support/journey';
import { writerInAnotherProcess } from './support/other-writer';
import { Server, startServer } from './support/server';
import { STONE_BRIDGE, TOKENS, TOWNSHIP, WILLOW } from './support/tokens';

const HOUSEHOLDS = 150;
/** Between two of the writer's commands: its 1,200 commands take five seconds or more, however loaded the machine. */
const PAUSE_MS = 3;
/** Between two downloads: a few dozen, each checked against the log as it stood. */
const EVERY_MS = 100;
const MONTH = '2016-07';

/** Households whose journeys the other process records one command at a time: one in four stops once identified. */
const commandLines = (): string[] =>
  Array.from({ length: HOUSEHOLDS }, (_, i) => {
    const steps = journey(`hh-race-${i}`, i % 2 === 0 ? WILLOW : STONE_BRIDGE);
    return (i % 4 === 3 ? steps.slice(0, 4) : steps).map((c) => JSON.stringify(c));
  }).flat();

interface Downloaded {
  readonly report: 'monthly' | 'progress';
  readonly position: number;
  readonly rows: SheetCell[][];
}

/**
 * An auditor's .xlsx export of the township (unsuppressed): its rows, and the ledger position its notes sheet names.
 * Undefined when the read models took in events during each of its reads: a 503 STORE_BUSY that says so, which a
 * client sends again (the writer here never pauses, as no office does).
 */
const download = async (server: Server, report: 'monthly' | 'progress'): Promise<Downloaded | undefined> => {
  const res = await fetch(`${server.url}/api/exports/${report}.xlsx?month=${MONTH}&division=${TOWNSHIP}`, { headers: { authorization: `Bearer ${TOKENS.auditor}` } });
  if (res.status === 503) {
    expect(await res.json()).toEqual({ code: 'STORE_BUSY', message: expect.stringContaining('took in new events during each of') });
    return undefined;
  }
  expect(res.status).toBe(200);
  const workbook = new Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const [sheet, notes] = workbook.worksheets;
  const note = (name: string): string => String(notes?.getRows(1, notes.rowCount)?.find((r) => r.getCell(1).value === name)?.getCell(2).value ?? '');
  const rows: SheetCell[][] = [];
  sheet?.eachRow((row, n) => {
    if (n > 1) rows.push(sheet.columns.map((_, i) => (row.getCell(i + 1).value ?? null) as SheetCell));
  });
  return { report, position: Number(/^(\d+) /.exec(note('ledger position'))?.[1]), rows };
};

describe('an export while another process records commands', () => {
  let server: Server;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server.close());

  it('is the report at the ledger position it names: the direct computation up to that position gives the same rows', async () => {
    const file = join(server.storePath, '..', 'journeys.jsonl');
    writeFileSync(file, commandLines().join('\n'));
    const writer = writerInAnotherProcess(server.store, file, PAUSE_MS);
    await writer.started;
    let writing = true;
    const finished = writer.done.finally(() => (writing = false));
    const downloads: Downloaded[] = [];
    for (let asked = 0; writing; asked++) {
      const d = await download(server, asked % 2 === 0 ? 'monthly' : 'progress');
      if (d) downloads.push(d);
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    const { code, summary } = await finished;
    expect({ code, summary }).toEqual({ code: 0, summary: { accepted: commandLines().length } });

    // Read by the service while the log grew: several positions, and figures that moved between them.
    const monthly = downloads.filter((d) => d.report === 'monthly');
    expect(new Set(downloads.map((d) => d.position)).size).toBeGreaterThan(3);
    expect(new Set(monthly.map((d) => JSON.stringify(d.rows))).size).toBeGreaterThan(1);

    const ledger = await Ledger.open({ storeUrl: server.store, policy: referencePolicy });
    try {
      const tree = ledger.divisions;
      if (!tree) throw new Error('no division tree');
      const info = (c: string) => tree.get(c);
      for (const d of downloads) {
        const asStood = await DirectReports.load(ledger.store, { policy: referencePolicy, divisions: tree }, { upTo: d.position });
        const q = { month: MONTH, division: TOWNSHIP };
        const [total, children] =
          d.report === 'monthly'
            ? [asStood.monthlyReport(q), asStood.monthlyReport({ ...q, byChild: true }).rows]
            : [asStood.progressReport(q), asStood.progressReport({ ...q, byChild: true }).rows];
        const expected = reportSheet('', total as unknown as ReportRow, children as unknown as ReportRow[], info).rows;
        expect({ report: d.report, position: d.position, rows: d.rows }).toEqual({ report: d.report, position: d.position, rows: expected });
      }
    } finally {
      await ledger.close();
    }
  });
});
