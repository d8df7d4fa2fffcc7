import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '@hearth/projections';
import { PRODUCT_NODE_FLAGS } from './child';
import { cpuMs } from './cpu-time';
import { CATCH_UP_PAGE, readAllPages } from './read-bench';
import { copySqliteFile, removeSqliteFile } from './sqlite-files';
import { writtenBytes } from './written-bytes';
import { relaunchWithNodeFlags } from './young/product-flags';

/**
 * The catch-up benchmark alone (`catchUpBench`'s two sides), in CPU time, so that two
 * builds can be compared side by side on a shared machine (docs/performance/catch-up.md "Catch-up
 * and rebuild"): each round copies the imported store twice, catches every projection up
 * from zero on one copy and reads the log with `readAll` on the other, in pages of the
 * same size; it prints each side's `process.cpuUsage()` per round, the medians, their
 * ratio, a digest of four reports' answers read from the caught-up copy (equal digests:
 * equal figures) and one of every read-model row (equal digests: equal read models).
 *
 *   npx tsx apps/bench/src/catchup-only.ts --store FILE --divisions FILE [--rounds 3] [--work DIR] [--page N] [--bulk-page N]
 *
 * Started without the product's node flags (`npx tsx`), it runs itself again with them
 * (young/product-flags.ts), so both sides run in the product's heap; started with a
 * `--max-semi-space-size` of its own, it keeps that (young/semi-space-cpu.ts).
 */
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const main = async (): Promise<void> => {
  if (await relaunchWithNodeFlags(PRODUCT_NODE_FLAGS, __filename)) return;
  const { values } = parseArgs({
    options: { store: { type: 'string' }, divisions: { type: 'string' }, rounds: { type: 'string', default: '3' }, work: { type: 'string' }, page: { type: 'string' }, 'bulk-page': { type: 'string' } },
  });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: catchup-only --store FILE --divisions FILE [--rounds N] [--work DIR] [--page N] [--bulk-page N]');
  // Events a page, for the catch-up and the read alike (default the bench's).
  const page = Number(values.page ?? CATCH_UP_PAGE);
  // The catch-up's pages while far behind (the runner's BULK_PAGE unless given; the floor reads in pages of `page`).
  const bulk = values['bulk-page'] === undefined ? {} : { bulkBatchSize: Number(values['bulk-page']) };
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const divisions = built.right;
  const work = values.work ?? `${values.store}.work`;
  const subject: number[] = [];
  const baseline: number[] = [];
  const written: number[] = [];
  let digest = '';
  let rowsDigest = '';
  for (let round = 0; round < Number(values.rounds); round++) {
    const readPath = copySqliteFile(values.store, `${work}-read-${process.pid}.db`);
    const readStore = SqliteEventStore.open(readPath, { pollIntervalMs: 60_000 });
    baseline.push(await cpuMs(() => readAllPages(readStore, page)));
    await readStore.close();
    removeSqliteFile(readPath);
    const path = copySqliteFile(values.store, `${work}-catchup-${process.pid}.db`);
    const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
    const projections = openProjections(store, { policy: referencePolicy, divisions, runner: { batchSize: page, ...bulk } });
    const writtenBefore = writtenBytes();
    subject.push(await cpuMs(() => projections.runner.catchUp()));
    written.push((writtenBytes() - writtenBefore) / 2 ** 20);
    if (round === 0) {
      const r = projections.reports;
      const answers = [
        r.clearanceReport({ year: 2018 }),
        r.monthlyReport({ month: '2018-06' }),
        r.progressReport({ month: '2018-06' }),
        r.backlogReport({ asOf: '2018-12-31' }),
      ];
      digest = createHash('sha256').update(JSON.stringify(answers)).digest('hex').slice(0, 16);
      const rows = projections.readAt(0, (view) => view.rows())?.value;
      rowsDigest = createHash('sha256').update(JSON.stringify([...(rows ?? [])])).digest('hex').slice(0, 16);
    }
    await projections.close();
    await store.close();
    removeSqliteFile(path);
    process.stderr.write(`round ${round + 1}: catch-up ${subject[round]?.toFixed(0)} ms CPU (${written[round]?.toFixed(0)} MiB written), readAll ${baseline[round]?.toFixed(0)} ms CPU\n`);
  }
  const s = median(subject);
  const b = median(baseline);
  process.stdout.write(
    `${JSON.stringify({ subjectCpuMs: subject.map(Math.round), baselineCpuMs: baseline.map(Math.round), subjectMedian: Math.round(s), baselineMedian: Math.round(b), ratio: Number((s / b).toFixed(2)), writtenMiB: written.map(Math.round), reports: digest, rows: rowsDigest })}\n`,
  );
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
