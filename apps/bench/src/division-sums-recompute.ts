/**
 * What recomputing the per-division sums costs (docs/decisions/0079): the page at which a
 * process with a larger division tree first writes read models kept under a smaller one
 * recomputes every sum from the village rows. On a copy of a caught-up read-models file,
 * this forgets the stored tree and runs the division counters' flush of an empty page
 * under the given tree, in one transaction, ROUNDS times; prints the CPU time of each and
 * the rows read and written, and whether the recomputed sums are the rows kept page by
 * page (`sameRows`), as JSON. A measuring aid, not part of `npm test`.
 *
 *   npx tsx apps/bench/src/division-sums-recompute.ts READ-MODELS.db DIVISIONS.json [ROUNDS]
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/Either';
import { buildDivisionTree } from '@hearth/domain';
import { divisionCountersProjection } from '@hearth/projections';

const main = (): void => {
  const [file, divisionsFile, roundsArg] = process.argv.slice(2);
  if (!file || !divisionsFile) throw new Error('usage: division-sums-recompute.ts READ-MODELS.db DIVISIONS.json [ROUNDS]');
  const built = buildDivisionTree(JSON.parse(readFileSync(divisionsFile, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const copy = `${file}.recompute-${process.pid}.db`;
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    const projection = divisionCountersProjection(built.right);
    const rows = (): string => JSON.stringify(db.prepare('SELECT key, division, initial, base, hex(series) FROM agg_division_series ORDER BY division, key').raw().all());
    const kept = rows();
    const cpu: number[] = [];
    for (let round = 0; round < Number(roundsArg ?? 3); round++) {
      db.prepare('DELETE FROM agg_rollup_tree').run();
      const writer = projection.writer(db);
      const before = process.cpuUsage();
      db.transaction(() => writer.flush?.())();
      const used = process.cpuUsage(before);
      cpu.push(Math.round((used.user + used.system) / 1000));
    }
    const count = (table: string): number => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    process.stdout.write(`${JSON.stringify({ cpuMs: cpu, villageRows: count('agg_village_series'), sumRows: count('agg_division_series'), sameRows: rows() === kept })}\n`);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  }
};

main();
