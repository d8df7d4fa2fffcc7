import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Policy, referencePolicy } from '@hearth/domain';
import { sqliteStorePath } from '@hearth/event-store';
import { Ledger, maskStoreUrl } from '@hearth/ledger';
import { ReadSide } from '@hearth/read-side';
import { DemoRegionSummary, seedDemoRegion } from './demo-region';
import { progressBar } from './progress-bar';
import { readModelsBar } from './read-models-bar';
import { UsageError } from './start-options';

/** Demo tokens live beside the store's file (./data/demo-tokens.json by default). */
export const demoTokensPathFor = (store: string): string => {
  const path = sqliteStorePath(store);
  return join(path !== undefined ? dirname(path) : 'data', 'demo-tokens.json');
};

export interface PrepareOptions {
  readonly store: string;
  readonly households: number;
  readonly seed: number | string;
  /** false: an empty store stays empty. */
  readonly generate: boolean;
  readonly out: { write(s: string): unknown; isTTY?: boolean };
  readonly stopRequested: () => boolean;
  /** The policy the demo region's commands are decided under: the service's (default: the reference policy). */
  readonly policy?: Policy;
}

export type Prepared =
  | { readonly kind: 'reused' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'seeded'; readonly summary: DemoRegionSummary; readonly seconds: number };

const hasEvents = async (ledger: Ledger): Promise<boolean> => (await ledger.store.readAll({ maxCount: 1 })).length > 0;

const removeDatabase = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

const seedInto = async (storeUrl: string, opts: PrepareOptions, buildReadModels: boolean): Promise<Prepared> => {
  const started = Date.now();
  const log = (s: string) => opts.out.write(`${s}\n`);
  log(`Empty store: generating a demo region of ${opts.households.toLocaleString('en')} households (seed ${opts.seed}, 2016–2020) with the simulator.`);
  const ledger = await Ledger.open({ storeUrl, policy: opts.policy ?? referencePolicy });
  try {
    const bar = progressBar({ label: 'households ', total: opts.households, out: opts.out });
    const summary = await seedDemoRegion(ledger, {
      households: opts.households,
      seed: opts.seed,
      stopRequested: opts.stopRequested,
      onProgress: (p) => bar.update(p.households, `${p.commands.toLocaleString('en')} commands`),
    });
    bar.finish(`${summary.commands.toLocaleString('en')} commands`);
    const codes = Object.entries(summary.rejectedByCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ');
    log(`Recorded ${summary.divisions.toLocaleString('en')} divisions; ${summary.accepted.toLocaleString('en')} commands accepted, ${summary.rejected.toLocaleString('en')} rightly rejected (the simulator's deliberate mistakes${codes ? `: ${codes}` : ''}).`);
    if (buildReadModels) {
      const reads = readModelsBar(opts.out);
      const readSide = await ReadSide.open(ledger, { catchUp: true, onProgress: reads.onProgress });
      reads.finish();
      await readSide.close();
    }
    return { kind: 'seeded', summary, seconds: (Date.now() - started) / 1000 };
  } finally {
    await ledger.close();
  }
};

/**
 * Makes sure the store is ready to serve: a store holding any event is used as it is;
 * an empty one gets the demo region. A SQLite store is built in `PATH.partial` and
 * renamed into place only once complete, so an interrupted first start leaves no
 * half-seeded store that a second start would take for a real one.
 */
export const prepareStore = async (opts: PrepareOptions): Promise<Prepared> => {
  const path = sqliteStorePath(opts.store);
  if (opts.store === 'memory:' || path === ':memory:')
    throw new UsageError(`the store ${maskStoreUrl(opts.store)} lives inside one process and vanishes with it; npm start needs sqlite:PATH or kurrentdb://… (HEARTH_STORE)`);
  if (path === undefined) {
    // EventStoreDB: seeded in place (its read models are built when the service opens them: in HEARTH_READ_MODELS's file, else in memory at every start).
    const ledger = await Ledger.open({ storeUrl: opts.store, policy: referencePolicy });
    const empty = !(await hasEvents(ledger));
    await ledger.close();
    if (!empty) return { kind: 'reused' };
    return opts.generate ? seedInto(opts.store, opts, false) : { kind: 'empty' };
  }
  if (path === '') throw new UsageError(`missing database path in HEARTH_STORE "${maskStoreUrl(opts.store)}" (expected sqlite:PATH)`);
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) {
    const ledger = await Ledger.open({ storeUrl: `sqlite:${path}`, policy: referencePolicy });
    const used = await hasEvents(ledger);
    await ledger.close();
    if (used) return { kind: 'reused' };
  }
  if (!opts.generate) return { kind: 'empty' };
  // A database without a single event holds nothing to keep; a stray -wal beside a missing file must not meet the new one.
  removeDatabase(path);
  const partial = `${path}.partial`;
  removeDatabase(partial);
  try {
    const prepared = await seedInto(`sqlite:${partial}`, opts, true);
    // Closing the last connection checkpointed the WAL into the file; move any leftovers with it.
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${partial}${suffix}`)) renameSync(`${partial}${suffix}`, `${path}${suffix}`);
    renameSync(partial, path);
    return prepared;
  } catch (e) {
    removeDatabase(partial);
    throw e;
  }
};
