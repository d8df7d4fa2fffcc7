import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '@hearth/projections';

/**
 * One backlog call on a caught-up store, in a process of its own so that its peak RSS is
 * the call's (docs/performance/reports.md "Reports from aggregates"): CPU time of the call, the
 * process's peak RSS before and after it, the number of entries and a digest of the answer
 * (two builds can be shown to give the same); with `--calls N`, the CPU time of each of
 * N - 1 further calls too (warm: statements prepared, code optimised). Run one at a time:
 *
 *   npx tsx apps/bench/src/backlog-cost.ts --store FILE --divisions FILE --as-of DATE [--division CODE] [--calls N]
 */
const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, divisions: { type: 'string' }, 'as-of': { type: 'string' }, division: { type: 'string' }, calls: { type: 'string', default: '1' } },
  });
  const asOf = values['as-of'];
  if (values.store === undefined || values.divisions === undefined || asOf === undefined)
    throw new Error('usage: backlog-cost --store FILE --divisions FILE --as-of DATE [--division CODE] [--calls N]');
  const calls = Number(values.calls);
  if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls must be a positive integer, not ${values.calls}`);
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const store = SqliteEventStore.open(values.store);
  const projections = openProjections(store, { policy: referencePolicy, divisions: built.right });
  await projections.runner.catchUp();
  const peakBeforeKb = process.resourceUsage().maxRSS;
  const before = process.cpuUsage();
  const query = { asOf, ...(values.division !== undefined ? { division: values.division } : {}) };
  const answer = projections.reports.backlogReport(query);
  const used = process.cpuUsage(before);
  const peakAfterKb = process.resourceUsage().maxRSS;
  const warmCpuMs: number[] = [];
  for (let call = 1; call < calls; call++) {
    const start = process.cpuUsage();
    projections.reports.backlogReport(query);
    const spent = process.cpuUsage(start);
    warmCpuMs.push(Math.round((spent.user + spent.system) / 1000));
  }
  const { division, asOf: _, ...lists } = answer;
  process.stdout.write(
    `${JSON.stringify({
      division,
      asOf,
      cpuMs: Math.round((used.user + used.system) / 1000),
      peakRssMiBBefore: Math.round(peakBeforeKb / 1024),
      peakRssMiBAfter: Math.round(peakAfterKb / 1024),
      ...(calls > 1 ? { warmCpuMs } : {}),
      entries: Object.values(lists).reduce((n, l) => n + l.length, 0),
      answer: createHash('sha256').update(JSON.stringify(answer)).digest('hex').slice(0, 16),
    })}\n`,
  );
  await projections.close();
  await store.close();
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
