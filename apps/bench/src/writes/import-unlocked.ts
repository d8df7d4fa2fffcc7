import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '@hearth/ledger';
import { IMPORT_BATCH } from '../import-bench';

/**
 * `hearth import` as a measurement, not a product path: `node … import-unlocked.ts STORE FILE`
 * imports FILE into the SQLite store at STORE (a path) with the store's write session hidden, so
 * that the batch command handler decides each batch first and writes it afterwards in one
 * `appendBatch` transaction, instead of deciding it inside its write transaction (decision 83).
 * Two of these importing two halves of a region into one store file hold SQLite's write lock
 * only while they write: what a split of the import over two cores on one store could get
 * without a hand-over between threads (docs/performance/writes.md, "Two imports sharing one
 * store file"). Every other guarantee of an import holds: each file's own checkpoints, in the
 * transaction of the lines they cover, and optimistic concurrency at each append. Prints the
 * summary's counts as JSON.
 */
const main = async (): Promise<void> => {
  const [store, file] = process.argv.slice(2);
  if (!store || !file) throw new Error('usage: import-unlocked STORE FILE');
  const ledger = await Ledger.open({ storeUrl: `sqlite:${store}`, policy: referencePolicy });
  try {
    // An own property over the prototype's method: the handler sees a store without write sessions.
    Object.defineProperty(ledger.store, 'writeSession', { value: undefined });
    const summary = await importCommands(ledger, { source: file, batchSize: IMPORT_BATCH });
    process.stdout.write(`${JSON.stringify({ accepted: summary.accepted, unchanged: summary.unchanged, rejected: summary.rejected })}\n`);
  } finally {
    await ledger.close();
  }
};

void main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
