/**
 * The import's two stages apart, for a pipeline's bound on two cores (docs/performance/writes.md,
 * "The import's two stages apart"). Stage A is everything up to the rows' bound
 * parameters: reading and decoding lines, deciding, evolving, sealing (canonical JSON, hashes),
 * the write session's checks and each row's six values passed to the statement; stage B is
 * SQLite running the statements (inserts, the version reads at a batch's first append to a
 * cached household, BEGIN, COMMIT and its WAL checkpoints). In one process, alternating (A B,
 * B A, …) after a warm-up round: (a) `importCommands` into a fresh SQLite store holding the
 * division tree, as import-ab.ts does; (b) the same import into a store whose connection runs
 * none of the writes (stage-a-database.ts: the adapter's own code, its SQL left out), which
 * must accept, leave unchanged and reject the same lines as (a) and hand over as many rows.
 * Wall time and CPU (user + system, every thread) of each, and the bench's floor
 * (`floor-insert.ts`, the import's rows at their mean size, as many transactions) net of its
 * start-up. Stage A alone is (b); stage B is (a) − (b).
 *
 *   node --max-semi-space-size=64 --import tsx apps/bench/src/writes/import-stages.ts --commands R.jsonl --divisions D.json --work DIR [--rounds 3]
 *
 * Run it under the product's node flags (the `hearth` executable's shebang). A measuring aid,
 * not part of `npm test`.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { referencePolicy } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { importCommands, Ledger } from '@hearth/ledger';
import { removeDb } from '../child';
import { cpuClock, timed } from '../harness';
import { floor, floorOf, IMPORT_BATCH, sizeOf, type Sizing } from '../import-bench';
import { stageAStore } from './stage-a-database';

const { values } = parseArgs({ options: { commands: { type: 'string' }, divisions: { type: 'string' }, work: { type: 'string' }, rounds: { type: 'string', default: '3' } } });
if (!values.commands || !values.divisions || !values.work) throw new Error('usage: import-stages --commands FILE --divisions FILE --work DIR [--rounds N]');
const source = values.commands;
const work = values.work;
const divisions = JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown;
const place = { workDir: work, divisionsFile: values.divisions };

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** accepted / unchanged / rejected. */
  readonly outcome: string;
  /** Lines holding a command: accepted, unchanged and rejected. */
  readonly lines: number;
}

let files = 0;
/** A fresh store with the division tree recorded (untimed), and the position it ends at. */
const freshStore = async (): Promise<{ path: string; ledger: Ledger; before: number }> => {
  const path = join(work, `import-stages-${process.pid}-${++files}.db`);
  const ledger = await Ledger.open({ storeUrl: `sqlite:${path}`, policy: referencePolicy });
  await ledger.recordDivisionTree(divisions as Parameters<Ledger['recordDivisionTree']>[0], '2015-12-31');
  return { path, ledger, before: await ledger.store.headPosition() };
};

const timedImport = async (ledger: Ledger): Promise<Run> => {
  const wall = process.hrtime.bigint();
  const cpu = cpuClock();
  const summary = await importCommands(ledger, { source, batchSize: IMPORT_BATCH });
  const cpuMs = cpuClock() - cpu;
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
  return { wallMs, cpuMs, outcome: `${summary.accepted}/${summary.unchanged}/${summary.rejected.length}`, lines: summary.accepted + summary.unchanged + summary.rejected.length };
};

/** (a): the real import. The store is kept: the first one answers (b)'s reads, and sizes the floor. */
const whole = async (): Promise<Run & { path: string; before: number }> => {
  const { path, ledger, before } = await freshStore();
  const run = await timedImport(ledger);
  await ledger.close();
  return { ...run, path, before };
};

/** (b): the same import, stage A only: `after` is a store (a) filled, for the reads of households written to. */
const stageA = async (after: string): Promise<Run & { rows: number; reads: number }> => {
  const { path, ledger, before } = await freshStore();
  const beforeDb = new Database(path, { readonly: true });
  const afterDb = new Database(after, { readonly: true });
  const staged = stageAStore(beforeDb, afterDb, before);
  const real = ledger.store;
  // The ledger's store is the one the importer's handler writes through; Ledger opens only by URL.
  (ledger as unknown as { store: EventStore }).store = staged.store;
  try {
    return { ...(await timedImport(ledger)), rows: staged.rowsHandedOver(), reads: staged.streamsReadAfter() };
  } finally {
    await ledger.close();
    await real.close();
    beforeDb.close();
    afterDb.close();
    removeDb(path);
  }
};

const main = async (): Promise<void> => {
  const rounds = Number(values.rounds);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  // Round 0 warms V8 and keeps the reference store for (b)'s reads.
  const reference = await whole();
  const sizing: Sizing = sizeOf(reference.path, reference.before);
  const warm = await stageA(reference.path);
  process.stdout.write(`warm-up: (a) ${s(reference.wallMs)} ${reference.outcome}; (b) ${s(warm.wallMs)} ${warm.outcome}; ${sizing.rows} rows of ${sizing.rowBytes} B\n`);
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? (['b', 'a'] as const) : (['a', 'b'] as const);
    let a: Run | undefined;
    let b: (Run & { rows: number; reads: number }) | undefined;
    for (const side of order) {
      if (side === 'a') {
        const r = await whole();
        removeDb(r.path);
        a = r;
      } else b = await stageA(reference.path);
    }
    if (!a || !b) throw new Error('a round ran one side only');
    if (a.outcome !== reference.outcome || b.outcome !== reference.outcome) throw new Error(`outcomes differ: reference ${reference.outcome}, (a) ${a.outcome}, (b) ${b.outcome}`);
    if (b.rows !== sizing.rows) throw new Error(`(b) handed over ${b.rows} rows, (a) wrote ${sizing.rows}`);
    const floorStartup = (await timed(() => floor(place, 0, 1, 1))).ms;
    const floorMs = (await timed(() => floorOf(place, sizing, reference.lines))).ms;
    const net = floorMs - floorStartup;
    const x = (ms: number) => `${(ms / net).toFixed(2)}×`;
    process.stdout.write(
      `round ${round} (${order.join(' ')}): floor ${s(floorMs)} (start-up ${s(floorStartup)}, net ${s(net)}); ` +
        `(a) whole ${s(a.wallMs)} ${x(a.wallMs)}, CPU ${s(a.cpuMs)}; (b) stage A ${s(b.wallMs)} ${x(b.wallMs)}, CPU ${s(b.cpuMs)}; ` +
        `stage B (a)−(b) ${s(a.wallMs - b.wallMs)} ${x(a.wallMs - b.wallMs)}, CPU ${s(a.cpuMs - b.cpuMs)}; ` +
        `pipeline ≥ ${x(Math.max(b.wallMs, a.wallMs - b.wallMs))}; outcome ${a.outcome}, ${b.rows} rows, ${b.reads} written streams read again\n`,
    );
  }
  removeDb(reference.path);
};

void main();
