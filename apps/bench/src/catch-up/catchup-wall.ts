import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '@hearth/projections';
import { PRODUCT_NODE_FLAGS } from '../child';
import { CATCH_UP_PAGE, readAllPages } from '../read-bench';
import { copySqliteFile, removeSqliteFile } from '../sqlite-files';
import { relaunchWithNodeFlags } from '../young/product-flags';

/**
 * One side of the catch-up benchmark in a process of its own, timed in wall and in CPU:
 * `--side catch-up` catches every projection up from zero on a copy of the store, as
 * `catchUpBench` does; `--side read` reads its log with `readAll` in pages of the same size.
 * Several started at once share the machine's cores, which is how a catch-up split over
 * two threads was bounded from below (docs/performance/catch-up.md, "A catch-up in two
 * halves on two cores"). Prints one JSON line.
 *
 *   npx tsx apps/bench/src/catch-up/catchup-wall.ts --side catch-up|read --store FILE --divisions FILE
 */
const main = async (): Promise<void> => {
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  const { values } = parseArgs({ options: { side: { type: 'string' }, store: { type: 'string' }, divisions: { type: 'string' } } });
  const side = values.side;
  if ((side !== 'catch-up' && side !== 'read') || values.store === undefined || values.divisions === undefined) {
    throw new Error('usage: catchup-wall --side catch-up|read --store FILE --divisions FILE');
  }
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error(`invalid division tree in ${values.divisions}`);
  const path = copySqliteFile(values.store, `${values.store}.wall-${process.pid}.db`);
  const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
  try {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    if (side === 'read') await readAllPages(store, CATCH_UP_PAGE);
    else {
      const projections = openProjections(store, { policy: referencePolicy, divisions: built.right, runner: { batchSize: CATCH_UP_PAGE } });
      await projections.runner.catchUp();
      await projections.close();
    }
    const cpu = process.cpuUsage(cpu0);
    const out = { side, store: values.store, wallMs: Math.round(performance.now() - wall0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await store.close();
    removeSqliteFile(path);
  }
};
void main();
