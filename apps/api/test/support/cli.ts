import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const HEARTH_BIN = resolve(__dirname, '../../../cli/bin/hearth.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `hearth` executable against a store, as apps/cli's own tests do. */
export const hearth = (store: string, args: readonly string[]): CliRun => {
  const r = spawnSync(process.execPath, [HEARTH_BIN, '--store', store, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
