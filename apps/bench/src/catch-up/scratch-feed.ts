import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore, type EventStore } from '@hearth/event-store';
import { openProjections } from '@hearth/projections';
import { logUpTo } from '@hearth/read-side';
import { PRODUCT_NODE_FLAGS } from '../child';
import { cpuMs } from '../cpu-time';
import { median } from '../harness';
import { removeSqliteFile } from '../sqlite-files';
import { relaunchWithNodeFlags } from '../young/product-flags';

/**
 * What `verify --read-models` pays for its scratch copy (docs/decisions/0122): every
 * projection caught up from zero, in position order, into a new file, over the log as it
 * stood at its head (`logUpTo`), with the store's lean feed (`readFeed`) and without it
 * (the view as it was before, which read `readAll` and cut feed events from it), the two
 * alternated in one process, in CPU time. Prints each round and the medians.
 *
 *   npx tsx apps/bench/src/catch-up/scratch-feed.ts --store FILE --divisions FILE [--rounds 3] [--work DIR]
 */
const main = async (): Promise<void> => {
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  const { values } = parseArgs({ options: { store: { type: 'string' }, divisions: { type: 'string' }, rounds: { type: 'string', default: '3' }, work: { type: 'string' } } });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: scratch-feed --store FILE --divisions FILE [--rounds N] [--work DIR]');
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const store = SqliteEventStore.open(values.store, { pollIntervalMs: 60_000 });
  const head = await store.headPosition();
  const work = values.work ?? `${values.store}.work`;
  const sides = {
    lean: (): EventStore => logUpTo(store, head),
    // The view before decision 122: no `readFeed`, so the runner cut its feed events from `readAll`.
    recorded: (): EventStore => ({ ...logUpTo(store, head), readFeed: undefined }),
  };
  const cpu: Record<keyof typeof sides, number[]> = { lean: [], recorded: [] };
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const side of ['recorded', 'lean'] as const) {
      const file = `${work}-scratch-${process.pid}.db`;
      removeSqliteFile(file);
      const projections = openProjections(sides[side](), { policy: referencePolicy, divisions: built.right, readModels: `sqlite:${file}` });
      cpu[side].push(await cpuMs(() => projections.runner.catchUp()));
      await projections.close();
      removeSqliteFile(file);
      process.stderr.write(`round ${round + 1}: ${side} ${cpu[side].at(-1)?.toFixed(0)} ms CPU\n`);
    }
  }
  await store.close();
  const [lean, recorded] = [median(cpu.lean), median(cpu.recorded)];
  process.stdout.write(`${JSON.stringify({ head, leanCpuMs: cpu.lean.map(Math.round), recordedCpuMs: cpu.recorded.map(Math.round), leanMedian: Math.round(lean), recordedMedian: Math.round(recorded), ratio: Number((lean / recorded).toFixed(3)) })}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
