import { decideAndFold, parseOnly } from '../decide-bench';
import { cpuClock, median } from '../harness';
import { treeModule } from '../tree-module';
import { loadDecideRegion } from './decide-region';

/**
 * Two trees' decide+fold in one process: this tree's `decideAndFold` and OTHER's (a
 * worktree of another commit with its own node_modules, loaded through tsx from its own
 * path, so it brings its own domain), alternated round by round with `parseOnly`, on the
 * region `writeBenchRegion` writes into DIR. On this shared machine one process a run
 * moved decide+fold's CPU by 15–20% from process to process (docs/performance/fold.md);
 * here both trees meet the same load, heap and flags. The order alternates, a full
 * collection is made before each run with `--expose-gc` (outside its clock), and the
 * figure is the geometric mean of the rounds' ratios. With the same code on both sides it
 * read ~0.94: the side named `this` (whose modules load first) ran cheaper. So run it
 * twice, each tree as `this` once, and read sqrt(first / second), where that bias cancels
 * (docs/performance/fold.md, "Entity tables and a state in parts tried"; ADR 93).
 *
 *   node --expose-gc --max-semi-space-size=64 --require tsx/cjs apps/bench/src/fold/decide-ab.ts OTHER DIR HOUSEHOLDS [ROUNDS]
 */
const [other, dir, householdsArg, roundsArg] = process.argv.slice(2);
if (other === undefined || dir === undefined || householdsArg === undefined) throw new Error('usage: decide-ab OTHER_TREE DIR HOUSEHOLDS [ROUNDS]');
const households = Number(householdsArg);
const rounds = Number(roundsArg ?? 6);

const collect = (globalThis as { gc?: () => void }).gc;

const main = async (): Promise<void> => {
  const otherBench = treeModule<{ decideAndFold: typeof decideAndFold }>(other, 'apps/bench/src/decide-bench');
  const { lines, ctx } = await loadDecideRegion(dir, households);
  const sides = { this: () => decideAndFold(lines, ctx), other: () => otherBench.decideAndFold(lines, ctx), parse: () => parseOnly(lines) };
  const cpu: Record<keyof typeof sides, number[]> = { this: [], other: [], parse: [] };
  const run = (side: keyof typeof sides, counted: boolean): void => {
    collect?.();
    const c0 = cpuClock();
    const out = sides[side]();
    const c = cpuClock() - c0;
    if (counted) cpu[side].push(c);
    process.stderr.write(`${side} ${counted ? '' : '(warm-up) '}cpu ${c.toFixed(0)} ms ${JSON.stringify(out)}\n`);
  };
  run('other', false);
  run('this', false);
  for (let r = 0; r < rounds; r++) for (const side of r % 2 === 0 ? (['other', 'this', 'parse'] as const) : (['this', 'other', 'parse'] as const)) run(side, true);
  const ratios = cpu.this.map((c, i) => c / (cpu.other[i] as number));
  const geomean = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
  process.stdout.write(
    `${JSON.stringify({
      households,
      lines: lines.length,
      otherCpuMs: cpu.other.map(Math.round),
      thisCpuMs: cpu.this.map(Math.round),
      parseCpuMs: cpu.parse.map(Math.round),
      roundRatios: ratios.map((x) => Number(x.toFixed(3))),
      thisOverOther: Number(geomean.toFixed(3)),
      thisCpuRatio: Number((median(cpu.this) / median(cpu.parse)).toFixed(2)),
      otherCpuRatio: Number((median(cpu.other) / median(cpu.parse)).toFixed(2)),
    })}\n`,
  );
};

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exitCode = 1;
});
