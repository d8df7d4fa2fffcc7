import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import * as testing from '@hearth/event-store-esdb/testing';
import { Ledger } from '@hearth/ledger';
import { type CliRun, hearthFinished, tempDir } from './support/cli';

interface Summary {
  readonly accepted: number;
  readonly unchanged: number;
  readonly rejected: readonly { readonly line: number; readonly code: string }[];
  readonly skipped: number;
  readonly earlierRejected: readonly { readonly line: number; readonly code: string }[];
  readonly parts?: readonly { readonly part: string; readonly accepted: number }[];
}

const summaryOf = (r: CliRun): Summary => {
  if (r.stdout === '') throw new Error(`hearth import printed no summary (exit ${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Summary;
};

/** Which lines were rejected, and why: the messages' words are the decider's, tested elsewhere. */
const which = (rows: Summary['rejected']) => rows.map(({ line, code }) => ({ line, code }));

/** A store's household events as two imports of one file must both leave them: ids, positions and recording times left out. */
const householdEventsAt = async (storeUrl: string) => {
  const ledger = await Ledger.open({ storeUrl, policy: referencePolicy });
  try {
    return (await ledger.store.readAll())
      .filter((e) => e.streamId.startsWith('household-'))
      .map((e) => ({ streamId: e.streamId, version: e.streamVersion, type: e.type, data: e.data, occurredOn: e.metadata.occurredOn, commandId: e.metadata.commandId }))
      .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version));
  } finally {
    await ledger.close();
  }
};

/**
 * `hearth import FILE --workers 2` against a KurrentDB URL (docs/decisions/0172): the parent
 * and each part are processes of their own, each with its own client connection, speaking the
 * real protocol to the wire stand-in in this process; the same file imported once into SQLite
 * is the reference. (The parts' store path alone is in packages/ledger's
 * import-parts-kurrentdb.spec.ts; this is the executable's.)
 */
describe('hearth import --workers 2 on KurrentDB', () => {
  let server: testing.EsdbStandIn;
  let dir: string;
  let cleanup: () => void;
  let log: string;
  let lines: number;
  let plain: { code: number | null; summary: Summary };
  let split: { code: number | null; summary: Summary };
  const sqlite = () => `sqlite:${join(dir, 'plain.db')}`;

  beforeAll(async () => {
    server = await testing.startEsdbStandIn();
    ({ dir, cleanup } = tempDir());
    log = join(dir, 'log.jsonl');
    const divisions = join(dir, 'divisions.json');
    expect((await hearthFinished(['generate', '--households', '60', '--seed', '5', '--out', log, '--divisions-out', divisions])).code).toBe(0);
    lines = readFileSync(log, 'utf8').trimEnd().split('\n').length;
    for (const store of [sqlite(), server.url]) expect((await hearthFinished(['--store', store, 'divisions', 'load', divisions])).code).toBe(0);
    const one = await hearthFinished(['--store', sqlite(), '--json', 'import', log, '--quiet']);
    plain = { code: one.code, summary: summaryOf(one) };
    const parts = await hearthFinished(['--store', server.url, '--json', 'import', log, '--workers', '2', '--batch-size', '50', '--quiet']);
    split = { code: parts.code, summary: summaryOf(parts) };
  }, 120_000);
  afterAll(async () => {
    cleanup();
    await server.close();
  });

  it('leaves the household events the one import into SQLite leaves, written through BatchAppend only', async () => {
    const reference = await householdEventsAt(sqlite());
    expect(new Set(reference.map((e) => e.streamId)).size).toBe(60);
    expect(await householdEventsAt(server.url)).toEqual(reference);
    expect(server.calls.batchAppend).toBeGreaterThan(0);
    expect(server.calls.append).toBe(0);
  }, 60_000);

  it('sums up to the one import\'s summary and exit code, each part having imported some of the households', () => {
    expect(plain.summary.rejected.length).toBeGreaterThan(0);
    expect({ code: split.code, accepted: split.summary.accepted, unchanged: split.summary.unchanged, rejected: which(split.summary.rejected) }).toEqual({
      code: plain.code, accepted: plain.summary.accepted, unchanged: plain.summary.unchanged, rejected: which(plain.summary.rejected),
    });
    expect(split.summary.parts?.map((p) => p.part)).toEqual(['1/2', '2/2']);
    for (const p of split.summary.parts ?? []) expect(p.accepted).toBeGreaterThan(0);
  });

  it('answers the clearance and monthly reports the SQLite store answers', async () => {
    for (const args of [['clearance', '--year', '2017', '--by-child'], ['monthly', '--month', '2017-06']]) {
      const [onServer, onFile] = await Promise.all([server.url, sqlite()].map((store) => hearthFinished(['--store', store, '--json', 'report', ...args])));
      expect(onServer?.code).toBe(0);
      expect(JSON.parse(onServer?.stdout ?? '')).toEqual(JSON.parse(onFile?.stdout ?? ''));
    }
  }, 60_000);

  it('run again with --workers 2: skips every line, appends nothing, lists the first run\'s rejections as earlier ones', async () => {
    const size = server.size;
    const again = await hearthFinished(['--store', server.url, '--json', 'import', log, '--workers', '2', '--quiet']);
    const summary = summaryOf(again);
    expect({ code: again.code, accepted: summary.accepted, rejected: summary.rejected, skipped: summary.skipped }).toEqual({ code: 3, accepted: 0, rejected: [], skipped: lines });
    expect(which(summary.earlierRejected)).toEqual(which(split.summary.rejected));
    expect(server.size).toBe(size);
  }, 60_000);
});
