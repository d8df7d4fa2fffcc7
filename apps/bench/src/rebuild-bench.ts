import { join } from 'node:path';
import { openProjections } from '@hearth/projections';
import { removeDb } from './child';
import { compare } from './harness';
import { againstTheRead, CATCH_UP_PAGE, openBenchStore, readAllPages, type CatchUpResult, type ReadBenchOptions } from './read-bench';
import type { BenchRegion } from './region';

/** The rebuild against reading the log, with the catch-up's keys (lower ratio is better). */
export type RebuildResult = Omit<CatchUpResult, 'projectedStorePath'>;

let files = 0;

/**
 * `hearth rebuild --read-models FILE`'s work (`openProjections(store, { readModels }).rebuild()`:
 * every read model from zero into a new file of their own, which on SQLite reads the log
 * stream by stream in one transaction, docs/decisions/0119) on the region's store, which
 * it only reads, against reading the same log with readAll pages and doing nothing.
 */
export const rebuildBench = async (region: BenchRegion, storePath: string, opts: ReadBenchOptions = {}): Promise<RebuildResult> => {
  const c = await compare({
    rounds: opts.rounds ?? 3,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: {
      prepare: () => ({ store: openBenchStore(storePath), file: join(region.workDir, `rebuilt-${process.pid}-${++files}.db`) }),
      run: async ({ store, file }) => {
        const projections = openProjections(store, { policy: region.policy, divisions: region.divisions, readModels: `sqlite:${file}` });
        const position = await projections.rebuild();
        await projections.close();
        return position;
      },
      cleanup: async ({ store, file }) => {
        await store.close();
        removeDb(file);
      },
    },
    baseline: {
      prepare: () => openBenchStore(storePath),
      run: (store) => readAllPages(store, CATCH_UP_PAGE),
      cleanup: (store) => store.close(),
    },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'rebuild into a file of its own' : 'readAll only', ms),
  });
  return againstTheRead(c, 'the rebuild');
};
