/**
 * The CPU of `importCommands` for two checkouts of this repository alternated in one
 * process (A B, B A, …), so that both meet the same minutes of a shared machine, the same
 * heap flags and a warm V8: each run imports the whole command file into a fresh SQLite
 * store holding the division tree; the first round warms V8 and is not counted. CPU is
 * `process.cpuUsage()` (user + system, every thread: the collector's helpers included).
 * Prints per checkout the median CPU a run and a command, every counted run, and the
 * median of the per-round ratios (second checkout / first).
 *
 *   node --max-semi-space-size=64 --import tsx apps/bench/src/writes/import-ab.ts REGION_DIR ROUNDS ROOT OTHER_ROOT
 *
 * REGION_DIR holds one `region-N-1.jsonl` and its `region-N-1-divisions.json` (what
 * `writeBenchRegion` writes); ROOT and OTHER_ROOT are checkouts with their node_modules
 * (a worktree of another commit). Run it under the product's node flags (the `hearth`
 * executable's shebang). A measuring aid for docs/performance/writes.md, not part of
 * `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuClock, median } from '../harness';
import { removeSqliteFile } from '../sqlite-files';
import { treeModule } from '../tree-module';

interface Tree {
  readonly root: string;
  readonly referencePolicy: unknown;
  readonly Ledger: {
    open(o: { storeUrl: string; policy: unknown }): Promise<{
      recordDivisionTree(tree: unknown, on: string): Promise<unknown>;
      close(): Promise<void>;
    }>;
  };
  readonly importCommands: (ledger: unknown, opts: { source: string; batchSize: number }) => Promise<{ accepted: number; rejected: readonly unknown[] }>;
}

const load = async (root: string): Promise<Tree> => {
  const domain = treeModule<Pick<Tree, 'referencePolicy'>>(root, 'packages/domain/src/index');
  const ledger = treeModule<Pick<Tree, 'Ledger' | 'importCommands'>>(root, 'packages/ledger/src/index');
  return { root, referencePolicy: domain.referencePolicy, Ledger: ledger.Ledger, importCommands: ledger.importCommands };
};

const main = async (): Promise<void> => {
  const [regionDir, roundsArg, ...roots] = process.argv.slice(2);
  if (regionDir === undefined || roots.length !== 2) throw new Error('usage: import-ab.ts REGION_DIR ROUNDS ROOT OTHER_ROOT');
  const rounds = Number(roundsArg ?? 6);
  const commandsFile = readdirSync(regionDir).find((f) => /^region-\d+-\d+\.jsonl$/.test(f));
  const divisionsFile = readdirSync(regionDir).find((f) => /^region-\d+-\d+-divisions\.json$/.test(f));
  if (commandsFile === undefined || divisionsFile === undefined) throw new Error(`no region files in ${regionDir}`);
  const source = join(regionDir, commandsFile);
  const divisions = JSON.parse(readFileSync(join(regionDir, divisionsFile), 'utf8')) as unknown;
  const trees = await Promise.all(roots.map(load));
  const runs = trees.map(() => [] as number[]);
  const ratios: number[] = [];
  let commands = 0;
  let file = 0;
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const cpu: number[] = [];
    for (const i of order) {
      const tree = trees[i] as Tree;
      const path = join(regionDir, `import-ab-${process.pid}-${++file}.db`);
      const ledger = await tree.Ledger.open({ storeUrl: `sqlite:${path}`, policy: tree.referencePolicy });
      await ledger.recordDivisionTree(divisions, '2015-12-31');
      const before = cpuClock();
      const summary = await tree.importCommands(ledger, { source, batchSize: 1000 });
      await ledger.close();
      cpu[i] = cpuClock() - before;
      commands = summary.accepted + summary.rejected.length;
      removeSqliteFile(path);
    }
    process.stderr.write(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${cpu.map((c) => `${Math.round(c)} ms`).join(' / ')}\n`);
    if (round === 0) continue;
    cpu.forEach((c, i) => runs[i]?.push(c));
    ratios.push((cpu[1] as number) / (cpu[0] as number));
  }
  process.stdout.write(
    `${JSON.stringify({
      commands,
      sides: trees.map((t, i) => ({ root: t.root, medianCpuMs: Math.round(median(runs[i] as number[])), usPerCommand: (1000 * median(runs[i] as number[])) / commands, runsMs: (runs[i] as number[]).map(Math.round) })),
      medianRatio: median(ratios),
      ratios: ratios.map((r) => Number(r.toFixed(3))),
    })}\n`,
  );
};

void main();
