/**
 * `verifyBench` alone, on a store built once and kept: for working on `verify.ratio`
 * without re-running the whole bench. Times are CPU (user + system) of this process,
 * which the other processes on a shared machine disturb less than wall time.
 *
 *   npx tsx apps/bench/src/verify-only.ts --work DIR [--households 2000] [--seed 1] [--rounds 5] [--wall]
 *
 * The first run writes the region and imports it into DIR/verify-store.db (`hearth
 * divisions load` + `hearth import`); later runs reuse both. Prints one JSON line.
 * Started without the product's node flags (`npx tsx`), it runs itself again with them
 * (young/product-flags.ts), so it measures the product's heap; started with a
 * `--max-semi-space-size` of its own, it keeps that (young/semi-space-cpu.ts).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { HEARTH_BIN, PRODUCT_NODE_FLAGS, runNode } from './child';
import { cpuClock } from './harness';
import { verifyBench } from './read-bench';
import { writeBenchRegion, type BenchRegion } from './region';
import { relaunchWithNodeFlags } from './young/product-flags';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

const regionOf = async (workDir: string, households: number, seed: number): Promise<{ region: BenchRegion; storePath: string }> => {
  mkdirSync(workDir, { recursive: true });
  const storePath = join(workDir, 'verify-store.db');
  const meta = join(workDir, 'verify-region.json');
  if (existsSync(storePath) && existsSync(meta)) {
    const saved = JSON.parse(readFileSync(meta, 'utf8')) as Omit<BenchRegion, 'divisions' | 'policy'>;
    const built = buildDivisionTree(JSON.parse(readFileSync(saved.divisionsFile, 'utf8')) as unknown);
    if (E.isLeft(built)) throw new Error('the saved division tree is invalid');
    return { region: { ...saved, divisions: built.right, policy: referencePolicy }, storePath };
  }
  const region = await writeBenchRegion(workDir, households, seed);
  const store = ['--store', `sqlite:${storePath}`];
  await runNode(workDir, HEARTH_BIN, [...store, 'divisions', 'load', region.divisionsFile, '--on', '2015-12-31']);
  await runNode(workDir, HEARTH_BIN, [...store, '--json', 'import', region.commandsFile, '--quiet', '--batch-size', '1000'], [0, 3]);
  const db = new Database(storePath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const { divisions: _d, policy: _p, ...saved } = region;
  writeFileSync(meta, JSON.stringify(saved));
  return { region, storePath };
};

const main = async (): Promise<void> => {
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  const workDir = arg('work', '');
  if (workDir === '') throw new Error('--work DIR is required');
  const { region, storePath } = await regionOf(workDir, Number(arg('households', '2000')), Number(arg('seed', '1')));
  const rounds = Number(arg('rounds', '5'));
  const wall = process.argv.includes('--wall');
  const runs: string[] = [];
  const r = await verifyBench(region, storePath, {
    rounds,
    ...(wall ? {} : { clock: cpuClock }),
    onRun: (what, ms) => runs.push(`${what} ${ms.toFixed(0)}`),
  });
  process.stdout.write(`${JSON.stringify({ clock: wall ? 'wall' : 'cpu', ...r, runs })}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
