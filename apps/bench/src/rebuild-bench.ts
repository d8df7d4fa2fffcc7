import { join } from 'node:path';
import { openProjections } from '@hearth/projections';
import { removeDb } from './child';
import { compare, perSecond } from './harness';
import { CATCH_UP_PAGE, openBenchStore, readAllPages, type ReadBenchOptions } from './read-bench';
import type { BenchRegion } from './region';

export interface RebuildResult {
  readonly events: number;
  /** Median wall time of `rebuild()` into a new file of read models of their own, ms. */
  readonly subjectMs: number;
  /** Median wall time of reading the log with readAll pages and doing nothing, ms. */
  readonly baselineMs: number;
  readonly subjectEventsPerSec: number;
  readonly baselineEventsPerSec: number;
  /** subjectMs / baselineMs: lower is better. */
  readonly ratio: number;
}

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
  const events = c.baseline.results[0] as number;
  if ((c.subject.results[0] as number) <= 0) throw new Error('the rebuild reached no position');
  return {
    events,
    subjectMs: c.subject.medianMs,
    baselineMs: c.baseline.medianMs,
    subjectEventsPerSec: perSecond(events, c.subject.medianMs),
    baselineEventsPerSec: perSecond(events, c.baseline.medianMs),
    ratio: c.ratio,
  };
};
