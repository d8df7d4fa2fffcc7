/**
 * The peer comparison, as its own process: `node --require tsx/cjs peer-child.ts
 * WORKLOAD.json WORKDIR ROUNDS READ_PASSES`. Both stores run here, side by side and interleaved by
 * the harness, on the same households: Hearth's SqliteEventStore and Emmett's SQLite
 * event store (node-sqlite3 underneath, given synchronous = NORMAL like Hearth's: see
 * emmett-durability.ts). A process of its own keeps the driver setting and node-sqlite3
 * out of the benchmark runner. Prints a PeerChildResult as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@hearth/event-store';
import { removeDb } from '../child';
import { compare, perSecond } from '../harness';
import { driverSettings, setDriverSynchronousNormal } from './emmett-durability';
import type { PeerWorkload } from './peer-workload';

// Before Emmett opens anything.
const probe = setDriverSynchronousNormal();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the driver setting above, on purpose
const { getSQLiteEventStore } = require('@event-driven-io/emmett-sqlite') as typeof import('@event-driven-io/emmett-sqlite');

export interface PeerRates {
  readonly hearthPerSec: number;
  readonly emmettPerSec: number;
  /** hearthPerSec / emmettPerSec: how many times Emmett's rate Hearth's store reaches (higher is better). */
  readonly ratio: number;
  readonly hearthMs: number;
  readonly emmettMs: number;
}

export interface PeerChildResult {
  readonly rounds: number;
  readonly readPasses: number;
  readonly streams: number;
  readonly events: number;
  /** One event per call, each with the expected version of its stream: events (= calls) per second. */
  readonly append: PeerRates;
  /** Every household stream read whole, `readPasses` times per run: streams per second. */
  readonly readStream: PeerRates;
  /** What a connection opened by the driver here reports, and how many Emmett opened during the timed append runs (all rounds). */
  readonly emmettConnection: { readonly synchronous: number; readonly journalMode: string; readonly opened: number };
}

const rates = (count: number, hearthMs: number, emmettMs: number): PeerRates => {
  const hearthPerSec = perSecond(count, hearthMs);
  const emmettPerSec = perSecond(count, emmettMs);
  return { hearthPerSec, emmettPerSec, ratio: hearthPerSec / emmettPerSec, hearthMs, emmettMs };
};

export const runPeer = async (workload: PeerWorkload, workDir: string, rounds: number, readPasses: number): Promise<PeerChildResult> => {
  let files = 0;
  const fresh = (what: string) => join(workDir, `peer-${what}-${process.pid}-${++files}.db`);
  const kept: { hearth?: string; emmett?: string } = {};
  const keepOrRemove = (side: 'hearth' | 'emmett', path: string) => {
    if (kept[side] === undefined) kept[side] = path;
    else removeDb(path);
  };

  const append = await compare({
    rounds,
    subject: {
      prepare: () => {
        const path = fresh('hearth');
        return { path, store: SqliteEventStore.open(path, { pollIntervalMs: 60_000 }) };
      },
      run: async ({ store }) => {
        let n = 0;
        for (const { streamId, events } of workload.streams)
          for (const [k, event] of events.entries()) {
            await store.appendToStream(streamId, [event], k === 0 ? 'no_stream' : k - 1);
            n++;
          }
        return n;
      },
      cleanup: async ({ path, store }) => {
        await store.close();
        keepOrRemove('hearth', path);
      },
    },
    baseline: {
      prepare: () => {
        const path = fresh('emmett');
        return { path, store: getSQLiteEventStore({ fileName: path }) };
      },
      run: async ({ store }) => {
        let n = 0;
        for (const { streamId, events } of workload.streams)
          for (const [k, { type, data, metadata }] of events.entries()) {
            await store.appendToStream(streamId, [{ type, data: data as Record<string, unknown>, metadata: { ...metadata } }], { expectedStreamVersion: BigInt(k) });
            n++;
          }
        return n;
      },
      cleanup: ({ path }) => keepOrRemove('emmett', path),
    },
  });
  for (const n of [...append.subject.results, ...append.baseline.results])
    if (n !== workload.events) throw new Error(`peer: an append run wrote ${n} events, expected ${workload.events}`);
  const openedByAppends = probe.opened();

  const hearth = SqliteEventStore.open(kept.hearth as string, { pollIntervalMs: 60_000 });
  const emmett = getSQLiteEventStore({ fileName: kept.emmett as string });
  try {
    const read = await compare({
      rounds,
      warmup: 1,
      subject: {
        run: async () => {
          let n = 0;
          for (let pass = 0; pass < readPasses; pass++) for (const { streamId } of workload.streams) n += (await hearth.readStream(streamId)).length;
          return n;
        },
      },
      baseline: {
        run: async () => {
          let n = 0;
          for (let pass = 0; pass < readPasses; pass++) for (const { streamId } of workload.streams) n += (await emmett.readStream(streamId)).events.length;
          return n;
        },
      },
    });
    for (const n of [...read.subject.results, ...read.baseline.results])
      if (n !== workload.events * readPasses) throw new Error(`peer: a read run returned ${n} events, expected ${workload.events * readPasses}`);
    const settings = await driverSettings(kept.emmett as string);
    return {
      rounds,
      readPasses,
      streams: workload.streams.length,
      events: workload.events,
      append: rates(workload.events, append.subject.medianMs, append.baseline.medianMs),
      readStream: rates(workload.streams.length * readPasses, read.subject.medianMs, read.baseline.medianMs),
      emmettConnection: { ...settings, opened: openedByAppends },
    };
  } finally {
    await hearth.close();
    removeDb(kept.hearth as string);
    removeDb(kept.emmett as string);
  }
};

if (require.main === module) {
  const [workloadFile, workDir, rounds, passes] = process.argv.slice(2);
  if (!workloadFile || !workDir) throw new Error('usage: peer-child WORKLOAD.json WORKDIR ROUNDS READ_PASSES');
  const count = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`peer-child: ${name} must be an integer ≥ 1, got ${v}`);
    return n;
  };
  const workload = JSON.parse(readFileSync(workloadFile, 'utf8')) as PeerWorkload;
  runPeer(workload, workDir, count('ROUNDS', rounds), count('READ_PASSES', passes)).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`peer: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
