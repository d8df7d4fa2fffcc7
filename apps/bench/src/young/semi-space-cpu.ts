/**
 * What the young generation's size (`--max-semi-space-size`) does to Hearth's heavy work,
 * in CPU time (user + system of each process, from `/usr/bin/time`, which also gives its
 * peak RSS) and in the CPU times the in-process measuring aids print for their two sides.
 * Every case runs as a process of its own, `node --max-semi-space-size=N --require
 * tsx/cjs SCRIPT ...`, the sizes alternated round by round (the order rotates, so no size
 * always runs first or after the same neighbour) and the medians printed as one JSON line
 * (docs/performance/young-generation.md). Size 16 is V8's default on Node 20 (64-bit),
 * given explicitly so that the measuring scripts that run themselves again with the
 * product's flags when they have none (product-flags.ts) keep it.
 *
 *   npx tsx apps/bench/src/young/semi-space-cpu.ts CASE --data DIR [--sizes 16,32,64,128] [--rounds 3] [--households H]
 *
 * CASE (inputs under --data DIR, written there once when missing):
 *   catchup       catchup-only.ts --rounds 1 on DIR/e20k.db + DIR/div20k.json (copied from a
 *                 20,000-household import): the catch-up and its floor (readAll)
 *   verify        `hearth verify` as a process on DIR/e20k.db
 *   verify-only   verify-only.ts --rounds 3 at H households (its store built in DIR/verify-H)
 *   decide        fold/decide-alone.ts DIR/decide H 3: decide+fold and JSON.parse
 *   import        `hearth import --batch-size 1000` of the H-household bench region into a
 *                 fresh store, and floor-insert.ts with the same rows, bytes and transactions,
 *                 each beside its start-up on empty input
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { FLOOR_INSERT, HEARTH_BIN, removeDb } from '../child';
import { median } from '../harness';
import { writeBenchRegion } from '../region';

const TSX_CJS = require.resolve('tsx/cjs');
const SRC = resolve(__dirname, '..');

interface Timed {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly rssMb: number;
  readonly stdout: string;
}

const timed = (size: number, script: string, args: readonly string[], okCodes: readonly number[] = [0]): Timed => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', process.execPath, `--max-semi-space-size=${size}`, '--require', TSX_CJS, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('TIMED '));
  if (!line || r.status === null || !okCodes.includes(r.status)) throw new Error(`${script} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-1500)}`);
  const [, wall, user, sys, rss] = line.split(' ').map(Number) as number[];
  return { wallMs: (wall as number) * 1000, cpuMs: ((user as number) + (sys as number)) * 1000, rssMb: (rss as number) / 1024, stdout: r.stdout };
};

/** One run of a case at one size: named figures (ms of CPU, MiB). */
type Case = (size: number) => Promise<Record<string, number>> | Record<string, number>;

const lastJson = (stdout: string): Record<string, unknown> => JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;

const cases = (data: string, households: number): Record<string, Case> => {
  const store = join(data, 'e20k.db');
  const divisions = join(data, 'div20k.json');
  let region: Awaited<ReturnType<typeof writeBenchRegion>> | undefined;
  let sizing: { rows: number; bytes: number; transactions: number } | undefined;
  const importRegion = async () => (region ??= await writeBenchRegion(join(data, 'import'), households, 1));
  return {
    catchup: (size) => {
      const t = timed(size, join(SRC, 'catchup-only.ts'), ['--store', store, '--divisions', divisions, '--rounds', '1', '--work', join(data, 'cu')]);
      const j = lastJson(t.stdout);
      return { catchUpCpuMs: j.subjectMedian as number, floorCpuMs: j.baselineMedian as number, ratio: j.ratio as number, processCpuMs: t.cpuMs, peakRssMb: t.rssMb };
    },
    verify: (size) => {
      const t = timed(size, HEARTH_BIN, ['--store', `sqlite:${store}`, '--json', 'verify'], [0, 1, 2, 3, 4, 5]);
      return { processCpuMs: t.cpuMs, wallMs: t.wallMs, peakRssMb: t.rssMb };
    },
    'verify-only': (size) => {
      const t = timed(size, join(SRC, 'verify-only.ts'), ['--work', join(data, `verify-${households}`), '--households', String(households), '--rounds', '3']);
      const j = lastJson(t.stdout);
      return { verifyCpuMs: j.subjectMs as number, floorCpuMs: j.baselineMs as number, ratio: j.ratio as number, processCpuMs: t.cpuMs, peakRssMb: t.rssMb };
    },
    decide: (size) => {
      mkdirSync(join(data, 'decide'), { recursive: true });
      const t = timed(size, join(SRC, 'fold/decide-alone.ts'), [join(data, 'decide'), String(households), '3', '--json']);
      const j = lastJson(t.stdout);
      return { decideFoldCpuMs: j.subjectCpuMs as number, parseCpuMs: j.baselineCpuMs as number, ratio: j.cpuRatio as number, processCpuMs: t.cpuMs, peakRssMb: t.rssMb };
    },
    import: async (size) => {
      const r = await importRegion();
      const fresh = (name: string): string => {
        const path = join(data, 'import', `${households}-${name}`);
        removeDb(path);
        timed(size, HEARTH_BIN, ['--store', `sqlite:${path}`, 'divisions', 'load', r.divisionsFile, '--on', '2015-12-31']);
        return path;
      };
      const importArgs = (path: string, file: string) => ['--store', `sqlite:${path}`, '--json', 'import', file, '--quiet', '--batch-size', '1000'];
      const p0 = fresh('empty.db');
      const start = timed(size, HEARTH_BIN, importArgs(p0, r.emptyFile), [0, 3]);
      removeDb(p0);
      const p = fresh('import.db');
      const run = timed(size, HEARTH_BIN, importArgs(p, r.commandsFile), [0, 3]);
      if (!sizing) {
        const db = new Database(p, { readonly: true });
        const s = db.prepare(`SELECT count(*) AS rows, avg(length(CAST(stream_id AS BLOB)) + length(CAST(event_id AS BLOB)) + length(CAST(type AS BLOB)) + length(CAST(data AS BLOB)) + length(CAST(metadata AS BLOB))) AS bytes FROM events`).get() as { rows: number; bytes: number };
        db.close();
        sizing = { rows: s.rows, bytes: Math.round(s.bytes), transactions: Math.ceil(r.commands / 1000) };
      }
      removeDb(p);
      const f = join(data, 'import', `${households}-floor.db`);
      removeDb(f);
      const floorStart = timed(size, FLOOR_INSERT, [f, '0', '1', '1']);
      removeDb(f);
      const floor = timed(size, FLOOR_INSERT, [f, String(sizing.rows), String(sizing.bytes), String(Math.ceil(sizing.rows / sizing.transactions))]);
      removeDb(f);
      return {
        importCpuMs: run.cpuMs,
        importNetCpuMs: run.cpuMs - start.cpuMs,
        floorNetCpuMs: floor.cpuMs - floorStart.cpuMs,
        ratio: Number(((run.cpuMs - start.cpuMs) / (floor.cpuMs - floorStart.cpuMs)).toFixed(2)),
        startupCpuMs: start.cpuMs,
        peakRssMb: run.rssMb,
        floorPeakRssMb: floor.rssMb,
      };
    },
  };
};

const main = async (): Promise<void> => {
  const [name] = process.argv.slice(2);
  const opt = (flag: string, fallback: string): string => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  const data = opt('--data', '');
  const sizes = opt('--sizes', '16,32,64,128').split(',').map(Number);
  const rounds = Number(opt('--rounds', '3'));
  const all = cases(data, Number(opt('--households', '2000')));
  const run = name === undefined ? undefined : all[name];
  if (run === undefined || data === '') throw new Error(`usage: semi-space-cpu (${Object.keys(all).join('|')}) --data DIR [--sizes 16,32,64,128] [--rounds 3] [--households 2000]`);
  if ((name === 'catchup' || name === 'verify') && !existsSync(join(data, 'e20k.db'))) throw new Error(`${name} needs DIR/e20k.db and DIR/div20k.json`);
  const figures = new Map<number, Record<string, number>[]>(sizes.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round: every size runs first once in len(sizes) rounds.
    const order = sizes.map((_, k) => sizes[(k + round) % sizes.length] as number);
    for (const size of order) {
      const f = await run(size);
      figures.get(size)?.push(f);
      process.stderr.write(`${name} round ${round + 1} semi-space ${size}: ${JSON.stringify(f)}\n`);
    }
  }
  const medians = Object.fromEntries(
    [...figures].map(([size, runs]) => [size, Object.fromEntries(Object.keys(runs[0] ?? {}).map((k) => [k, Math.round(median(runs.map((r) => r[k] as number)) * 100) / 100]))]),
  );
  process.stdout.write(`${JSON.stringify({ case: name, rounds, medians })}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

