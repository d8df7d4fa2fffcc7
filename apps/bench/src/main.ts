import { runBenchmarks } from './bench';
import { PRODUCT_NODE_FLAGS } from './child';
import { parseLoadArgs } from './load/load-args';
import { runLoadBenchmark } from './load/load-bench';
import { loadRunHealthy, renderLoadReport } from './load/render-load';
import { renderReport } from './render';
import { renderScaleOut, runScaleOutBenchmark } from './scale-out/scale-out-bench';
import { relaunchWithNodeFlags } from './young/product-flags';

export interface BenchArgs {
  readonly households: number;
  readonly seed: number;
  readonly rounds: number;
  readonly json: boolean;
  readonly keep: boolean;
  /** `hearth import --workers` in the import comparison (decision 172); 1: one process only. */
  readonly importWorkers: number;
  readonly workDir?: string;
}

const USAGE = 'usage: npx tsx apps/bench/src/main.ts [--households N] [--seed S] [--rounds R] [--json] [--work DIR --keep] [--import-workers N (default 2)]\n       npx tsx apps/bench/src/main.ts load --help   (the HTTP load benchmark)';

export const parseArgs = (argv: readonly string[]): BenchArgs => {
  let households = 2000;
  let seed = 1;
  let rounds = 3;
  let importWorkers = 2;
  let json = false;
  let keep = false;
  let workDir: string | undefined;
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer ≥ ${min}, got ${v ?? 'nothing'}\n${USAGE}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--households') households = int(a, argv[++k], 1);
    else if (a === '--seed') seed = int(a, argv[++k], 0);
    else if (a === '--rounds') rounds = int(a, argv[++k], 1);
    else if (a === '--import-workers') importWorkers = int(a, argv[++k], 1);
    else if (a === '--json') json = true;
    else if (a === '--keep') keep = true;
    else if (a === '--work') workDir = argv[++k];
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return { households, seed, rounds, json, keep, importWorkers, ...(workDir !== undefined ? { workDir } : {}) };
};

/** `load`: concurrent HTTP clients against the real service, then verify (exit 1 unless the run is clean). */
const load = async (argv: readonly string[]): Promise<void> => {
  const args = parseLoadArgs(argv);
  const report = await runLoadBenchmark({
    clients: args.clients,
    households: args.households,
    seconds: args.seconds,
    keep: args.keep,
    ...(args.workDir !== undefined ? { workDir: args.workDir } : {}),
    onStage: (s) => process.stderr.write(`bench load: ${s}\n`),
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderLoadReport(report)}\n`);
  if (!loadRunHealthy(report)) process.exitCode = 1;
};

/** `scale-out`: migration throughput and projector catch-up on the KurrentDB stand-in beside SQLite (issue 8). */
const scaleOut = async (argv: readonly string[]): Promise<void> => {
  const { households, seed, json } = parseArgs(argv);
  const figures = await runScaleOutBenchmark({ households: argv.includes('--households') ? households : 500, seed, onStage: (s) => process.stderr.write(`bench scale-out: ${s}\n`) });
  process.stdout.write(json ? `${JSON.stringify(figures, null, 2)}\n` : `${renderScaleOut(figures)}\n`);
};

const main = async (): Promise<void> => {
  // The in-process comparisons (decide+fold, catch-up, verify, reports) measure the
  // product's code in the product's heap: `npx tsx main.ts` has no node flags, so the
  // bench runs itself again with the product's (docs/decisions/0092-a-larger-young-generation.md).
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  if (process.argv[2] === 'load') return load(process.argv.slice(3));
  if (process.argv[2] === 'scale-out') return scaleOut(process.argv.slice(3));
  const args = parseArgs(process.argv.slice(2));
  const report = await runBenchmarks({
    households: args.households,
    seed: args.seed,
    rounds: args.rounds,
    keep: args.keep,
    importWorkers: args.importWorkers,
    ...(args.workDir !== undefined ? { workDir: args.workDir } : {}),
    onStage: (s) => process.stderr.write(`bench: ${s}\n`),
    onRun: (what, ms) => process.stderr.write(`bench:   ${what}: ${ms.toFixed(1)} ms\n`),
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReport(report)}\n`);
};

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
