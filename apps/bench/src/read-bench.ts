import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { DecisionContext } from '@hearth/domain';
import { logPages, SqliteEventStore } from '@hearth/event-store';
import { openProjections, verifyLog, type Projections } from '@hearth/projections';
import { removeDb } from './child';
import { compare, perSecond, systemClock, type Clock, type Comparison } from './harness';
import type { BenchRegion } from './region';

export interface ReadBenchOptions {
  readonly rounds?: number;
  readonly clock?: Clock;
  readonly onRun?: (what: string, ms: number) => void;
}

/** The runner's own page size (ProjectionRunner's default batchSize): the floor pages the same way. */
export const CATCH_UP_PAGE = 5000;
/** verifyLog's default page size while listing the streams. */
export const VERIFY_PAGE = 5000;

let copies = 0;
/** A private copy of the imported store (the catch-up writes into the file it reads). */
const copyStore = (region: BenchRegion, storePath: string, what: string): string => {
  const path = join(region.workDir, `${what}-${process.pid}-${++copies}.db`);
  copyFileSync(storePath, path);
  if (existsSync(`${storePath}-wal`)) copyFileSync(`${storePath}-wal`, `${path}-wal`);
  return path;
};

/** A region's store opened for a bench: no subscription polls it. */
export const openBenchStore = (path: string): SqliteEventStore => SqliteEventStore.open(path, { pollIntervalMs: 60_000 });

/** Reads every event with readAll, page by page, and does nothing with it. */
export const readAllPages = async (store: SqliteEventStore, pageSize: number): Promise<number> => {
  let events = 0;
  for await (const page of logPages(store, { pageSize })) events += page.length;
  return events;
};

export interface CatchUpResult {
  readonly events: number;
  readonly subjectMs: number;
  readonly baselineMs: number;
  readonly subjectEventsPerSec: number;
  readonly baselineEventsPerSec: number;
  readonly ratio: number;
  /** A copy of the store with every projection caught up, kept for the report benchmark. */
  readonly projectedStorePath: string;
}

/**
 * Projection catch-up from zero (`openProjections(...).runner.catchUp()`, every read
 * model, checkpoints in the same transactions) on a fresh copy of the imported store,
 * against reading the same log with `readAll` pages of the same size and doing nothing.
 */
export const catchUpBench = async (region: BenchRegion, storePath: string, opts: ReadBenchOptions = {}): Promise<CatchUpResult> => {
  let kept: string | undefined;
  const c = await compare({
    rounds: opts.rounds ?? 3,
    ...(opts.clock ? { clock: opts.clock } : {}),
    subject: {
      prepare: () => {
        const path = copyStore(region, storePath, 'catchup');
        return { path, store: openBenchStore(path) };
      },
      run: async ({ store }) => {
        const projections = openProjections(store, { policy: region.policy, divisions: region.divisions, runner: { batchSize: CATCH_UP_PAGE } });
        const position = await projections.runner.catchUp();
        await projections.close();
        return position;
      },
      cleanup: async ({ path, store }) => {
        await store.close();
        if (kept === undefined) kept = path;
        else removeDb(path);
      },
    },
    baseline: {
      prepare: () => {
        const path = copyStore(region, storePath, 'readall');
        return { path, store: openBenchStore(path) };
      },
      run: ({ store }) => readAllPages(store, CATCH_UP_PAGE),
      cleanup: async ({ path, store }) => {
        await store.close();
        removeDb(path);
      },
    },
    onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'catch-up' : 'readAll only', ms),
  });
  return { ...againstTheRead(c, 'the catch-up'), projectedStorePath: kept as string };
};

/** A comparison of work that reads the whole log (its result: the position reached) against reading it (the events read). */
export const againstTheRead = (c: Comparison<number, number>, what: string): Omit<CatchUpResult, 'projectedStorePath'> => {
  const events = c.baseline.results[0] as number;
  if ((c.subject.results[0] as number) <= 0) throw new Error(`${what} reached no position`);
  return {
    events,
    subjectMs: c.subject.medianMs,
    baselineMs: c.baseline.medianMs,
    subjectEventsPerSec: perSecond(events, c.subject.medianMs),
    baselineEventsPerSec: perSecond(events, c.baseline.medianMs),
    ratio: c.ratio,
  };
};

/** The read models' tables (not the event store's, not the checkpoints), largest first. */
export const projectionTables = (db: Database.Database): { table: string; rows: number }[] => {
  const names = db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT IN ('events', 'event_store_schema', 'projection_checkpoints')`,
    )
    .pluck()
    .all();
  return names
    .map((table) => ({ table, rows: db.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number }))
    .sort((a, b) => b.rows - a.rows);
};

export interface QueryResult {
  readonly query: string;
  /** Calls per timed run (chosen so a run lasts long enough to time; the same for both sides). */
  readonly iterations: number;
  /** Median ms per call. */
  readonly subjectMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
}

export interface ReportResult {
  readonly largestTable: string;
  readonly largestTableRows: number;
  readonly queries: readonly QueryResult[];
}

/** Report queries at the root; the month the monthly report asks for. */
export const REPORT_YEAR = 2018;
export const REPORT_MONTH = '2018-06';

/**
 * `reports.clearanceReport({year: 2018})` and `reports.monthlyReport({month: '2018-06'})`
 * at the root, each against `SELECT count(*)` over the read models' largest table:
 * touching every row of the biggest table once, without any logic, is the floor a
 * report over the whole region stands on. Calls are repeated so each timed run lasts
 * at least `minRunMs` (the count of calls is fixed from one untimed call of the query
 * and used by both sides).
 */
export const reportBench = async (region: BenchRegion, projectedStorePath: string, opts: ReadBenchOptions & { minRunMs?: number } = {}): Promise<ReportResult> => {
  const store = openBenchStore(projectedStorePath);
  let projections: Projections | undefined;
  try {
    projections = openProjections(store, { policy: region.policy, divisions: region.divisions });
    await projections.runner.catchUp(); // already caught up: a no-op that proves it
    const reports = projections.reports;
    const [largest] = projectionTables(store.db);
    if (!largest) throw new Error('no projection table');
    const count = store.db.prepare(`SELECT count(*) FROM "${largest.table}"`).pluck();
    const queries: { query: string; call: () => unknown }[] = [
      { query: `clearanceReport({year: ${REPORT_YEAR}})`, call: () => reports.clearanceReport({ year: REPORT_YEAR }) },
      { query: `monthlyReport({month: '${REPORT_MONTH}'})`, call: () => reports.monthlyReport({ month: REPORT_MONTH }) },
    ];
    const clock = opts.clock ?? systemClock;
    const minRunMs = opts.minRunMs ?? 200;
    const results: QueryResult[] = [];
    for (const q of queries) {
      q.call();
      count.get(); // warm both
      const t0 = clock();
      q.call();
      const one = Math.max(0.001, clock() - t0);
      const iterations = Math.min(100_000, Math.max(1, Math.ceil(minRunMs / one)));
      const c = await compare({
        rounds: opts.rounds ?? 3,
        clock,
        subject: { run: () => { for (let i = 0; i < iterations; i++) q.call(); } },
        baseline: { run: () => { for (let i = 0; i < iterations; i++) count.get(); } },
        onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? q.query : `count(*) ${largest.table}`, ms),
      });
      results.push({ query: q.query, iterations, subjectMs: c.subject.medianMs / iterations, baselineMs: c.baseline.medianMs / iterations, ratio: c.ratio });
    }
    return { largestTable: largest.table, largestTableRows: largest.rows, queries: results };
  } finally {
    await projections?.close();
    await store.close();
  }
};

export interface VerifyResult {
  readonly streams: number;
  readonly events: number;
  readonly anomalies: number;
  readonly notices: number;
  readonly subjectMs: number;
  readonly baselineMs: number;
  readonly subjectEventsPerSec: number;
  readonly baselineEventsPerSec: number;
  readonly ratio: number;
}

/**
 * What verify has to read, and nothing more: list the streams by paging through the
 * log (as verifyLog does), then read every stream.
 */
export const readEveryStream = async (store: SqliteEventStore, pageSize: number): Promise<{ streams: number; events: number }> => {
  const ids = new Set<string>();
  for await (const page of logPages(store, { pageSize })) for (const e of page) ids.add(e.streamId);
  let events = 0;
  for (const id of ids) events += (await store.readStream(id)).length;
  return { streams: ids.size, events };
};

/**
 * `verifyLog` (every hash chain recomputed, every household replayed through the
 * Decider, gaps in positions, late recordings) against reading every stream.
 */
export const verifyBench = async (region: BenchRegion, storePath: string, opts: ReadBenchOptions = {}): Promise<VerifyResult> => {
  const store = openBenchStore(storePath);
  try {
    const ctx: DecisionContext = { policy: region.policy, divisions: region.divisions, recordedAt: '2021-01-01T00:00:00.000Z', actor: 'bench' };
    const c = await compare({
      rounds: opts.rounds ?? 3,
      ...(opts.clock ? { clock: opts.clock } : {}),
      subject: { run: () => verifyLog(store, ctx, { contiguousPositions: true, pageSize: VERIFY_PAGE }) },
      baseline: { run: () => readEveryStream(store, VERIFY_PAGE) },
      onRun: (side, _r, ms) => opts.onRun?.(side === 'S' ? 'verifyLog' : 'read every stream', ms),
    });
    const v = c.subject.results[0] as Awaited<ReturnType<typeof verifyLog>>;
    const read = c.baseline.results[0] as { streams: number; events: number };
    return {
      streams: v.streams,
      events: v.events,
      anomalies: v.anomalies.length,
      notices: v.notices.length,
      subjectMs: c.subject.medianMs,
      baselineMs: c.baseline.medianMs,
      subjectEventsPerSec: perSecond(read.events, c.subject.medianMs),
      baselineEventsPerSec: perSecond(read.events, c.baseline.medianMs),
      ratio: c.ratio,
    };
  } finally {
    await store.close();
  }
};
