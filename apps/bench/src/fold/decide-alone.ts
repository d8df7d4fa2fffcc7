import { median } from '../harness';
import { decideAndFold, parseOnly } from '../decide-bench';
import { cpuClock } from '../harness';
import { loadDecideRegion } from './decide-region';

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

const main = async (): Promise<void> => {
  const { lines, ctx } = await loadDecideRegion(dir, households);
  const times = { S: { wall: [] as number[], cpu: [] as number[] }, B: { wall: [] as number[], cpu: [] as number[] } };
  let outcome: ReturnType<typeof decideAndFold> | undefined;
  const run = (side: 'S' | 'B', counted: boolean): void => {
    const w0 = performance.now();
    const c0 = cpuClock();
    if (side === 'S') outcome = decideAndFold(lines, ctx);
    else parseOnly(lines);
    const cpu = cpuClock() - c0;
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
