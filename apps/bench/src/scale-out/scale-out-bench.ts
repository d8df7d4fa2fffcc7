import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as testing from '@hearth/event-store-esdb/testing';
import { importCommands, Ledger, migrateLog } from '@hearth/ledger';
import { Projector } from '@hearth/read-side';
import { writeBenchRegion } from '../region';

/**
 * Issue 8's figures, side by side: how fast `hearth migrate` copies a ledger onto
 * KurrentDB (the wire stand-in, in this process) against the same copy onto a new SQLite
 * file, and how fast a projector (`hearth project`) catches a read-model file up with each
 * store's log. Rates in events per second; the ratios are what compare across machines.
 */
export interface ScaleOutFigures {
  readonly households: number;
  readonly events: number;
  readonly migrate: { readonly sqliteEventsPerSecond: number; readonly standInEventsPerSecond: number; readonly ratio: number };
  readonly catchUp: { readonly sqliteEventsPerSecond: number; readonly standInEventsPerSecond: number; readonly ratio: number };
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

/** Starts a projector on the ledger with its own read-model file and times it to the head of the log. */
const timeCatchUp = async (ledger: Ledger, file: string): Promise<number> => {
  const head = await ledger.store.headPosition();
  const started = process.hrtime.bigint();
  const projector = await Projector.start(ledger, { readModels: `sqlite:${file}` });
  await projector.waitFor(head);
  const elapsed = seconds(started);
  await projector.stop();
  return elapsed;
};

export const runScaleOutBenchmark = async (opts: { households: number; seed: number; onStage?: (s: string) => void }): Promise<ScaleOutFigures> => {
  const work = mkdtempSync(join(tmpdir(), 'hearth-bench-scale-out-'));
  const server = await testing.startEsdbStandIn();
  try {
    const region = await writeBenchRegion(work, opts.households, opts.seed);
    opts.onStage?.(`importing ${opts.households} households into SQLite`);
    const source = await Ledger.open({ storeUrl: `sqlite:${join(work, 'source.db')}`, policy: region.policy });
    const targets = [`sqlite:${join(work, 'target.db')}`, server.url];
    let [sqliteTarget, standIn] = await Promise.all(targets.map((storeUrl) => Ledger.open({ storeUrl, policy: region.policy }))) as [Ledger, Ledger];
    try {
      await source.recordDivisionTree(JSON.parse(readFileSync(region.divisionsFile, 'utf8')) as unknown, '2016-01-01');
      await importCommands(source, { source: region.commandsFile });
      const events = (await source.store.readAll()).length;

      opts.onStage?.('migrating onto a new SQLite file');
      let started = process.hrtime.bigint();
      await migrateLog(source.store, sqliteTarget.store);
      const migrateSqlite = seconds(started);
      opts.onStage?.('migrating onto the stand-in');
      started = process.hrtime.bigint();
      await migrateLog(source.store, standIn.store);
      const migrateStandIn = seconds(started);
      // Reopened: a ledger reads its division tree when it opens, and these were empty then.
      for (const l of [sqliteTarget, standIn]) await l.close();
      [sqliteTarget, standIn] = await Promise.all(targets.map((storeUrl) => Ledger.open({ storeUrl, policy: region.policy }))) as [Ledger, Ledger];

      opts.onStage?.('projector catch-up from the SQLite store');
      const catchUpSqlite = await timeCatchUp(sqliteTarget, join(work, 'read-models-sqlite.db'));
      opts.onStage?.('projector catch-up from the stand-in');
      const catchUpStandIn = await timeCatchUp(standIn, join(work, 'read-models-stand-in.db'));

      const rate = (s: number) => Math.round(events / s);
      return {
        households: opts.households,
        events,
        migrate: { sqliteEventsPerSecond: rate(migrateSqlite), standInEventsPerSecond: rate(migrateStandIn), ratio: Number((migrateSqlite / migrateStandIn).toFixed(3)) },
        catchUp: { sqliteEventsPerSecond: rate(catchUpSqlite), standInEventsPerSecond: rate(catchUpStandIn), ratio: Number((catchUpSqlite / catchUpStandIn).toFixed(3)) },
      };
    } finally {
      for (const l of [standIn, sqliteTarget, source]) await l.close();
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
};

export const renderScaleOut = (f: ScaleOutFigures): string =>
  [
    `Scale-out: ${f.households.toLocaleString('en')} households, ${f.events.toLocaleString('en')} events (stand-in in this process, so both sides share the CPU)`,
    `                        SQLite      stand-in   stand-in ÷ SQLite`,
    `migrate (events/s)   ${String(f.migrate.sqliteEventsPerSecond).padStart(8)}    ${String(f.migrate.standInEventsPerSecond).padStart(8)}   ${f.migrate.ratio.toFixed(3)}`,
    `catch-up (events/s)  ${String(f.catchUp.sqliteEventsPerSecond).padStart(8)}    ${String(f.catchUp.standInEventsPerSecond).padStart(8)}   ${f.catchUp.ratio.toFixed(3)}`,
  ].join('\n');
