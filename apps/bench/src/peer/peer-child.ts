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
import { removeDb } from '../child';
import { compare, perSecond } from '../harness';
import { driverSettings } from './emmett-durability';
import { driverProbe, emmettBusyRetries, emmettOneConnectionSide, emmettStoreSide, hearthSide, type StoreSide } from './peer-sides';
import type { PeerWorkload } from './peer-workload';

export interface PeerRates {
  readonly hearthPerSec: number;
  readonly emmettPerSec: number;
  /** hearthPerSec / emmettPerSec: how many times Emmett's rate Hearth's store reaches (higher is better). */
  readonly ratio: number;
  readonly hearthMs: number;
  readonly emmettMs: number;
}

/** One event per call, each with the expected version of its stream (events = calls per second); then every stream read whole, `readPasses` times per run (streams per second). */
export interface PeerPair {
  readonly append: PeerRates;
  readonly readStream: PeerRates;
}

export interface PeerChildResult extends PeerPair {
  readonly rounds: number;
  readonly readPasses: number;
  readonly streams: number;
  readonly events: number;
  /** The same workloads against Emmett's exported schema functions on one kept connection (peer-sides.ts). */
  readonly oneConnection: PeerPair;
  /** What a connection opened by the driver here reports, and how many Emmett's store opened during its timed append runs (all rounds). */
  readonly emmettConnection: { readonly synchronous: number; readonly journalMode: string; readonly opened: number; readonly busyRetries: number };
}

const rates = (count: number, hearthMs: number, emmettMs: number): PeerRates => {
  const hearthPerSec = perSecond(count, hearthMs);
  const emmettPerSec = perSecond(count, emmettMs);
  return { hearthPerSec, emmettPerSec, ratio: hearthPerSec / emmettPerSec, hearthMs, emmettMs };
};

let files = 0;

/** Both workloads, Hearth's store (subject) against one Emmett side (baseline), interleaved by the harness. */
const measure = async (workload: PeerWorkload, workDir: string, rounds: number, readPasses: number, peer: StoreSide): Promise<PeerPair & { emmettFile: string; appendConnections: number }> => {
  const openedBefore = driverProbe.opened();
  const kept: { hearth?: string; emmett?: string } = {};
  const side = (name: 'hearth' | 'emmett', open: StoreSide) => ({
    prepare: async () => {
      const path = join(workDir, `peer-${name}-${process.pid}-${++files}.db`);
      return { path, store: await open(path) };
    },
    run: async ({ store }: { store: Awaited<ReturnType<StoreSide>> }) => {
      let n = 0;
      for (const { streamId, events } of workload.streams)
        for (const [k, event] of events.entries()) {
          await store.append(streamId, event, k);
          n++;
        }
      return n;
    },
    cleanup: async ({ path, store }: { path: string; store: Awaited<ReturnType<StoreSide>> }) => {
      await store.close();
      if (kept[name] === undefined) kept[name] = path;
      else removeDb(path);
    },
  });
  const append = await compare({ rounds, subject: side('hearth', hearthSide), baseline: side('emmett', peer) });
  const appendConnections = driverProbe.opened() - openedBefore;
  for (const n of [...append.subject.results, ...append.baseline.results])
    if (n !== workload.events) throw new Error(`peer: an append run wrote ${n} events, expected ${workload.events}`);

  const hearth = await hearthSide(kept.hearth as string);
  const emmett = await peer(kept.emmett as string);
  const readAll = (store: Awaited<ReturnType<StoreSide>>) => async () => {
    let n = 0;
    for (let pass = 0; pass < readPasses; pass++) for (const { streamId } of workload.streams) n += await store.read(streamId);
    return n;
  };
  try {
    const read = await compare({ rounds, warmup: 1, subject: { run: readAll(hearth) }, baseline: { run: readAll(emmett) } });
    for (const n of [...read.subject.results, ...read.baseline.results])
      if (n !== workload.events * readPasses) throw new Error(`peer: a read run returned ${n} events, expected ${workload.events * readPasses}`);
    return {
      append: rates(workload.events, append.subject.medianMs, append.baseline.medianMs),
      readStream: rates(workload.streams.length * readPasses, read.subject.medianMs, read.baseline.medianMs),
      emmettFile: kept.emmett as string,
      appendConnections,
    };
  } finally {
    await hearth.close();
    await emmett.close();
    removeDb(kept.hearth as string);
  }
};

export const runPeer = async (workload: PeerWorkload, workDir: string, rounds: number, readPasses: number): Promise<PeerChildResult> => {
  const { emmettFile, appendConnections: opened, ...store } = await measure(workload, workDir, rounds, readPasses, emmettStoreSide);
  const settings = await driverSettings(emmettFile);
  removeDb(emmettFile);
  const { emmettFile: oneFile, appendConnections: _, ...oneConnection } = await measure(workload, workDir, rounds, readPasses, emmettOneConnectionSide);
  removeDb(oneFile);
  return { rounds, readPasses, streams: workload.streams.length, events: workload.events, ...store, oneConnection, emmettConnection: { ...settings, opened, busyRetries: emmettBusyRetries() } };
};

if (require.main === module) {
  // stdout carries the result; Emmett logs a failed transaction with console.log.
  console.log = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
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
