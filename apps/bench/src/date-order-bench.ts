import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { regroupCommands } from '@hearth/ledger';
import { writeRegion } from '@hearth/simulator';
import { median, ratioOf, systemClock } from './harness';
import { removeDb } from './child';
import { importBench, type ImportBenchOptions, type ImportBenchResult } from './import-bench';
import { catchUpBench, type CatchUpResult } from './read-bench';
import { rebuildBench, type RebuildResult } from './rebuild-bench';
import type { BenchRegion } from './region';

/**
 * The import and the catch-up again, on the same region's log in business-date order:
 * households interleaved as a ledger written day by day interleaves them, where the
 * default log has each household's commands together. Each against its own floor, as
 * the household-order figures are (docs/performance.md, "Where the bench stands").
 */
export interface DateOrderResult {
  readonly import: Omit<ImportBenchResult, 'storePath'>;
  readonly catchUp: Omit<CatchUpResult, 'projectedStorePath'>;
  /** `hearth rebuild --read-models FILE` of that log: stream by stream on SQLite (decision 119), against reading it. */
  readonly rebuild: RebuildResult;
  /** The same log written household by household first (`hearth regroup`, decision 108), then imported. */
  readonly regrouped: RegroupedImportResult;
}

export interface RegroupedImportResult {
  /** Median wall time of regrouping the log in date order (in process: no start-up), ms. */
  readonly regroupMs: number;
  readonly regroupRunsMs: readonly number[];
  /** The import of the regrouped log against its floor, with the keys of the top-level import. */
  readonly import: Omit<ImportBenchResult, 'storePath'>;
  /** (regroupMs + the import's net time) / the floor's net time (gross times when a net one is not measurable): the whole way in, against the floor. */
  readonly ratio: number;
}

/** The region with its log written again in date order (`hearth generate --order date`), beside the first. */
export const dateOrderedRegion = async (region: BenchRegion): Promise<BenchRegion> => {
  const commandsFile = join(region.workDir, `region-${region.households}-${region.seed}-by-date.jsonl`);
  const summary = await writeRegion({ households: region.households, seed: region.seed, order: 'date', scratchDir: region.workDir, commandsOut: createWriteStream(commandsFile) });
  if (summary.commands !== region.commands || summary.bytes !== region.bytes)
    throw new Error(`the log in date order has ${summary.commands} commands of ${summary.bytes} bytes, the household-order log ${region.commands} of ${region.bytes}`);
  return { ...region, commandsFile };
};

/** `hearth regroup`'s work on the region's log in date order, `rounds` times; the last file written is kept as the region's log. */
const regroupedRegion = async (dated: BenchRegion, opts: ImportBenchOptions): Promise<{ region: BenchRegion; runsMs: number[] }> => {
  const clock = opts.clock ?? systemClock;
  const commandsFile = join(dated.workDir, `region-${dated.households}-${dated.seed}-regrouped.jsonl`);
  const runsMs: number[] = [];
  for (let r = 0; r < (opts.rounds ?? 3); r++) {
    const out = createWriteStream(commandsFile);
    const started = clock();
    const summary = await regroupCommands({ source: dated.commandsFile, out, scratchDir: dated.workDir });
    out.end();
    await once(out, 'finish');
    runsMs.push(clock() - started);
    opts.onRun?.('regroup, log in date order', runsMs[r] as number);
    if (summary.written !== dated.commands) throw new Error(`regrouping wrote ${summary.written} of the log's ${dated.commands} commands`);
  }
  return { region: { ...dated, commandsFile }, runsMs };
};

export const dateOrderBench = async (region: BenchRegion, opts: ImportBenchOptions = {}): Promise<DateOrderResult> => {
  const dated = await dateOrderedRegion(region);
  const label = (what: string, ms: number): void => opts.onRun?.(`${what}, log in date order`, ms);
  const { storePath, ...imported } = await importBench(dated, { ...opts, onRun: label });
  const { projectedStorePath: _caughtUp, ...catchUp } = await catchUpBench(dated, storePath, { ...opts, onRun: label });
  const rebuild = await rebuildBench(dated, storePath, { ...opts, onRun: label });

  const regrouped = await regroupedRegion(dated, opts);
  const { storePath: regroupedStore, ...regroupedImport } = await importBench(regrouped.region, { ...opts, onRun: (what, ms) => opts.onRun?.(`${what}, log in date order regrouped`, ms) });
  removeDb(regroupedStore);
  const regroupMs = median(regrouped.runsMs);
  const s = regroupedImport.subject;
  const b = regroupedImport.baseline;
  const ratio = s.netMs !== null && b.netMs !== null ? ratioOf(regroupMs + s.netMs, b.netMs) : ratioOf(regroupMs + s.grossMs, b.grossMs);
  return { import: imported, catchUp, rebuild, regrouped: { regroupMs, regroupRunsMs: regrouped.runsMs, import: regroupedImport, ratio } };
};
