import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport } from './bench';
import { decideBench, type DecideFoldResult } from './decide-bench';
import { importBench, type ImportBenchResult } from './import-bench';
import { catchUpBench, reportBench, verifyBench, type CatchUpResult, type ReportResult, type VerifyResult } from './read-bench';
import { type BenchRegion, writeBenchRegion } from './region';
import { renderReport } from './render';

// End to end on a 30-household region, one run per side: shapes and sanity, never speed.
jest.setTimeout(120_000);

const finitePositive = (x: unknown): void => {
  expect(typeof x).toBe('number');
  expect(Number.isFinite(x)).toBe(true);
  expect(x as number).toBeGreaterThan(0);
};

describe('benchmarks on a tiny region', () => {
  let workDir: string;
  let region: BenchRegion;
  let imported: ImportBenchResult;
  let decided: DecideFoldResult;
  let caughtUp: CatchUpResult;
  let reports: ReportResult;
  let verified: VerifyResult;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-spec-'));
    region = await writeBenchRegion(workDir, 30, 1);
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('import: the real executable vs the bare-table floor, with memory figures', async () => {
    imported = await importBench(region, { rounds: 1 });
    expect(Object.keys(imported).sort()).toEqual(['accepted', 'commands', 'grossRatio', 'ratio', 'rejected', 'rowBytes', 'rows', 'storePath', 'subject', 'baseline', 'transactions'].sort());
    for (const side of [imported.subject, imported.baseline]) {
      expect(Object.keys(side).sort()).toEqual(['commandsPerSec', 'grossMs', 'memory', 'netMs', 'rowsPerSec', 'runsMs', 'startupMs', 'startupPeakRssBytes'].sort());
      for (const x of [side.grossMs, side.startupMs, side.commandsPerSec, side.rowsPerSec, side.memory.peakRssBytes, side.startupPeakRssBytes]) finitePositive(x);
      expect(side.memory.heapGrowthBytes).toBeGreaterThanOrEqual(0);
      if (side.netMs !== null) finitePositive(side.netMs);
    }
    finitePositive(imported.ratio);
    finitePositive(imported.grossRatio);
    expect(imported.commands).toBe(region.commands);
    expect(imported.accepted + imported.rejected).toBe(region.commands);
    expect(imported.rows).toBeGreaterThan(imported.accepted); // every accepted command appends ≥ 1 event, plus the checkpoint
    finitePositive(imported.rowBytes);
  });

  it('decide+fold: the domain in memory vs JSON.parse, agreeing with the import', async () => {
    decided = await decideBench(region, { rounds: 1 });
    for (const x of [decided.subjectMs, decided.baselineMs, decided.ratio, decided.subjectCommandsPerSec, decided.baselineCommandsPerSec]) finitePositive(x);
    expect(decided.commands).toBe(region.commands);
    expect(decided.accepted).toBe(imported.accepted);
    expect(decided.rejected).toBe(imported.rejected);
  });

  it('catch-up: every projection vs readAll doing nothing', async () => {
    caughtUp = await catchUpBench(region, imported.storePath, { rounds: 1 });
    for (const x of [caughtUp.subjectMs, caughtUp.baselineMs, caughtUp.ratio, caughtUp.subjectEventsPerSec, caughtUp.baselineEventsPerSec]) finitePositive(x);
    expect(caughtUp.events).toBe(imported.rows + 1); // + the division tree
  });

  it('reports: each root query vs count(*) over the largest read-model table', async () => {
    reports = await reportBench(region, caughtUp.projectedStorePath, { rounds: 1, minRunMs: 5 });
    expect(reports.largestTable).toMatch(/^proj_/);
    finitePositive(reports.largestTableRows);
    expect(reports.queries.map((q) => q.query)).toEqual(["clearanceReport({year: 2018})", "monthlyReport({month: '2018-06'})"]);
    for (const q of reports.queries) for (const x of [q.iterations, q.subjectMs, q.baselineMs, q.ratio]) finitePositive(x);
  });

  it('verify: verifyLog vs reading every stream, finding nothing wrong', async () => {
    verified = await verifyBench(region, imported.storePath, { rounds: 1 });
    for (const x of [verified.subjectMs, verified.baselineMs, verified.ratio, verified.subjectEventsPerSec, verified.baselineEventsPerSec]) finitePositive(x);
    expect(verified.anomalies).toBe(0);
    expect(verified.events).toBe(caughtUp.events);
    expect(verified.streams).toBeGreaterThanOrEqual(30);
  });

  it('renders one table row per measurement and one explanation per benchmark', () => {
    const report: BenchReport = {
      households: 30, seed: 1, rounds: 1, commands: region.commands, logBytes: region.bytes,
      machine: { cpus: 2, node: process.version, platform: process.platform },
      import: imported, decideFold: decided, catchUp: caughtUp, reports, verify: verified,
    };
    const text = renderReport(report);
    for (const k of ['import (net of start-up)', 'peak RSS', 'peak heap growth', 'decide+fold', 'catch-up', 'report clearanceReport', 'report monthlyReport', 'verify'])
      expect(text).toContain(k);
    for (const k of ['- import:', '- decide+fold:', '- catch-up:', '- report:', '- verify:']) expect(text).toContain(k);
    expect(text).not.toMatch(/NaN/);
  });
});
