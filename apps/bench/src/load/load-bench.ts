import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDivisions } from '@hearth/simulator';
import { HEARTH_BIN, runNode } from '../child';
import { LatencySummary, summarise } from './latency';
import { startService } from './service-process';
import { loadCommand, loadHouseholdId, setupCommands } from './workload';

export interface LoadOptions {
  readonly clients: number;
  readonly households: number;
  readonly seconds: number;
  /** Seed of the division tree the households are spread over. */
  readonly seed?: number;
  readonly workDir?: string;
  readonly keep?: boolean;
  readonly onStage?: (stage: string) => void;
}

export interface LoadReport {
  readonly clients: number;
  readonly households: number;
  /** Measured length of the load phase. */
  readonly seconds: number;
  readonly requests: number;
  readonly accepted: number;
  readonly requestsPerSec: number;
  readonly eventsAppended: number;
  readonly latency: LatencySummary;
  /** Anything but a 201: a failed connection, a 5xx, a 409 left after retries, a 4xx the workload should never meet. */
  readonly errors: number;
  readonly errorsByKind: Readonly<Record<string, number>>;
  /** The log's head after the run, and what it must be: the division tree, the set-up's events and every event a 201 reported. */
  readonly head: number;
  readonly expectedHead: number;
  readonly serviceExitCode: number | null;
  readonly verify: { readonly exitCode: number; readonly streams: number; readonly events: number; readonly anomalies: number; readonly notices: number };
}

interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of several shapes
}

const post = async (url: string, token: string, body: unknown): Promise<Answer> => {
  const r = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};

const appendedBy = (body: { appended?: readonly unknown[] }): number => body.appended?.length ?? 0;

/**
 * N clients, each with one request in flight, post commands for M households to the real
 * service (a child process on a SQLite file) over loopback for a bounded time; then the
 * service is stopped and the real `hearth verify` checks the whole log.
 */
export const runLoadBenchmark = async (opts: LoadOptions): Promise<LoadReport> => {
  const stage = opts.onStage ?? (() => undefined);
  const workDir = opts.workDir ?? join(tmpdir(), `hearth-load-${process.pid}-${Date.now()}`);
  mkdirSync(workDir, { recursive: true });
  const storePath = join(workDir, 'load.db');
  const store = `sqlite:${storePath}`;
  const today = new Date().toISOString().slice(0, 10);
  try {
    const divisions = generateDivisions({ households: opts.households, seed: opts.seed ?? 1 });
    const villages = divisions.filter((d) => d.level === 'village').map((d) => d.code);
    const root = divisions.find((d) => d.parentCode === null)?.code as string;
    const divisionsFile = join(workDir, 'divisions.json');
    writeFileSync(divisionsFile, JSON.stringify(divisions));
    await runNode(workDir, HEARTH_BIN, ['--store', store, 'divisions', 'load', divisionsFile, '--on', today]);

    const caseworker = randomBytes(32).toString('hex');
    const tokensFile = join(workDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify([{ token: caseworker, role: 'caseworker', division: root, name: 'load-client' }]), { mode: 0o600 });
    stage('starting the service');
    const service = await startService(store, tokensFile, workDir);
    let serviceExitCode: number | null = null;
    let head: number;
    let setupEvents = 0;
    let eventsAppended = 0;
    let accepted = 0;
    const samples: number[] = [];
    const errorsByKind: Record<string, number> = {};
    let elapsed: number;
    try {
      stage(`registering and surveying ${opts.households.toLocaleString('en')} households`);
      const setup = Array.from({ length: opts.households }, (_, i) => setupCommands(loadHouseholdId(i), villages[i % villages.length] as string, today)).flat();
      for (let k = 0; k < setup.length; k += 500) {
        const answer = await post(`${service.url}/api/commands/batch`, caseworker, setup.slice(k, k + 500));
        if (answer.status !== 200) throw new Error(`set-up batch answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        for (const item of answer.body as { status: number; body: { appended?: unknown[] } }[]) {
          if (item.status !== 201) throw new Error(`a set-up command answered ${item.status}: ${JSON.stringify(item.body)}`);
          setupEvents += appendedBy(item.body);
        }
      }

      stage(`${opts.clients} clients for ${opts.seconds} s`);
      const started = performance.now();
      const deadline = started + opts.seconds * 1000;
      const client = async (c: number): Promise<void> => {
        for (let k = 0; performance.now() < deadline; k++) {
          const householdId = loadHouseholdId((c + k * opts.clients) % opts.households);
          const t0 = performance.now();
          let kind: string | undefined;
          try {
            const answer = await post(`${service.url}/api/commands`, caseworker, loadCommand(householdId, today, `${c}-${k}`, k));
            if (answer.status === 201) {
              accepted += 1;
              eventsAppended += appendedBy(answer.body);
            } else kind = `HTTP ${answer.status} ${answer.body?.code ?? ''}`.trim();
          } catch (e) {
            kind = `network: ${(e as Error).message}`;
          }
          samples.push(performance.now() - t0);
          if (kind !== undefined) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c)));
      elapsed = (performance.now() - started) / 1000;
      const health = await fetch(`${service.url}/health`);
      head = ((await health.json()) as { head: number }).head;
    } finally {
      stage('stopping the service');
      serviceExitCode = await service.stop();
    }

    stage('hearth verify');
    const verified = await runNode(workDir, HEARTH_BIN, ['--store', store, '--json', 'verify'], [0, 5]);
    const v = JSON.parse(verified.stdout) as { streams: number; events: number; anomalies: unknown[]; notices: unknown[] };
    const errors = Object.values(errorsByKind).reduce((a, b) => a + b, 0);
    return {
      clients: opts.clients,
      households: opts.households,
      seconds: elapsed,
      requests: samples.length,
      accepted,
      requestsPerSec: samples.length / elapsed,
      eventsAppended,
      latency: summarise(samples),
      errors,
      errorsByKind,
      head,
      expectedHead: 1 + setupEvents + eventsAppended,
      serviceExitCode,
      verify: { exitCode: verified.code, streams: v.streams, events: v.events, anomalies: v.anomalies.length, notices: v.notices.length },
    };
  } finally {
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  }
};
