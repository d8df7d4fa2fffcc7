import { referencePolicy } from '@hearth/domain';
import type { StreamAppend } from '@hearth/event-store';
import { importCommands, Ledger } from '@hearth/ledger';
import { IMPORT_BATCH } from '../import-bench';

/**
 * `hearth import` as a measurement, not a product path: `node … import-unlocked.ts STORE FILE [--in-session]`
 * imports FILE into the SQLite store at STORE (a path) with the store's write session hidden, so
 * that the batch command handler decides each batch first and writes it afterwards in one
 * `appendBatch` transaction, instead of deciding it inside its write transaction (decision 83).
 * Two of these importing two halves of a region into one store file hold SQLite's write lock
 * only while they write: what a split of the import over two cores on one store could get
 * without a hand-over between threads (docs/performance/writes.md, "Two imports sharing one
 * store file"). Every other guarantee of an import holds: each file's own checkpoints, in the
 * transaction of the lines they cover, and optimistic concurrency at each append. Prints the
 * summary's counts as JSON.
 *
 * `--in-session`: the decided batch is written through the store's write session rather than
 * `appendBatch` (the same checks, one transaction), so that it gets what a session gives an
 * import and `appendBatch` does not: rows inserted several a statement (decision 91) and the
 * WAL checkpointed at the session's interval (decision 86).
 */
const main = async (): Promise<void> => {
  const [store, file, mode] = process.argv.slice(2);
  if (!store || !file || (mode !== undefined && mode !== '--in-session')) throw new Error('usage: import-unlocked STORE FILE [--in-session]');
  const ledger = await Ledger.open({ storeUrl: `sqlite:${store}`, policy: referencePolicy });
  try {
    const session = ledger.store.writeSession?.bind(ledger.store);
    if (session === undefined) throw new Error('import-unlocked: the store has no write session');
    // An own property over the prototype's method: the handler sees a store without write sessions.
    Object.defineProperty(ledger.store, 'writeSession', { value: undefined });
    if (mode === '--in-session')
      Object.defineProperty(ledger.store, 'appendBatch', { value: (appends: readonly StreamAppend[]) => session(async (s) => appends.map((a) => s.append(a))) });
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
