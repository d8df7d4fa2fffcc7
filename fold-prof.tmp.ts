import { decideAndFold } from '/work/wt/fold/apps/bench/src/decide-bench';
import { readLines, writeBenchRegion } from '/work/wt/fold/apps/bench/src/region';
const main = async () => {
  const region = await writeBenchRegion('/tmp/foldm/p', 500, 1);
  const lines = readLines(region.commandsFile);
  const ctx = { policy: region.policy, divisions: region.divisions, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' };
  for (let i = 0; i < 3; i++) { const t = performance.now(); decideAndFold(lines, ctx); console.log(performance.now() - t); }
};
void main();
