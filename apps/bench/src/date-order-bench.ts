import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { writeRegion } from '@hearth/simulator';
import { importBench, type ImportBenchOptions, type ImportBenchResult } from './import-bench';
import { catchUpBench, type CatchUpResult } from './read-bench';
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
}

/** The region with its log written again in date order (`hearth generate --order date`), beside the first. */
export const dateOrderedRegion = async (region: BenchRegion): Promise<BenchRegion> => {
  const commandsFile = join(region.workDir, `region-${region.households}-${region.seed}-by-date.jsonl`);
  const summary = await writeRegion({ households: region.households, seed: region.seed, order: 'date', scratchDir: region.workDir, commandsOut: createWriteStream(commandsFile) });
  if (summary.commands !== region.commands || summary.bytes !== region.bytes)
    throw new Error(`the log in date order has ${summary.commands} commands of ${summary.bytes} bytes, the household-order log ${region.commands} of ${region.bytes}`);
  return { ...region, commandsFile };
};

export const dateOrderBench = async (region: BenchRegion, opts: ImportBenchOptions = {}): Promise<DateOrderResult> => {
  const dated = await dateOrderedRegion(region);
  const label = (what: string, ms: number): void => opts.onRun?.(`${what}, log in date order`, ms);
  const { storePath, ...imported } = await importBench(dated, { ...opts, onRun: label });
  const { projectedStorePath: _caughtUp, ...catchUp } = await catchUpBench(dated, storePath, { ...opts, onRun: label });
  return { import: imported, catchUp };
};
