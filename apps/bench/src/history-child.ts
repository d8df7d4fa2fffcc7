/**
 * The history comparison (history-bench.ts, unchanged) in a process of its own, started
 * the way the import's and the peer's are: `node --require tsx/cjs history-child.ts STORE
 * ROUNDS [PASSES SAMPLE]` prints its HistoryResult as JSON. Both sides still share one
 * heap and take their loads in the same minutes; what the child leaves out is the heap the
 * bench's earlier comparisons grew (~420 MB at 2,000 households), which made every
 * young-generation scavenge landing in a load ~0.5 ms longer for whichever side it hit
 * (docs/performance/writes.md, "History: the p99's spread").
 */
import { resolve } from 'node:path';
import { runNode } from './child';
import { historyBench, type HistoryResult } from './history-bench';

const HISTORY_CHILD = resolve(__dirname, 'history-child.ts');

export interface HistoryChildOptions {
  readonly rounds?: number;
  readonly passes?: number;
  readonly sample?: number;
}

export const historyBenchInChild = async (workDir: string, storePath: string, opts: HistoryChildOptions = {}): Promise<HistoryResult> => {
  // An empty PASSES or SAMPLE leaves historyBench's default.
  const run = await runNode(workDir, HISTORY_CHILD, [storePath, String(opts.rounds ?? 3), String(opts.passes ?? ''), String(opts.sample ?? '')]);
  return JSON.parse(run.stdout) as HistoryResult;
};

const optional = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

if (require.main === module) {
  const [store, rounds, passes, sample] = process.argv.slice(2);
  if (!store) throw new Error('usage: history-child STORE ROUNDS [PASSES SAMPLE]');
  const p = optional(passes);
  const s = optional(sample);
  historyBench(store, { rounds: Number(rounds ?? 3), ...(p !== undefined ? { passes: p } : {}), ...(s !== undefined ? { sample: s } : {}) })
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`history-child: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
