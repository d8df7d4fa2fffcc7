/**
 * Only the `append` and `history` comparisons of apps/bench (append-bench.ts,
 * history-bench.ts, unchanged), without the import, catch-up, report, verify and peer
 * comparisons that run before them in `main.ts`: the region is generated, imported once
 * by the real `hearth import` (untimed) for history, and the two comparisons run as in
 * the whole benchmark. `npx tsx apps/bench/src/writes/append-history.ts [HOUSEHOLDS] [ROUNDS]`
 * prints `{households, append, history}` as one JSON document, the same keys as
 * `main.ts --json`. A measuring aid for docs/performance.md, not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendBench } from '../append-bench';
import { HEARTH_BIN, runNode } from '../child';
import { historyBench } from '../history-bench';
import { writeBenchRegion } from '../region';

const main = async (): Promise<void> => {
  const households = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 3);
  const workDir = mkdtempSync(join(tmpdir(), 'hearth-append-history-'));
  const say = (s: string) => process.stderr.write(`append-history: ${s}\n`);
  try {
    say(`generating ${households} households`);
    const region = await writeBenchRegion(workDir, households, 1);
    const store = join(workDir, 'imported.db');
    say('importing (untimed)');
    await runNode(workDir, HEARTH_BIN, ['--store', `sqlite:${store}`, 'divisions', 'load', region.divisionsFile, '--on', '2015-12-31']);
    await runNode(workDir, HEARTH_BIN, ['--store', `sqlite:${store}`, '--json', 'import', region.commandsFile, '--quiet', '--batch-size', '1000'], [0, 3]);
    say('append');
    const append = await appendBench(region, { rounds, onRun: (what, ms) => say(`  ${what}: ${ms.toFixed(1)} ms`) });
    say('history');
    const history = await historyBench(store, { rounds });
    process.stdout.write(`${JSON.stringify({ households, rounds, append, history }, null, 2)}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
