/**
 * CPU per command of `ledger.commandHandler()`, one command at a time, for one or two
 * checkouts of this repository alternated in one process (A B, B A, …), so that both see
 * the same minutes of a shared machine: each run sends the region's first 3,000 commands
 * to a fresh SQLite store holding the division tree; the first three runs of each side
 * warm V8 and are not counted. Prints the median of the rest, wall time and CPU time
 * (user + system) per command, and every counted run's CPU; then the medians of user and of
 * system time apart, since the system time (SQLite's WAL writes, the same work on both
 * sides) moves with the machine's disk and a change to the handler's JavaScript shows in
 * the user time.
 *
 *   npx tsx apps/bench/src/writes/handler-cpu.ts REGION_DIR ROUNDS ROOT [OTHER_ROOT]
 *
 * REGION_DIR holds `region-2000-1.jsonl` and `region-2000-1-divisions.json` (what
 * `writeBenchRegion` writes; `main.ts --work DIR --keep` keeps them); ROOT is a checkout
 * (`git archive` of another commit with this one's node_modules linked). A measuring aid
 * for docs/performance.md, not part of `npm test`.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../harness';

interface Tree {
  readonly root: string;
  readonly parseCommand: (u: unknown) => { _tag: 'Left' | 'Right'; right?: unknown };
  readonly referencePolicy: unknown;
  readonly Ledger: {
    open(o: { storeUrl: string; policy: unknown }): Promise<{
      recordDivisionTree(tree: unknown, on: string): Promise<unknown>;
      commandHandler(): { handle(cmd: unknown, ctx: unknown): Promise<unknown> };
      context(): unknown;
      close(): Promise<void>;
    }>;
  };
}

const load = async (root: string): Promise<Tree> => {
  const domain = (await import(join(root, 'packages/domain/src/index'))) as Pick<Tree, 'parseCommand' | 'referencePolicy'>;
  const ledger = (await import(join(root, 'packages/ledger/src/index'))) as Pick<Tree, 'Ledger'>;
  return { root, parseCommand: domain.parseCommand, referencePolicy: domain.referencePolicy, Ledger: ledger.Ledger };
};

const main = async (): Promise<void> => {
  const [regionDir, roundsArg, ...roots] = process.argv.slice(2);
  if (regionDir === undefined || roots.length === 0) throw new Error('usage: handler-cpu.ts REGION_DIR ROUNDS ROOT [OTHER_ROOT]');
  const rounds = Number(roundsArg ?? 10);
  const commandsFile = readdirSync(regionDir).find((f) => /^region-\d+-\d+\.jsonl$/.test(f));
  const divisionsFile = readdirSync(regionDir).find((f) => /^region-\d+-\d+-divisions\.json$/.test(f));
  if (commandsFile === undefined || divisionsFile === undefined) throw new Error(`no region files in ${regionDir}`);
  const lines = readFileSync(join(regionDir, commandsFile), 'utf8').split('\n').filter((l) => l.length > 0).slice(0, 3000);
  const divisions = JSON.parse(readFileSync(join(regionDir, divisionsFile), 'utf8')) as unknown;
  const trees = await Promise.all(roots.map(load));
  const counted = trees.map(() => ({ wall: [] as number[], cpu: [] as number[], user: [] as number[], system: [] as number[] }));
  let file = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...trees.keys()] : [...trees.keys()].reverse();
    for (const i of order) {
      const tree = trees[i] as Tree;
      const commands = lines.map((l) => tree.parseCommand(JSON.parse(l) as unknown)).filter((p) => p._tag === 'Right').map((p) => p.right);
      const path = join(regionDir, `handler-cpu-${process.pid}-${++file}.db`);
      const ledger = await tree.Ledger.open({ storeUrl: `sqlite:${path}`, policy: tree.referencePolicy });
      await ledger.recordDivisionTree(divisions, '2015-12-31');
      const handler = ledger.commandHandler();
      const ctx = ledger.context();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (const cmd of commands) await handler.handle(cmd, ctx);
      const cpu = process.cpuUsage(cpu0);
      if (round >= 3) {
        counted[i]?.wall.push(((performance.now() - t0) * 1000) / commands.length);
        counted[i]?.cpu.push((cpu.user + cpu.system) / commands.length);
        counted[i]?.user.push(cpu.user / commands.length);
        counted[i]?.system.push(cpu.system / commands.length);
      }
      await ledger.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
  }
  for (const [i, tree] of trees.entries()) {
    const c = counted[i] as { wall: number[]; cpu: number[]; user: number[]; system: number[] };
    if (c.cpu.length === 0) continue;
    process.stdout.write(`${tree.root}: wall ${median(c.wall).toFixed(1)} µs, CPU ${median(c.cpu).toFixed(1)} µs a command (runs: ${c.cpu.map((x) => x.toFixed(0)).join(' ')}); user ${median(c.user).toFixed(1)}, system ${median(c.system).toFixed(1)} µs\n`);
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
