import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendBench, type AppendResult } from './append-bench';
import type { BenchReport } from './bench';
import { dateOrderBench, type DateOrderResult } from './date-order-bench';
import { decideBench, type DecideFoldResult } from './decide-bench';
import { historyBench, type HistoryResult } from './history-bench';
import { historyBenchInChild } from './history-child';
import { importBench, type ImportBenchResult } from './import-bench';
import { peerBench, type PeerResult } from './peer/peer-bench';
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
  let appended: AppendResult;
  let history: HistoryResult;
  let peer: PeerResult;
  let dateOrder: DateOrderResult;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-spec-'));
    region = await writeBenchRegion(workDir, 30, 1);
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('import: the real executable vs the bare-table floor, with memory figures', async () => {
    imported = await importBench(region, { rounds: 1 });
    expect(Object.keys(imported).sort()).toEqual(['workers', 'accepted', 'commands', 'grossRatio', 'ratio', 'rejected', 'rowBytes', 'rows', 'storePath', 'subject', 'baseline', 'transactions'].sort());
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

  it('import in two processes (--workers 2): the same outcome, every process measured', async () => {
    const split = await importBench(region, { rounds: 1, workers: 2 });
    rmSync(split.storePath, { force: true });
    expect(split.workers).toBe(2);
    expect(imported.workers).toBe(1);
    expect([split.accepted, split.rejected]).toEqual([imported.accepted, imported.rejected]);
    // Each part writes checkpoints of its own and the file's stream its split: more rows than one process's checkpoints.
    expect(split.rows).toBeGreaterThan(imported.rows);
    // The parent and its two parts each report a peak (child.ts adds them up): more than one process's.
    expect(split.subject.memory.peakRssBytes).toBeGreaterThan(imported.subject.memory.peakRssBytes);
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
    // A read model's table (facts `proj_`, aggregates `agg_`), never the log's or the checkpoints'.
    expect(reports.largestTable).toMatch(/^(proj|agg)_/);
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

  it('append: one command at a time through the command handler vs the raw optimistic insert, ratio of the measured rates', async () => {
    appended = await appendBench(region, { rounds: 1, commands: 200 });
    expect(Object.keys(appended).sort()).toEqual(['accepted', 'baselineMs', 'baselinePerSec', 'commands', 'events', 'ratio', 'subjectMs', 'subjectPerSec'].sort());
    for (const x of [appended.subjectMs, appended.baselineMs, appended.subjectPerSec, appended.baselinePerSec, appended.ratio]) finitePositive(x);
    expect(appended.commands).toBeGreaterThan(150); // 200 lines, less the few the decoder refuses
    expect(appended.accepted).toBeGreaterThan(0);
    expect(appended.events).toBeGreaterThanOrEqual(appended.accepted); // the floor replayed every row the handler stored
    expect(appended.subjectPerSec).toBeCloseTo((appended.commands * 1000) / appended.subjectMs, 6);
    expect(appended.baselinePerSec).toBeCloseTo((appended.commands * 1000) / appended.baselineMs, 6);
    expect(appended.ratio).toBeCloseTo(appended.subjectPerSec / appended.baselinePerSec, 12);
  });

  it('history: load and fold one household vs raw read and parse, ratio of the p99s', async () => {
    history = await historyBench(imported.storePath, { passes: 2, sample: 10 });
    expect(Object.keys(history).sort()).toEqual(['baselineP50Us', 'baselineP99Us', 'events', 'households', 'p50Us', 'p99Us', 'passes', 'ratio'].sort());
    expect(history.households).toBe(10);
    expect(history.passes).toBe(2);
    finitePositive(history.events);
    for (const x of [history.p50Us, history.p99Us, history.baselineP50Us, history.baselineP99Us, history.ratio]) finitePositive(x);
    expect(history.p50Us).toBeLessThanOrEqual(history.p99Us);
    expect(history.baselineP50Us).toBeLessThanOrEqual(history.baselineP99Us);
    expect(history.ratio).toBeCloseTo(history.p99Us / history.baselineP99Us, 12);
  });

  it('history in a process of its own (as the whole bench runs it) loads the same households and events', async () => {
    const inChild = await historyBenchInChild(workDir, imported.storePath, { rounds: 1, passes: 2, sample: 10 });
    expect(Object.keys(inChild).sort()).toEqual(Object.keys(history).sort());
    expect({ households: inChild.households, passes: inChild.passes, events: inChild.events }).toEqual({ households: history.households, passes: history.passes, events: history.events });
    for (const x of [inChild.p50Us, inChild.p99Us, inChild.baselineP50Us, inChild.baselineP99Us, inChild.ratio]) finitePositive(x);
    expect(inChild.ratio).toBeCloseTo(inChild.p99Us / inChild.baselineP99Us, 12);
  });

  it("peer: Hearth's store vs Emmett's on the same households at the same durability, ratio of the measured rates", async () => {
    peer = await peerBench(workDir, imported.storePath, { rounds: 1, events: 60, readPasses: 2 });
    expect(Object.keys(peer).sort()).toEqual(['append', 'emmett', 'events', 'oneConnection', 'readPasses', 'readStream', 'streams']);
    expect(peer.readPasses).toBe(2);
    expect(peer.emmett.emmettSqlite).toBe(peer.emmett.emmett); // a matching pair
    expect(peer.emmett.synchronous).toBe(1); // NORMAL, as Hearth's store
    expect(peer.emmett.journalMode).toBe('wal');
    expect(peer.events).toBeGreaterThanOrEqual(60);
    expect(peer.emmett.connectionsPerAppend).toBeGreaterThanOrEqual(1); // Emmett's store on a file: a connection per call (and per retry)
    expect(Number.isInteger(peer.emmett.busyRetries) && peer.emmett.busyRetries >= 0).toBe(true);
    const pairs = [
      [peer.append, peer.events], [peer.readStream, peer.streams * peer.readPasses],
      [peer.oneConnection.append, peer.events], [peer.oneConnection.readStream, peer.streams * peer.readPasses],
    ] as const;
    for (const [rates, count] of pairs) {
      expect(Object.keys(rates).sort()).toEqual(['emmettMs', 'emmettPerSec', 'hearthMs', 'hearthPerSec', 'ratio']);
      for (const x of Object.values(rates)) finitePositive(x);
      expect(rates.hearthPerSec).toBeCloseTo((count * 1000) / rates.hearthMs, 6);
      expect(rates.emmettPerSec).toBeCloseTo((count * 1000) / rates.emmettMs, 6);
      expect(rates.ratio).toBeCloseTo(rates.hearthPerSec / rates.emmettPerSec, 12);
    }
  });

  it('date order: the same commands interleaved by date give the same answers, the import, the catch-up and the rebuild each against its floor', async () => {
    dateOrder = await dateOrderBench(region, { rounds: 1 });
    for (const k of ['commands', 'accepted', 'rejected', 'rows', 'transactions'] as const) expect(dateOrder.import[k]).toBe(imported[k]);
    expect(dateOrder.catchUp.events).toBe(caughtUp.events);
    finitePositive(dateOrder.import.ratio);
    expect(dateOrder.catchUp.ratio).toBeCloseTo(dateOrder.catchUp.subjectMs / dateOrder.catchUp.baselineMs, 12);
    // The rebuild into a file of its own reads the whole log, as the catch-up does.
    expect(dateOrder.rebuild.events).toBe(caughtUp.events);
    expect(dateOrder.rebuild.ratio).toBeCloseTo(dateOrder.rebuild.subjectMs / dateOrder.rebuild.baselineMs, 12);
    // Regrouped, the same commands again, with the same answers.
    for (const k of ['commands', 'accepted', 'rejected', 'rows', 'transactions'] as const) expect(dateOrder.regrouped.import[k]).toBe(imported[k]);
    finitePositive(dateOrder.regrouped.regroupMs);
    finitePositive(dateOrder.regrouped.ratio);
  });

  it('renders one table row per measurement and one explanation per benchmark', () => {
    const report: BenchReport = {
      households: 30, seed: 1, rounds: 1, commands: region.commands, logBytes: region.bytes,
      machine: { cpus: 2, node: process.version, platform: process.platform },
      import: imported, decideFold: decided, catchUp: caughtUp, reports, verify: verified,
      append: appended, history, peer, dateOrder,
    };
    const text = renderReport(report);
    for (const k of ['import (net of start-up)', 'peak RSS', 'peak heap growth', 'decide+fold', 'catch-up', 'report clearanceReport', 'report monthlyReport', 'verify', 'append (one command at a time)', 'history p99', 'peer append', 'peer readStream', 'import, log in date order', 'catch-up, log in date order', 'regrouped first'])
      expect(text).toContain(k);
    for (const k of ['- import:', '- decide+fold:', '- catch-up:', '- report:', '- verify:', '- append:', '- history:', '- peer:', '- date order:']) expect(text).toContain(k);
    expect(text).not.toMatch(/NaN/);
  });
});
