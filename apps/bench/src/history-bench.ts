import Database from 'better-sqlite3';
import { HOUSEHOLD_STREAM_PREFIX, householdDecider, type HouseholdState } from '@hearth/domain';
import { foldRecorded, householdEventCodec, initialFold, SqliteEventStore, type StreamFold } from '@hearth/event-store';
import { ratioOf, systemClock, type Clock } from './harness';
import { quantile } from './load/latency';

/** Households timed per pass (evenly spread over the store's household streams). */
export const HISTORY_SAMPLE = 1000;

/**
 * Timed passes at least (5,000 loads a side at the default sample). The p99 of 3,000 loads
 * is their 30th slowest, and on a shared machine those are the calls a time slice of
 * another process landed in: 3 passes gave ratios from 0.9 to 4.2 within minutes
 * (docs/performance/writes.md, "History: the p99's spread"); more loads leave a single burst of
 * load less say in it.
 */
export const HISTORY_PASSES = 5;

export interface HistoryResult {
  /** Households timed, and how many times each (passes: at least HISTORY_PASSES). */
  readonly households: number;
  readonly passes: number;
  /** Events in the sampled streams (one pass). */
  readonly events: number;
  /** Loading and folding one household: nearest-rank p50 and p99 over every timed call, µs. */
  readonly p50Us: number;
  readonly p99Us: number;
  /** Reading the same rows raw and JSON.parsing data and metadata: p50 and p99, µs. */
  readonly baselineP50Us: number;
  readonly baselineP99Us: number;
  /** p99Us / baselineP99Us: how many times its floor a household's worst-case load costs (lower is better). */
  readonly ratio: number;
}

/** The household streams of a store, in order of first appearance, evenly thinned to at most `max`. */
export const sampleHouseholds = (storePath: string, max: number): string[] => {
  const db = new Database(storePath, { readonly: true });
  try {
    const all = db
      .prepare<[number, string], string>('SELECT stream_id FROM events WHERE version = 0 AND substr(stream_id, 1, ?) = ? ORDER BY position')
      .pluck()
      .all(HOUSEHOLD_STREAM_PREFIX.length, HOUSEHOLD_STREAM_PREFIX);
    if (all.length <= max) return all;
    return Array.from({ length: max }, (_, k) => all[Math.floor((k * all.length) / max)] as string);
  } finally {
    db.close();
  }
};

/** What the command handler does before deciding on a household it has not cached: read the stream through the port and fold it with the domain's evolve. */
export const loadAndFold = async (store: SqliteEventStore, streamId: string): Promise<StreamFold<HouseholdState>> =>
  foldRecorded(householdDecider, householdEventCodec, initialFold(householdDecider.initialState), await store.readStream(streamId));

/** The floor: the same rows in the same order through one prepared statement, data and metadata JSON.parsed. */
export const rawReader = (db: Database.Database): ((streamId: string) => number) => {
  const read = db.prepare<[string], { data: string; metadata: string }>('SELECT position, stream_id, version, event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY version');
  return (streamId) => {
    let parsed = 0;
    for (const row of read.all(streamId)) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      parsed++;
    }
    return parsed;
  };
};

const us = (ms: number): number => ms * 1000;

/**
 * One household's history, latency per call: `readStream` + `foldRecorded` with the
 * household Decider's evolve and codec (exactly the command handler's load of a household it has not cached), against
 * reading the same rows raw and parsing their JSON. Each sampled household is timed
 * once per pass on each side, the side that goes first alternating from one household
 * to the next, so that both sides take their loads in the same minutes; one untimed pass
 * warms both. The p99s are taken over every timed load of every pass (`passes`, default
 * HISTORY_PASSES).
 */
export const historyBench = async (storePath: string, opts: { rounds?: number; passes?: number; clock?: Clock; sample?: number } = {}): Promise<HistoryResult> => {
  const clock = opts.clock ?? systemClock;
  // `rounds` (the other comparisons' runs a side) raises the passes, never lowers them under HISTORY_PASSES.
  const passes = opts.passes ?? Math.max(opts.rounds ?? HISTORY_PASSES, HISTORY_PASSES);
  const ids = sampleHouseholds(storePath, opts.sample ?? HISTORY_SAMPLE);
  if (ids.length === 0) throw new Error('history: the store has no household stream');
  const store = SqliteEventStore.open(storePath, { pollIntervalMs: 60_000 });
  const db = new Database(storePath, { readonly: true });
  try {
    const raw = rawReader(db);
    let events = 0;
    for (const id of ids) {
      const fold = await loadAndFold(store, id);
      const rows = raw(id);
      if (fold.version + 1 !== rows) throw new Error(`history: ${id} folded ${fold.version + 1} events but has ${rows} rows`);
      events += rows;
    }
    const subject: number[] = [];
    const baseline: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (const [k, id] of ids.entries()) {
        const timeSubject = async () => {
          const t0 = clock();
          await loadAndFold(store, id);
          subject.push(us(clock() - t0));
        };
        const timeBaseline = () => {
          const t0 = clock();
          raw(id);
          baseline.push(us(clock() - t0));
        };
        if ((k + pass) % 2 === 0) {
          await timeSubject();
          timeBaseline();
        } else {
          timeBaseline();
          await timeSubject();
        }
      }
    }
    const s = [...subject].sort((a, b) => a - b);
    const b = [...baseline].sort((a, b2) => a - b2);
    const p99Us = quantile(s, 0.99) as number;
    const baselineP99Us = quantile(b, 0.99) as number;
    return {
      households: ids.length,
      passes,
      events,
      p50Us: quantile(s, 0.5) as number,
      p99Us,
      baselineP50Us: quantile(b, 0.5) as number,
      baselineP99Us,
      ratio: ratioOf(p99Us, baselineP99Us),
    };
  } finally {
    db.close();
    await store.close();
  }
};
