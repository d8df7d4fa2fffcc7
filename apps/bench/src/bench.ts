import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendBench, type AppendResult } from './append-bench';
import { removeDb } from './child';
import { dateOrderBench, type DateOrderResult } from './date-order-bench';
import { decideBench, type DecideFoldResult } from './decide-bench';
import type { Clock } from './harness';
import type { HistoryResult } from './history-bench';
import { historyBenchInChild } from './history-child';
import { importBench, type ImportBenchResult } from './import-bench';
import { peerBench, type PeerResult } from './peer/peer-bench';
import { catchUpBench, reportBench, verifyBench, type CatchUpResult, type ReportResult, type VerifyResult } from './read-bench';
import { writeBenchRegion } from './region';

export interface BenchOptions {
  readonly households: number;
  readonly seed: number;
  /** Runs of each side per comparison (median of these). Default 3. */
  readonly rounds?: number;
  /** Where region files and stores go. Default: a fresh directory under the OS temp dir, removed afterwards. */
  readonly workDir?: string;
  readonly keep?: boolean;
  /** Processes the import runs in (`hearth import --workers`, decision 172). Default 2, this machine's cores; 1 measures one process only. */
  readonly importWorkers?: number;
  readonly clock?: Clock;
  /** Per run, for progress on stderr. */
  readonly onRun?: (what: string, ms: number) => void;
  readonly onStage?: (stage: string) => void;
}

export interface BenchReport {
  readonly households: number;
  readonly seed: number;
  readonly rounds: number;
  readonly commands: number;
  readonly logBytes: number;
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string };
  readonly import: ImportBenchResult;
  /** The import in one process, against its own floor, when `import` ran in several. */
  readonly importOneProcess?: Omit<ImportBenchResult, 'storePath'>;
  readonly decideFold: DecideFoldResult;
  readonly catchUp: CatchUpResult;
  /**
   * The same catch-up on the store the import in one process wrote, when `import` ran in
   * several: its households registered in the order of their ids, where the parts' store
   * has them out of key order (docs/decisions/0190).
   */
  readonly catchUpOneProcess?: Omit<CatchUpResult, 'projectedStorePath'>;
  readonly reports: ReportResult;
  readonly verify: VerifyResult;
  /** One command at a time through the command handler vs a raw optimistic insert; ratio = rate / floor's rate. */
  readonly append: AppendResult;
  /** Loading and folding one household vs reading and parsing its rows; ratio = p99 / floor's p99. */
  readonly history: HistoryResult;
  /** Hearth's SQLite store vs Emmett's on the same workloads; ratio = Hearth's rate / Emmett's. */
  readonly peer: PeerResult;
  /** The import and the catch-up on the same log in business-date order (households interleaved), each against its floor. */
  readonly dateOrder: DateOrderResult;
}

/** Every benchmark, in order, on one region: the import's store feeds the read side. */
export const runBenchmarks = async (opts: BenchOptions): Promise<BenchReport> => {
  const rounds = opts.rounds ?? 3;
  const workDir = opts.workDir ?? join(tmpdir(), `hearth-bench-${process.pid}-${Date.now()}`);
  const common = { rounds, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.onRun ? { onRun: opts.onRun } : {}) };
  try {
    opts.onStage?.(`generating ${opts.households.toLocaleString('en')} households (seed ${opts.seed}) in ${workDir}`);
    const region = await writeBenchRegion(workDir, opts.households, opts.seed);
    opts.onStage?.(`import throughput (${region.commands.toLocaleString('en')} commands)`);
    const workers = opts.importWorkers ?? 2;
    const imported = await importBench(region, { ...common, workers });
    let importOneProcess: Omit<ImportBenchResult, 'storePath'> | undefined;
    let oneProcessStore: string | undefined;
    if (workers > 1) {
      opts.onStage?.('import throughput in one process');
      const { storePath, ...whole } = await importBench(region, { ...common, workers: 1 });
      oneProcessStore = storePath;
      importOneProcess = whole;
    }
    opts.onStage?.('decide + fold in memory');
    const decideFold = await decideBench(region, common);
    opts.onStage?.('projection catch-up');
    const catchUp = await catchUpBench(region, imported.storePath, common);
    let catchUpOneProcess: Omit<CatchUpResult, 'projectedStorePath'> | undefined;
    if (oneProcessStore !== undefined) {
      opts.onStage?.('projection catch-up, the store imported in one process');
      const { projectedStorePath, ...result } = await catchUpBench(region, oneProcessStore, common);
      removeDb(projectedStorePath);
      removeDb(oneProcessStore);
      catchUpOneProcess = result;
    }
    opts.onStage?.('report queries');
    const reports = await reportBench(region, catchUp.projectedStorePath, common);
    opts.onStage?.('verify');
    const verify = await verifyBench(region, imported.storePath, common);
    opts.onStage?.('append: one command at a time through the command handler');
    const append = await appendBench(region, common);
    opts.onStage?.('history: load and fold one household');
    // In a process of its own: a p99 of scavenges should not pay for the heap the comparisons above grew.
    const history = await historyBenchInChild(workDir, imported.storePath, { rounds });
    opts.onStage?.("peer: Hearth's SQLite store vs Emmett's, same workloads");
    const peer = await peerBench(workDir, imported.storePath, { rounds });
    opts.onStage?.('the import and the catch-up again, on the log in date order');
    const dateOrder = await dateOrderBench(region, common);
    return {
      households: opts.households,
      seed: opts.seed,
      rounds,
      commands: region.commands,
      logBytes: region.bytes,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
      import: imported,
      ...(importOneProcess ? { importOneProcess } : {}),
      decideFold,
      catchUp,
      ...(catchUpOneProcess ? { catchUpOneProcess } : {}),
      reports,
      verify,
      append,
      history,
      peer,
      dateOrder,
    };
  } finally {
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  }
};
