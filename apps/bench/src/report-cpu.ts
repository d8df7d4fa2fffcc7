import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '@hearth/projections';

/**
 * CPU time per report call on a caught-up store (docs/performance/reports.md "Reports from
 * aggregates"): each of the four reports at the root, `--calls` times round-robin,
 * median of `process.cpuUsage()` user+system per call, and a digest of each answer so
 * that two builds (main and this branch) can be shown to give the same figures. Catches
 * the read models up first (its wall and CPU time are printed, apart). Run one at a time on a quiet machine:
 *
 *   npx tsx apps/bench/src/report-cpu.ts --store FILE --divisions FILE [--calls 21]
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { store: { type: 'string' }, divisions: { type: 'string' }, calls: { type: 'string', default: '21' } } });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: report-cpu --store FILE --divisions FILE [--calls N]');
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const store = SqliteEventStore.open(values.store);
  const projections = openProjections(store, { policy: referencePolicy, divisions: built.right });
  const caughtUp = process.hrtime.bigint();
  const catchUpCpu = process.cpuUsage();
  await projections.runner.catchUp();
  const catchUpMs = Number(process.hrtime.bigint() - caughtUp) / 1e6;
  const catchUpCpuUsed = process.cpuUsage(catchUpCpu);
  const r = projections.reports;
  const queries: [string, () => unknown][] = [
    ['clearance 2018', () => r.clearanceReport({ year: 2018 })],
    ['monthly 2018-06', () => r.monthlyReport({ month: '2018-06' })],
    ['progress 2018-06', () => r.progressReport({ month: '2018-06' })],
    ['backlog 2018-12-31', () => r.backlogReport({ asOf: '2018-12-31' })],
  ];
  const cpu = new Map<string, number[]>(queries.map(([q]) => [q, []]));
  const digest = new Map<string, string>();
  for (const [q, call] of queries) digest.set(q, createHash('sha256').update(JSON.stringify(call())).digest('hex').slice(0, 16));
  for (let i = 0; i < Number(values.calls); i++)
    for (const [q, call] of queries) {
      const before = process.cpuUsage();
      call();
      const used = process.cpuUsage(before);
      cpu.get(q)?.push((used.user + used.system) / 1000);
    }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  process.stdout.write(
    `${JSON.stringify({ store: values.store, catchUpMs: Math.round(catchUpMs), catchUpCpuMs: Math.round((catchUpCpuUsed.user + catchUpCpuUsed.system) / 1000), calls: Number(values.calls), reports: queries.map(([q]) => ({ query: q, cpuMsMedian: Number(median(cpu.get(q) ?? []).toFixed(2)), answer: digest.get(q) })) }, null, 1)}\n`,
  );
  await projections.close();
  await store.close();
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
