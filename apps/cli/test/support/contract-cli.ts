import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, CliRun, hearth } from './cli';

/**
 * The small region the contract audit (contract-cli-*.e2e.spec.ts) runs on: `hearth generate
 * --households 30 --seed 1`, its tree loaded and its log imported through the executable, in
 * `dir`. Small enough that a file prepares it once in a beforeAll, in about two seconds.
 */
export interface SmallRegion {
  readonly db: string;
  readonly store: string;
  readonly log: string;
  readonly divisions: string;
}

export const smallRegion = (dir: string): SmallRegion => {
  const db = join(dir, 'region.db');
  const store = `sqlite:${db}`;
  const log = join(dir, 'region.jsonl');
  const divisions = join(dir, 'region-divisions.json');
  expect(hearth(['generate', '--households', '30', '--seed', '1', '--out', log, '--divisions-out', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'divisions', 'load', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'import', '--quiet', log]).code).toBe(3); // the generator writes a few refusals on purpose
  return { db, store, log, divisions };
};

/** A copy of the region's store under `name`, for a test that writes: the shared one stays as prepared. */
export const copyOf = (region: SmallRegion, dir: string, name: string): { db: string; store: string } => {
  const db = join(dir, name);
  copyFileSync(region.db, db);
  return { db, store: `sqlite:${db}` };
};

/** The executable run from `cwd` with `env` added to a copy of this process's less HEARTH_STORE and HEARTH_POLICY: what --store and --policy default to there. */
export const hearthIn = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun => {
  const inherited = { ...process.env };
  delete inherited['HEARTH_STORE'];
  delete inherited['HEARTH_POLICY'];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** How many events and streams the SQLite file holds: what a whole-log command answers about. */
export const logSize = (db: string): { events: number; streams: number } => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT count(*) AS events, count(DISTINCT stream_id) AS streams FROM events').get() as { events: number; streams: number };
  } finally {
    sqlite.close();
  }
};

export const sortedKeys = (value: object): string[] => Object.keys(value).sort();
