import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ProbeReport } from './child-probe';
import { shebangNodeFlags } from './young/product-flags';

/**
 * The real `hearth` executable. The benchmark drives it as a separate process rather
 * than importing the CLI's modules: apps may only depend on libraries (the module
 * boundaries in eslint.config.mjs), and a fresh process per run is also what makes a
 * run's peak RSS its own.
 */
export const HEARTH_BIN = resolve(__dirname, '../../cli/bin/hearth.js');
export const FLOOR_INSERT = resolve(__dirname, 'floor-insert.ts');
/**
 * The node flags the product's processes run with (today a larger young generation,
 * docs/decisions/0092-a-larger-young-generation.md), read from the `hearth` executable's
 * shebang, their one home. Every child the bench starts gets them, whichever side of a
 * comparison it runs, so both sides run in the heap the product runs in.
 */
export const PRODUCT_NODE_FLAGS = shebangNodeFlags(HEARTH_BIN);
const PROBE = resolve(__dirname, 'child-probe.ts');
const TSX_CJS = require.resolve('tsx/cjs');

export interface ChildRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly probe: ProbeReport;
}

let probes = 0;

/**
 * The probe's report of a process and of every process it started (child-probe.ts: `FILE.PID`),
 * added up: peak RSS summed is an upper bound of what the processes held at once. Removes the files.
 */
const probeOfTree = (probeFile: string): ProbeReport => {
  const prefix = `${basename(probeFile)}.`;
  const files = [probeFile, ...readdirSync(dirname(probeFile)).filter((f) => f.startsWith(prefix)).map((f) => join(dirname(probeFile), f))];
  const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as ProbeReport);
  for (const f of files) rmSync(f, { force: true });
  const sum = (key: keyof ProbeReport): number => reports.reduce((n, r) => n + r[key], 0);
  return { peakRssBytes: sum('peakRssBytes'), heapStartBytes: sum('heapStartBytes'), heapPeakBytes: sum('heapPeakBytes') };
};

/**
 * `node PRODUCT_NODE_FLAGS --require tsx/cjs --require child-probe.ts SCRIPT ...args`:
 * both sides of the import comparison start the same way (same flags, loader and probe),
 * so start-up costs are alike and are measured separately on empty inputs anyway. The
 * `hearth` executable is started through node here, not through its shebang, so its
 * flags are given explicitly: the same ones.
 */
export const runNode = (workDir: string, script: string, args: readonly string[], okCodes: readonly number[] = [0]): Promise<ChildRun> => {
  const probeFile = join(workDir, `probe-${process.pid}-${++probes}.json`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...PRODUCT_NODE_FLAGS, '--require', TSX_CJS, '--require', PROBE, script, ...args], {
      env: { ...process.env, HEARTH_BENCH_PROBE: probeFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === null || !okCodes.includes(code)) {
        fail(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      if (!existsSync(probeFile)) {
        fail(new Error(`${script} left no probe report`));
        return;
      }
      const probe = probeOfTree(probeFile);
      done({ code, stdout, stderr, probe });
    });
  });
};

/** Removes a SQLite file and its WAL and shared-memory companions. */
export const removeDb = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};
