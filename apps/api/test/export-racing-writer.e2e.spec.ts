import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { DirectReports } from '@hearth/projections';
import { reportSheet, type ReportRow, type SheetCell } from '../src/dashboard/report-sheet';
import { writerLines } from './support/journey';
import { writerInAnotherProcess } from './support/other-writer';
import { Server, startServer } from './support/server';
import { TOKENS, TOWNSHIP } from './support/tokens';

/** Journeys enough (some 15,500 commands) that a writer that never pauses writes for seconds. */
const HOUSEHOLDS = 2_000;
/** Downloads asked while it writes, each checked against the log as it stood. */
const DOWNLOADS = 30;
/** Between two downloads. */
const EVERY_MS = 10;
const MONTH = '2016-07';

/** The other process's commands, one a line. */
const commandLines = (): string[] => writerLines('hh-race', HOUSEHOLDS);

interface Downloaded {
  readonly report: 'monthly' | 'progress';
  readonly position: number;
  readonly rows: SheetCell[][];
}

/**
 * An .xlsx export of the township (an auditor's unsuppressed, an analyst's suppressed): its rows, and the ledger
 * position its notes sheet names. Answered first time, whatever the writer does meanwhile: the export reads its tables
 * in one snapshot of the read models (decision 0162), never 503 STORE_BUSY because the log moved under it.
 */
const download = async (server: Server, report: 'monthly' | 'progress', role: 'auditor' | 'analyst' = 'auditor'): Promise<Downloaded> => {
  const res = await fetch(`${server.url}/api/exports/${report}.xlsx?month=${MONTH}&division=${TOWNSHIP}`, { headers: { authorization: `Bearer ${TOKENS[role]}` } });
  // Its body said, if not: a 503 STORE_BUSY would name why.
  expect({ status: res.status, ...(res.status === 200 ? {} : { body: await res.text() }) }).toEqual({ status: 200 });
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

  it('is answered first time, and is the report at the ledger position it names: the direct computation up to that position gives the same rows', async () => {
    const file = join(server.storePath, '..', 'journeys.jsonl');
    writeFileSync(file, commandLines().join('\n'));
    // The report worker started (it loads its sources), so that its first read does not take the writing's time.
    await download(server, 'progress', 'analyst');
    // No pause between the writer's commands: the log grows under every download, as under a busy office's imports.
    const writer = writerInAnotherProcess(server.store, file);
    await writer.started;
    let writing = true;
    const finished = writer.done.finally(() => (writing = false));
    const downloads: Downloaded[] = [];
    const analysts: Downloaded[] = [];
    for (let asked = 0; writing && asked < DOWNLOADS; asked++) {
      downloads.push(await download(server, asked % 2 === 0 ? 'monthly' : 'progress'));
      // An analyst's export is cut in the report worker from the whole tree's suppressed table: read in one snapshot too.
      if (asked % 4 === 0) analysts.push(await download(server, asked % 8 === 0 ? 'monthly' : 'progress', 'analyst'));
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    const { code, summary } = await finished;
    expect({ code, summary }).toEqual({ code: 0, summary: { accepted: commandLines().length } });

    // An analyst's export too was answered first time while the writer wrote (download checks each status).
    expect(analysts.length).toBeGreaterThan(0);

    const ledger = await Ledger.open({ storeUrl: server.store, policy: referencePolicy });
    try {
      const tree = ledger.divisions;
      if (!tree) throw new Error('no division tree');
      const info = (c: string) => tree.get(c);
      // Read while the writer still had commands to append, not all once it had finished: the log moved on from there. (How
      // many downloads a writer at full speed leaves time for depends on the machine: a read first takes in the log up to its
      // head, and the projections may be slower than the writer.)
      expect(Math.min(...downloads.map((d) => d.position))).toBeLessThan(await ledger.store.headPosition());
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
