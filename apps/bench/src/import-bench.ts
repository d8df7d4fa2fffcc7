import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FLOOR_INSERT, HEARTH_BIN, removeDb, runNode, type ChildRun } from './child';
import { compare, median, perSecond, ratioOf, type Clock } from './harness';
import type { BenchRegion } from './region';

/** The importer's default batch: commands decided and written per transaction. */
export const IMPORT_BATCH = 1000;

/** A net time smaller than this fraction of the start-up it was computed from is not reported. */
export const NET_NOISE_FRACTION = 0.1;

export interface MemoryFigures {
  /** Median over runs of the process's peak RSS, bytes. */
  readonly peakRssBytes: number;
  /** Median over runs of (peak V8 heap in use − heap in use at start), bytes. */
  readonly heapGrowthBytes: number;
}

export interface ImportSide {
  /** Median wall time of the whole process (start-up included), ms. */
  readonly grossMs: number;
  /** Median wall time of the same process on an empty input (start-up, opening the file), ms. */
  readonly startupMs: number;
  /** Median over runs of (gross − median start-up), ms; null when it is under a tenth of the start-up (noise: tiny regions). */
  readonly netMs: number | null;
  /** Commands of the region per second of net time (gross when net is null). */
  readonly commandsPerSec: number;
  /** Rows written per second, on the same time. */
  readonly rowsPerSec: number;
  readonly memory: MemoryFigures;
  /** Peak RSS of the empty-input run, bytes: what start-up alone costs. */
  readonly startupPeakRssBytes: number;
  readonly runsMs: readonly number[];
}

export interface ImportBenchResult {
  /** Processes the import ran in (`hearth import --workers`; 1: one process). */
  readonly workers: number;
  readonly commands: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Event rows the import wrote (household events and the importer's checkpoints). */
  readonly rows: number;
  /** Their mean size: stream id + event id + type + data + metadata, UTF-8 bytes. */
  readonly rowBytes: number;
  readonly transactions: number;
  readonly subject: ImportSide;
  readonly baseline: ImportSide;
  /** net(subject) / net(baseline), or gross / gross when a net time is not measurable. */
  readonly ratio: number;
  readonly grossRatio: number;
  /** The store the first subject run imported into, kept for the read-side benchmarks. */
  readonly storePath: string;
}

export interface ImportRun {
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly probe: ChildRun['probe'];
}

export interface Sizing {
  readonly rows: number;
  readonly rowBytes: number;
}

let files = 0;
/** What the import's runs need of a region: where to work, and its division tree. */
type ImportPlace = Pick<BenchRegion, 'workDir' | 'divisionsFile'>;
const freshPath = (region: ImportPlace, what: string): string => join(region.workDir, `${what}-${process.pid}-${++files}.db`);

const hearth = (region: ImportPlace, args: readonly string[], ok: readonly number[] = [0]) => runNode(region.workDir, HEARTH_BIN, args, ok);

/** A fresh store with the region's division tree recorded (untimed: `hearth divisions load`). */
export const freshStore = async (region: ImportPlace): Promise<{ path: string; before: number }> => {
  const path = freshPath(region, 'import');
  await hearth(region, ['--store', `sqlite:${path}`, 'divisions', 'load', region.divisionsFile, '--on', '2015-12-31']);
  const db = new Database(path, { readonly: true });
  try {
    return { path, before: (db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number) ?? 0 };
  } finally {
    db.close();
  }
};

/** `workers` > 1: `hearth import --workers` (docs/decisions/0172), the parts' processes measured with it (child.ts). */
export const importInto = async (region: ImportPlace, path: string, file: string, workers = 1): Promise<ImportRun> => {
  // Exit 3 = some lines rightly rejected (~1% of a simulated region).
  const split = workers > 1 ? ['--workers', String(workers)] : [];
  const r = await hearth(region, ['--store', `sqlite:${path}`, '--json', 'import', file, '--quiet', '--batch-size', String(IMPORT_BATCH), ...split], [0, 3]);
  const summary = JSON.parse(r.stdout) as { accepted: number; unchanged: number; rejected: unknown[] };
  return { accepted: summary.accepted, unchanged: summary.unchanged, rejected: summary.rejected.length, probe: r.probe };
};

/** What the import wrote after the division tree: row count and mean row size in bytes. */
export const sizeOf = (path: string, before: number): Sizing => {
  const db = new Database(path, { readonly: true });
  try {
    const r = db
      .prepare(
        `SELECT count(*) AS rows, coalesce(avg(length(CAST(stream_id AS BLOB)) + length(CAST(event_id AS BLOB)) + length(CAST(type AS BLOB))
           + length(CAST(data AS BLOB)) + length(CAST(metadata AS BLOB))), 0) AS bytes FROM events WHERE position > ?`,
      )
      .get(before) as { rows: number; bytes: number };
    return { rows: r.rows, rowBytes: Math.max(1, Math.round(r.bytes)) };
  } finally {
    db.close();
  }
};

/**
 * The floor of an import of `commands` commands that wrote `sizing`'s rows: as many rows of the
 * same mean size, in as many transactions as the import commits (one a batch of lines).
 */
export const floorOf = (region: ImportPlace, sizing: Sizing, commands: number): Promise<ChildRun> => {
  const transactions = Math.max(1, Math.ceil(commands / IMPORT_BATCH));
  return floor(region, sizing.rows, sizing.rowBytes, Math.max(1, Math.ceil(sizing.rows / transactions)));
};

export const floor = async (region: ImportPlace, rows: number, bytes: number, batch: number): Promise<ChildRun> => {
  const path = freshPath(region, 'floor');
  try {
    const r = await runNode(region.workDir, FLOOR_INSERT, [path, String(rows), String(bytes), String(batch)]);
    const written = (JSON.parse(r.stdout) as { rows: number }).rows;
    if (written !== rows) throw new Error(`the floor wrote ${written} rows, expected ${rows}`);
    return r;
  } finally {
    removeDb(path);
  }
};

const memoryOf = (probes: readonly ChildRun['probe'][]): MemoryFigures => ({
  peakRssBytes: median(probes.map((p) => p.peakRssBytes)),
  heapGrowthBytes: median(probes.map((p) => Math.max(0, p.heapPeakBytes - p.heapStartBytes))),
});

export interface ImportBenchOptions {
  readonly rounds?: number;
  /** Processes the import runs in (`hearth import --workers`); default 1. The floor is one process either way. */
  readonly workers?: number;
  readonly clock?: Clock;
  readonly onRun?: (what: string, ms: number) => void;
}

/**
 * Import throughput: `hearth import` (Ledger + importCommands: batches of 1000, line
 * command ids, io-ts decoding, decide/evolve, hash chain, one transaction per batch with
 * the file checkpoint) into a fresh SQLite file, against the floor: the same number of
 * rows of the same mean size through one prepared statement, as many transactions,
 * into a bare table. Both are separate processes started the same way; the start-up of
 * each is measured on an empty input, interleaved the same way, and subtracted.
 */
export const importBench = async (region: BenchRegion, opts: ImportBenchOptions = {}): Promise<ImportBenchResult> => {
  const rounds = opts.rounds ?? 3;
  const workers = opts.workers ?? 1;
  const transactions = Math.max(1, Math.ceil(region.commands / IMPORT_BATCH));

  // 1. Start-up: the same two processes on empty inputs.
  const startup = await compare({
    rounds,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: {
      prepare: () => freshStore(region),
      run: (s) => importInto(region, s.path, region.emptyFile, workers),
      cleanup: (s) => removeDb(s.path),
    },
    baseline: { run: () => floor(region, 0, 1, 1) },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'import start-up' : 'floor start-up', ms),
  });

  // 2. The real thing. The first subject run sizes the floor and is kept as the store
  //    the read-side benchmarks use.
  let sizing: Sizing | undefined;
  let storePath: string | undefined;
  const main = await compare({
    rounds,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: {
      prepare: () => freshStore(region),
      run: (s) => importInto(region, s.path, region.commandsFile, workers),
      cleanup: (s) => {
        if (sizing === undefined) {
          sizing = sizeOf(s.path, s.before);
          storePath = s.path;
        } else removeDb(s.path);
      },
    },
    baseline: {
      run: () => {
        if (!sizing) throw new Error('the floor is sized from the first import run, which must come first');
        return floorOf(region, sizing, region.commands);
      },
    },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'import' : 'floor insert', ms),
  });
  if (!sizing || !storePath) throw new Error('no import run completed');
  const { rows, rowBytes } = sizing;
  const first = main.subject.results[0] as ImportRun;

  const side = (gross: readonly number[], startupMs: readonly number[], probes: readonly ChildRun['probe'][], startupProbes: readonly ChildRun['probe'][]): ImportSide => {
    const grossMs = median(gross);
    const startupMedian = median(startupMs);
    const net = median(gross.map((g) => g - startupMedian));
    // Below a tenth of the start-up, the difference of two process times is noise (tiny regions).
    const netMs = net > NET_NOISE_FRACTION * startupMedian ? net : null;
    const ms = netMs ?? grossMs;
    return {
      grossMs,
      startupMs: startupMedian,
      netMs,
      commandsPerSec: perSecond(region.commands, ms),
      rowsPerSec: perSecond(rows, ms),
      memory: memoryOf(probes),
      startupPeakRssBytes: median(startupProbes.map((p) => p.peakRssBytes)),
      runsMs: gross,
    };
  };
  const subject = side(main.subject.ms, startup.subject.ms, main.subject.results.map((r) => r.probe), startup.subject.results.map((r) => r.probe));
  const baseline = side(main.baseline.ms, startup.baseline.ms, main.baseline.results.map((r) => r.probe), startup.baseline.results.map((r) => r.probe));
  const grossRatio = ratioOf(subject.grossMs, baseline.grossMs);
  const ratio = subject.netMs !== null && baseline.netMs !== null ? ratioOf(subject.netMs, baseline.netMs) : grossRatio;
  return { workers, commands: region.commands, accepted: first.accepted, rejected: first.rejected, rows, rowBytes, transactions, subject, baseline, ratio, grossRatio, storePath };
};
