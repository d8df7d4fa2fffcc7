/**
 * The import against its floor in CPU time (user + system of each child process, from
 * `/usr/bin/time`), beside wall time: on a machine shared by many builds, a process's
 * own CPU time moves far less with its neighbours than its wall time does. The same two
 * processes as apps/bench's import comparison (the real `hearth import --batch-size 1000`
 * into a fresh store with the division tree; floor-insert.ts with the same rows, mean
 * row size and transactions), interleaved, start-up measured on empty inputs and
 * subtracted. Both children run with the product's node flags (PRODUCT_NODE_FLAGS, read
 * from the `hearth` executable's shebang), as the bench's own children do.
 * `npx tsx apps/bench/src/writes/import-cpu.ts HOUSEHOLDS [ROUNDS]` prints one JSON line.
 * A measuring aid for docs/performance.md, not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FLOOR_INSERT, HEARTH_BIN, PRODUCT_NODE_FLAGS, removeDb } from '../child';
import { median } from '../harness';
import { writeBenchRegion } from '../region';

const TSX_CJS = require.resolve('tsx/cjs');

interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly stdout: string;
}

const timed = (script: string, args: readonly string[]): Timed => {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', process.execPath, ...PRODUCT_NODE_FLAGS, '--require', TSX_CJS, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('TIMED '));
  if (!line || (r.status !== 0 && r.status !== 3)) throw new Error(`${script} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-1500)}`);
  const [, wall, user, sys, rss] = line.split(' ').map(Number) as number[];
  return { wallMs: (wall as number) * 1000, cpuMs: ((user as number) + (sys as number)) * 1000, rssMb: (rss as number) / 1024, stdout: r.stdout };
};

const main = (): void => {
  const households = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 3);
  const workDir = mkdtempSync(join(tmpdir(), 'hearth-writes-'));
  const store = (n: number): string => {
    const path = join(workDir, `import-${n}.db`);
    timed(HEARTH_BIN, ['--store', `sqlite:${path}`, 'divisions', 'load', region.divisionsFile, '--on', '2015-12-31']);
    return path;
  };
  let region: Awaited<ReturnType<typeof writeBenchRegion>>;
  void (async () => {
    region = await writeBenchRegion(workDir, households, 1);
    const importArgs = (path: string, file: string) => ['--store', `sqlite:${path}`, '--json', 'import', file, '--quiet', '--batch-size', '1000'];
    const transactions = Math.ceil(region.commands / 1000);
    const s = { startup: [] as Timed[], run: [] as Timed[] };
    const b = { startup: [] as Timed[], run: [] as Timed[] };
    let sizing: { rows: number; bytes: number } | undefined;
    for (let round = 0; round < rounds; round++) {
      const p0 = store(round * 2);
      s.startup.push(timed(HEARTH_BIN, importArgs(p0, region.emptyFile)));
      removeDb(p0);
      const f0 = join(workDir, 'floor0.db');
      b.startup.push(timed(FLOOR_INSERT, [f0, '0', '1', '1']));
      removeDb(f0);
      const p = store(round * 2 + 1);
      const before = new Database(p, { readonly: true }).prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number;
      const run = timed(HEARTH_BIN, importArgs(p, region.commandsFile));
      s.run.push(run);
      if (!sizing) {
        const db = new Database(p, { readonly: true });
        const r = db.prepare(`SELECT count(*) AS rows, avg(length(CAST(stream_id AS BLOB)) + length(CAST(event_id AS BLOB)) + length(CAST(type AS BLOB)) + length(CAST(data AS BLOB)) + length(CAST(metadata AS BLOB))) AS bytes FROM events WHERE position > ?`).get(before) as { rows: number; bytes: number };
        db.close();
        sizing = { rows: r.rows, bytes: Math.round(r.bytes) };
      }
      removeDb(p);
      const f = join(workDir, 'floor.db');
      b.run.push(timed(FLOOR_INSERT, [f, String(sizing.rows), String(sizing.bytes), String(Math.ceil(sizing.rows / transactions))]));
      removeDb(f);
      process.stderr.write(`round ${round + 1}: import ${Math.round(run.wallMs)} ms wall / ${Math.round(run.cpuMs)} ms cpu, floor ${Math.round((b.run.at(-1) as Timed).wallMs)} / ${Math.round((b.run.at(-1) as Timed).cpuMs)}\n`);
    }
    const net = (side: typeof s, key: 'wallMs' | 'cpuMs') => median(side.run.map((r) => r[key] - median(side.startup.map((t) => t[key]))));
    const out = {
      households,
      commands: region.commands,
      rows: sizing?.rows,
      rowBytes: sizing?.bytes,
      cpuRatio: net(s, 'cpuMs') / net(b, 'cpuMs'),
      wallRatio: net(s, 'wallMs') / net(b, 'wallMs'),
      importNetCpuMs: Math.round(net(s, 'cpuMs')),
      floorNetCpuMs: Math.round(net(b, 'cpuMs')),
      importNetWallMs: Math.round(net(s, 'wallMs')),
      floorNetWallMs: Math.round(net(b, 'wallMs')),
      importCpuUsPerCommand: (1000 * net(s, 'cpuMs')) / region.commands,
      importPeakRssMb: Math.round(median(s.run.map((r) => r.rssMb))),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    rmSync(workDir, { recursive: true, force: true });
  })();
};

main();
