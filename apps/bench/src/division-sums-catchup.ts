/**
 * What keeping the per-division sums adds to a catch-up (docs/decisions/0079), measured
 * side by side in one process: the division counters alone caught up from zero into a
 * fresh read-models file, without a tree (no per-division sums: the counters as before)
 * and with the region's tree (sums kept), alternated ROUNDS times; prints each side's CPU
 * time (`process.cpuUsage()` around `runner.catchUp()`), the medians and their ratio, as
 * JSON. The other projections' tables are created empty and left so. A measuring aid, not part of `npm test`.
 *
 *   npx tsx apps/bench/src/division-sums-catchup.ts --store FILE --divisions FILE [--rounds 5] [--work DIR]
 */
import { readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { ALL_PROJECTIONS, divisionCountersProjection, DivisionCountersProjection, openProjections, Projection } from '@hearth/projections';
import { CATCH_UP_PAGE } from './read-bench';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { store: { type: 'string' }, divisions: { type: 'string' }, rounds: { type: 'string', default: '5' }, work: { type: 'string' } } });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: division-sums-catchup --store FILE --divisions FILE [--rounds N] [--work DIR]');
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const divisions = built.right;
  const work = values.work ?? `${values.store}.work`;
  const store = SqliteEventStore.open(values.store, { pollIntervalMs: 60_000 });
  const sides: Record<'without' | 'with', { projection: Projection; cpuMs: number[] }> = {
    without: { projection: DivisionCountersProjection, cpuMs: [] },
    with: { projection: divisionCountersProjection(divisions), cpuMs: [] },
  };
  try {
    for (let round = 0; round < Number(values.rounds); round++)
      for (const [name, side] of Object.entries(sides)) {
        const file = `${work}-${name}-${process.pid}.db`;
        // The other projections' tables, empty: the reports that openProjections makes read them.
        const empty = new Database(file);
        for (const p of ALL_PROJECTIONS) empty.exec(p.schema);
        empty.close();
        const projections = openProjections(store, { policy: referencePolicy, divisions, projections: [side.projection], readModels: `sqlite:${file}`, runner: { batchSize: CATCH_UP_PAGE } });
        const before = process.cpuUsage();
        await projections.runner.catchUp();
        const used = process.cpuUsage(before);
        side.cpuMs.push(Math.round((used.user + used.system) / 1000));
        await projections.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        process.stderr.write(`round ${round + 1} ${name}: ${side.cpuMs[round]} ms CPU\n`);
      }
  } finally {
    await store.close();
  }
  const without = median(sides.without.cpuMs);
  const withSums = median(sides.with.cpuMs);
  process.stdout.write(`${JSON.stringify({ withoutCpuMs: sides.without.cpuMs, withCpuMs: sides.with.cpuMs, withoutMedian: without, withMedian: withSums, ratio: Number((withSums / without).toFixed(3)) })}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
