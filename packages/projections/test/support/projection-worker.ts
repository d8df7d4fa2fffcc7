/**
 * Child process of the crash-safety test: runs the projections over a SQLite store file,
 * slowly (it sleeps inside every transaction and after every batch), printing
 * `progress <position>` after each committed batch, until the parent kills it.
 *
 * usage: tsx projection-worker.ts <db file> catch-up|rebuild
 */
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../../src';
import { policy, region } from './region';

const sleep = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const main = async (): Promise<void> => {
  const [path, mode] = process.argv.slice(2);
  if (!path || (mode !== 'catch-up' && mode !== 'rebuild')) throw new Error('usage: projection-worker <db> catch-up|rebuild');
  // The parent kills this process by the pid printed here: `tsx` runs the script in a child of its own.
  process.stdout.write(`pid ${process.pid}\n`);
  const store = SqliteEventStore.open(path);
  // Sleeping between writing the rows and writing the checkpoint makes a kill inside the transaction likely.
  const p = openProjections(store, { policy, divisions: region, runner: { batchSize: 40, beforeCheckpoint: () => sleep(4) } });
  const onProgress = (progress: { position: number }): void => {
    process.stdout.write(`progress ${progress.position}\n`);
    sleep(2);
  };
  if (mode === 'rebuild') await p.rebuild(undefined, onProgress);
  else await p.runner.catchUp(onProgress);
  process.stdout.write('done\n');
  await p.close();
  await store.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
