import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runNode } from '../child';
import type { PeerChildResult, PeerPair, PeerRates } from './peer-child';
import { PEER_EVENTS, PEER_READ_PASSES, peerWorkload } from './peer-workload';

const PEER_CHILD = resolve(__dirname, 'peer-child.ts');

export interface PeerResult {
  /** The peer: package versions as installed, and the settings its connections ran with. */
  readonly emmett: {
    readonly emmettSqlite: string;
    readonly emmett: string;
    readonly sqlite3: string;
    readonly synchronous: number;
    readonly journalMode: string;
    /** Connections Emmett's store opened per append call during the timed runs (on a file it opens and closes one per call). */
    readonly connectionsPerAppend: number;
    /** Emmett appends retried after SQLITE_BUSY "statements in progress" (a race in Emmett 0.38.5 on node-sqlite3; peer-sides.ts), all timed runs. */
    readonly busyRetries: number;
  };
  readonly streams: number;
  readonly events: number;
  /** Times every stream is read per timed run (so a run lasts long enough to time). */
  readonly readPasses: number;
  readonly append: PeerRates;
  readonly readStream: PeerRates;
  /** The same workloads against Emmett's exported schema functions on one kept connection: what the per-call connection accounts for. */
  readonly oneConnection: PeerPair;
}

/** The installed version of a package, from its own package.json (found next to its entry point). */
const versionOf = (name: string): string => {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // not the package's root yet
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json for ${name}`);
    dir = up;
  }
};

/**
 * The same append and read-one-stream workloads on Hearth's SQLite store and on
 * Emmett's, in one child process (peer-child.ts): whole households taken from the
 * imported store (at least `events` events), appended one event per call with the
 * stream's expected version into a fresh file on each side, then every stream read
 * whole, `readPasses` times per run.
 */
export const peerBench = async (workDir: string, storePath: string, opts: { rounds?: number; events?: number; readPasses?: number } = {}): Promise<PeerResult> => {
  const workload = await peerWorkload(storePath, opts.events ?? PEER_EVENTS);
  const file = join(workDir, `peer-workload-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(workload));
  try {
    const run = await runNode(workDir, PEER_CHILD, [file, workDir, String(opts.rounds ?? 3), String(opts.readPasses ?? PEER_READ_PASSES)]);
    const r = JSON.parse(run.stdout) as PeerChildResult;
    return {
      emmett: {
        emmettSqlite: versionOf('@event-driven-io/emmett-sqlite'),
        emmett: versionOf('@event-driven-io/emmett'),
        sqlite3: versionOf('sqlite3'),
        synchronous: r.emmettConnection.synchronous,
        journalMode: r.emmettConnection.journalMode,
        connectionsPerAppend: r.emmettConnection.opened / (r.rounds * r.events),
        busyRetries: r.emmettConnection.busyRetries,
      },
      streams: r.streams,
      events: r.events,
      readPasses: r.readPasses,
      append: r.append,
      readStream: r.readStream,
      oneConnection: r.oneConnection,
    };
  } finally {
    rmSync(file, { force: true });
  }
};
