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
 * halves on two cores"). `--warm-up`: the side runs once untimed first, on a copy of its own,
 * so that the timed run pays no JIT warm-up (as the bench's in-process runs do not);
 * `--start-at MS`: the timed run waits until that time (ms since the epoch), so that processes
 * started together, whose warm-ups end apart, time their runs side by side. Prints one JSON line.
 *
 *   npx tsx apps/bench/src/catch-up/catchup-wall.ts --side catch-up|read --store FILE --divisions FILE [--warm-up] [--start-at MS]
 */
const main = async (): Promise<void> => {
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  const { values } = parseArgs({ options: { side: { type: 'string' }, store: { type: 'string' }, divisions: { type: 'string' }, 'warm-up': { type: 'boolean', default: false }, 'start-at': { type: 'string' } } });
  const side = values.side;
  if ((side !== 'catch-up' && side !== 'read') || values.store === undefined || values.divisions === undefined) {
    throw new Error('usage: catchup-wall --side catch-up|read --store FILE --divisions FILE [--warm-up] [--start-at MS]');
  }
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error(`invalid division tree in ${values.divisions}`);
  const divisions = built.right;
  const storeFile = values.store;
  /** The side once on a fresh copy of the store: its wall and CPU time in ms. */
  const runOnce = async (): Promise<{ wallMs: number; cpuMs: number }> => {
    const path = copySqliteFile(storeFile, `${storeFile}.wall-${process.pid}.db`);
    const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
    try {
      const wall0 = performance.now();
      const cpu0 = process.cpuUsage();
      if (side === 'read') await readAllPages(store, CATCH_UP_PAGE);
      else {
        const projections = openProjections(store, { policy: referencePolicy, divisions, runner: { batchSize: CATCH_UP_PAGE } });
        await projections.runner.catchUp();
        await projections.close();
      }
      const cpu = process.cpuUsage(cpu0);
      return { wallMs: Math.round(performance.now() - wall0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    } finally {
      await store.close();
      removeSqliteFile(path);
    }
  };
  const warmUp = values['warm-up'] === true ? await runOnce() : undefined;
  const startAt = values['start-at'] === undefined ? undefined : Number(values['start-at']);
  if (startAt !== undefined && !Number.isFinite(startAt)) throw new Error(`--start-at: not a time in ms since the epoch: ${values['start-at']}`);
  const late = startAt === undefined ? 0 : Date.now() - startAt;
  if (startAt !== undefined && late < 0) await new Promise((resolve) => setTimeout(resolve, -late));
  const timed = await runOnce();
  process.stdout.write(`${JSON.stringify({ side, store: storeFile, ...timed, ...(warmUp ? { warmUpWallMs: warmUp.wallMs } : {}), ...(startAt !== undefined ? { startedLateMs: Math.max(0, late) } : {}) })}\n`);
};
void main();
