import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/Either';
import { buildDivisionTree, referencePolicy } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections, projectionsFor, type Projection, type ProjectionWriter } from '@hearth/projections';
import { cpuClock } from '../harness';
import { CATCH_UP_PAGE } from '../read-bench';
import { copySqliteFile, removeSqliteFile } from '../sqlite-files';

/**
 * A catch-up from zero with its CPU time split by projection (docs/performance/catch-up.md):
 * each projection's writer is wrapped so that `process.cpuUsage()` is read when the runner
 * hands it a page's first event, when it flushes and after the flush (the runner applies a
 * page to one projection, then flushes it, before the next), three reads a projection and
 * page; what is left of the catch-up's CPU is reading and decoding the log, the runner's
 * loop and the page transactions' commits. Prints the parts of every round as JSON, with the
 * digest of every read-model row (equal digests: equal read models).
 *
 * `--only a,b`: only those projections take events (the others keep their empty tables); `--page N`: events a page
 * (default the runner's, 5,000); `--bulk-page N`: events a page while far behind (default the runner's `BULK_PAGE`).
 *
 *   npx tsx apps/bench/src/catch-up/catchup-parts.ts --store FILE --divisions FILE [--rounds 1] [--work DIR] [--only NAMES] [--page N] [--bulk-page N]
 */

interface Part {
  apply: number;
  flush: number;
}

/** The projection, its writer timed into `part`: from a page's first event to its flush, and the flush itself. */
const timed = (p: Projection, part: Part): Projection => ({
  ...p,
  writer: (db) => {
    const inner: ProjectionWriter = p.writer(db);
    let started: number | undefined;
    return {
      // Passed on untimed: the counters keep their records from one committed page to the next only when told (decision 106).
      ...(inner.begin ? { begin: (from: number) => inner.begin?.(from) } : {}),
      ...(inner.committed ? { committed: (position: number) => inner.committed?.(position) } : {}),
      apply: (e) => {
        if (started === undefined) started = cpuClock();
        inner.apply(e);
      },
      flush: () => {
        const at = cpuClock();
        if (started !== undefined) part.apply += at - started;
        started = undefined;
        inner.flush?.();
        part.flush += cpuClock() - at;
      },
      discard: () => {
        started = undefined;
        inner.discard?.();
      },
    };
  },
});

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { store: { type: 'string' }, divisions: { type: 'string' }, rounds: { type: 'string', default: '1' }, work: { type: 'string' }, only: { type: 'string' }, page: { type: 'string' }, 'bulk-page': { type: 'string' } },
  });
  if (values.store === undefined || values.divisions === undefined) throw new Error('usage: catchup-parts --store FILE --divisions FILE [--rounds N] [--work DIR] [--only NAMES] [--page N] [--bulk-page N]');
  const built = buildDivisionTree(JSON.parse(readFileSync(values.divisions, 'utf8')) as unknown);
  if (E.isLeft(built)) throw new Error('invalid division tree');
  const divisions = built.right;
  const work = values.work ?? `${values.store}.work`;
  const bulk = values['bulk-page'] === undefined ? {} : { bulkBatchSize: Number(values['bulk-page']) };
  for (let round = 0; round < Number(values.rounds); round++) {
    const path = copySqliteFile(values.store, `${work}-parts-${process.pid}.db`);
    const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
    const parts = new Map<string, Part>();
    const only = values.only?.split(',');
    const projections = projectionsFor(divisions).map((p) => (only === undefined || only.includes(p.name) ? p : { ...p, handles: [] })).map((p) => {
      const part: Part = { apply: 0, flush: 0 };
      parts.set(p.name, part);
      return timed(p, part);
    });
    const opened = openProjections(store, { policy: referencePolicy, divisions, projections, runner: { batchSize: Number(values.page ?? CATCH_UP_PAGE), ...bulk } });
    const before = cpuClock();
    await opened.runner.catchUp();
    const whole = cpuClock() - before;
    const rows = opened.readAt(0, (view) => view.rows())?.value;
    const digest = createHash('sha256').update(JSON.stringify([...(rows ?? [])])).digest('hex').slice(0, 16);
    await opened.close();
    await store.close();
    removeSqliteFile(path);
    let counted = 0;
    const byProjection: Record<string, { apply: number; flush: number }> = {};
    for (const [name, part] of parts) {
      byProjection[name] = { apply: Math.round(part.apply), flush: Math.round(part.flush) };
      counted += part.apply + part.flush;
    }
    process.stdout.write(`${JSON.stringify({ round: round + 1, wholeMs: Math.round(whole), restMs: Math.round(whole - counted), ...byProjection, rows: digest })}\n`);
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
