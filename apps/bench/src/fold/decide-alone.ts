import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, referencePolicy } from '@hearth/domain';
import { median } from '../harness';
import { decideAndFold, parseOnly } from '../decide-bench';
import { readLines, writeBenchRegion } from '../region';

/**
 * The bench's `decideFold` comparison alone, without the rest of the bench (the whole
 * bench takes ~9 minutes at 20,000 households): the region `writeBenchRegion` writes
 * (written into DIR once, reused after), then `decideAndFold` and `parseOnly` alternated,
 * 1 warm-up and ROUNDS timed rounds each, as `decideBench` runs them. Prints the medians
 * of wall time and of the process's CPU time (user + system, which includes the
 * collector's helper threads) and their ratios (docs/performance/fold.md).
 *
 *   npx tsx apps/bench/src/fold/decide-alone.ts DIR HOUSEHOLDS [ROUNDS] [--json]
 */
const [dir, householdsArg, roundsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const json = process.argv.includes('--json');
if (dir === undefined || householdsArg === undefined) throw new Error('usage: decide-alone DIR HOUSEHOLDS [ROUNDS] [--json]');
const households = Number(householdsArg);
const rounds = Number(roundsArg ?? 3);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const main = async (): Promise<void> => {
  const seed = 1;
  const commandsFile = join(dir, `region-${households}-${seed}.jsonl`);
  const divisionsFile = join(dir, `region-${households}-${seed}-divisions.json`);
  if (!existsSync(commandsFile)) await writeBenchRegion(dir, households, seed);
  const built = buildDivisionTree(JSON.parse(readFileSync(divisionsFile, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error(`invalid division tree in ${divisionsFile}`);
  const lines = readLines(commandsFile);
  const ctx: DecisionContext = { policy: referencePolicy, divisions: built.right, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' };
  const times = { S: { wall: [] as number[], cpu: [] as number[] }, B: { wall: [] as number[], cpu: [] as number[] } };
  let outcome: ReturnType<typeof decideAndFold> | undefined;
  const run = (side: 'S' | 'B', counted: boolean): void => {
    const w0 = performance.now();
    const c0 = cpuMs();
    if (side === 'S') outcome = decideAndFold(lines, ctx);
    else parseOnly(lines);
    const cpu = cpuMs() - c0;
    const wall = performance.now() - w0;
    if (counted) {
      times[side].wall.push(wall);
      times[side].cpu.push(cpu);
    }
    process.stderr.write(`${side === 'S' ? 'decide+fold' : 'JSON.parse '} ${counted ? '' : '(warm-up) '}wall ${wall.toFixed(0)} ms, cpu ${cpu.toFixed(0)} ms\n`);
  };
  run('S', false);
  run('B', false);
  for (let r = 0; r < rounds; r++) for (const side of r % 2 === 0 ? (['S', 'B'] as const) : (['B', 'S'] as const)) run(side, true);
  const m = {
    households,
    lines: lines.length,
    ...outcome,
    subjectWallMs: Math.round(median(times.S.wall)),
    baselineWallMs: Math.round(median(times.B.wall)),
    subjectCpuMs: Math.round(median(times.S.cpu)),
    baselineCpuMs: Math.round(median(times.B.cpu)),
    wallRatio: Number((median(times.S.wall) / median(times.B.wall)).toFixed(2)),
    cpuRatio: Number((median(times.S.cpu) / median(times.B.cpu)).toFixed(2)),
  };
  process.stdout.write(json ? `${JSON.stringify(m)}\n` : `${Object.entries(m).map(([k, v]) => `${k} ${String(v)}`).join('\n')}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
