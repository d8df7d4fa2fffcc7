import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { verifyStream } from '@hearth/event-store';
import { startEsdbStandIn, type EsdbStandIn } from '@hearth/event-store-esdb/testing';
import { importCommands, ImportStoppedError, keptRejection, Ledger, type RejectedLine } from '@hearth/ledger';
import { hearthFinished } from './support/cli';
import { apply, divisions, register } from './support/small-region';

jest.setTimeout(60_000);

/** A store whose server takes at most 4,000 bytes an append. */
const LIMIT = 4000;
/**
 * A server limit an import checkpoint keeping a line that is not JSON fits under (~585 bytes as
 * the stand-in counts it), and one keeping LONG_REJECTION's does not (~662 bytes). A checkpoint
 * names no file (decision 205), so the temporary folder does not move them; its actor does, by
 * a byte a character, so the real executable is given one of the in-process ledger's length.
 */
const TINY = 625;
const ACTOR = ['--actor', 'system'];
/**
 * A line the codec refuses, whose checkpoint keeps the most a refused line can: a household id
 * of 64 characters and a command type (its message is the checkpoint's fixed words, never the
 * line's: decision 159).
 */
const LONG_REJECTION = JSON.stringify({ type: 'RegisterHousehold', householdId: 'h'.repeat(64), on: 'someday', divisionCode: 'V1', members: [] });

/**
 * A batch's checkpoint keeps its rejections and is an append too: at a --batch-size of many
 * lines most of them rejected, or a server limit far below 1 MiB, it alone is over the limit.
 * Each household here is registered (accepted), then a line that does not parse, then an
 * application the ledger refuses (NOT_SURVEYED, kept with its field: decision 160): forty rejections, over 10 KB kept.
 */
/** A rejection as a rerun lists it: what its checkpoint keeps (decision 159). */
const asKept = (r: RejectedLine): [number, string, string] => {
  const k = keptRejection(r);
  return [k.line, k.code, k.message];
};

describe('a batch whose checkpoint would be over the store\'s append limit is written in parts (decision 152)', () => {
  const bad = (id: string) => JSON.stringify({ type: 'RegisterHousehold', householdId: id, on: '2016-02-31', divisionCode: 'V1', members: [] });
  const lines = Array.from({ length: 20 }, (_, i) => [register(`hh-${i}`), bad(`hh-bad-${i}`), apply(`hh-${i}`, '2016-03-01')]).flat();
  let servers: EsdbStandIn[];
  let dir: string;
  let file: string;
  beforeEach(async () => {
    servers = [];
    dir = mkdtempSync(join(tmpdir(), 'hearth-split-'));
    file = join(dir, 'log.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
  });
  afterEach(async () => {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = async (limit = LIMIT): Promise<Ledger> => {
    const server = await startEsdbStandIn({ maxAppendSize: limit });
    servers.push(server);
    return Ledger.open({ storeUrl: `${server.url}&maxAppendSize=${limit}`, policy: referencePolicy });
  };
  const logOf = async (ledger: Ledger) => (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('household-')).map((e) => ({ streamId: e.streamId, type: e.type, commandId: e.metadata.commandId, data: e.data }));
  const checkpoints = async (ledger: Ledger) => (await ledger.store.readAll()).filter((e) => e.type === 'ImportProgressed').map((e) => (e.data as { throughLine: number }).throughLine);

  it('imports every line in parts whose checkpoints fit, the same events as batches too small to split, and a rerun lists every rejection and appends nothing', async () => {
    const ledger = await open();
    const small = await open();
    try {
      await ledger.recordDivisionTree(divisions, '2016-01-01');
      await small.recordDivisionTree(divisions, '2016-01-01');
      const first = await importCommands(ledger, { source: file, batchSize: 1000 });
      expect({ accepted: first.accepted, rejected: first.rejected.length }).toEqual({ accepted: 20, rejected: 40 });
      expect(new Set(first.rejected.map((r) => r.code))).toEqual(new Set(['INVALID_COMMAND', 'NOT_SURVEYED']));
      const parts = await checkpoints(ledger);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.at(-1)).toBe(lines.length);
      expect(parts).toEqual([...parts].sort((a, b) => a - b));

      const reference = await importCommands(small, { source: file, batchSize: 3 });
      expect(reference).toEqual(first);
      expect(await logOf(ledger)).toEqual(await logOf(small));
      expect(verifyStream(await ledger.store.readStream('household-hh-7'))).toMatchObject({ ok: true });

      const before = (await ledger.store.readAll()).length;
      const again = await importCommands(ledger, { source: file, batchSize: 1000 });
      expect(again).toMatchObject({ accepted: 0, unchanged: 0, rejected: [], skipped: lines.length, resumedAfterLine: lines.length });
      expect(again.earlierRejected.map((r) => [r.line, r.code, r.message])).toEqual(first.rejected.map(asKept));
      expect((await ledger.store.readAll()).length).toBe(before);
    } finally {
      await ledger.close();
      await small.close();
    }
  });

  it('resumes a split import cut off after its first part with the events of an uninterrupted one', async () => {
    const ledger = await open();
    const whole = await open();
    try {
      await ledger.recordDivisionTree(divisions, '2016-01-01');
      await whole.recordDivisionTree(divisions, '2016-01-01');
      // Progress is told once a part is committed: failing there leaves the store as a kill -9 would.
      const cut = await importCommands(ledger, { source: file, batchSize: 1000, onProgress: () => { throw new Error('killed'); } }).catch((e: Error) => e);
      expect(cut).toEqual(new Error('killed'));
      const committed = await checkpoints(ledger);
      expect(committed).toHaveLength(1);
      expect(committed[0]).toBeLessThan(lines.length);
      const resumed = await importCommands(ledger, { source: file, batchSize: 1000 });
      const uninterrupted = await importCommands(whole, { source: file, batchSize: 1000 });
      expect(resumed.resumedAfterLine).toBe(committed[0]);
      expect([...resumed.earlierRejected.map((r) => [r.line, r.code, r.message]), ...resumed.rejected.map(asKept)]).toEqual(uninterrupted.rejected.map(asKept));
      expect(await logOf(ledger)).toEqual(await logOf(whole));
    } finally {
      await ledger.close();
      await whole.close();
    }
  });

  // A kept rejection is a few hundred bytes: only a server limit of about a kilobyte meets a line no cut makes fit.
  it('stops at a line whose rejection alone makes a checkpoint over the limit, naming the line and the limit, having written the lines before it', async () => {
    writeFileSync(file, `${['{', LONG_REJECTION].join('\n')}\n`);
    const ledger = await open(TINY);
    try {
      for (let run = 0; run < 2; run++) {
        const stopped = await importCommands(ledger, { source: file, batchSize: 1000 }).catch((e: unknown) => e);
        expect(stopped).toBeInstanceOf(ImportStoppedError);
        const { reason, committedThroughLine, cause, summary } = stopped as ImportStoppedError;
        expect({ reason, committedThroughLine, summary: { rejected: summary.rejected.length, earlierRejected: summary.earlierRejected.length } })
          .toEqual({ reason: 'store-failure', committedThroughLine: 1, summary: { rejected: 1 - run, earlierRejected: run } });
        expect((cause as Error).message).toMatch(new RegExp(`^the import checkpoint that keeps line 2's outcome is \\d+ bytes, over the store's append limit of ${TINY} bytes, and cannot be cut smaller`));
        // The error's own message is the one the CLI prints: a program embedding the ledger reads the same words.
        expect((stopped as Error).message).toMatch(new RegExp(`^the import stopped: the import checkpoint that keeps line 2's outcome is \\d+ bytes, over the store's append limit of ${TINY} bytes, and cannot be cut smaller: nothing of it was written\\. Raise the server's MaxAppendSize and give it as maxAppendSize in the store URL, then run the same import again: it resumes after line 1 \\(lines up to 1 are committed\\)$`));
      }
      expect(await checkpoints(ledger)).toEqual([1]);
    } finally {
      await ledger.close();
    }
  });

  it('through the real hearth import: the file imported in one --batch-size, exit 3, a rerun listing every rejection; a line no cut fits stops it with exit 6 naming the line and the limit', async () => {
    const start = async (limit: number): Promise<string[]> => {
      const server = await startEsdbStandIn({ maxAppendSize: limit });
      servers.push(server);
      const store = ['--store', `${server.url}&maxAppendSize=${limit}`];
      writeFileSync(join(dir, 'divisions.json'), JSON.stringify(divisions));
      expect((await hearthFinished([...store, 'divisions', 'load', join(dir, 'divisions.json')])).code).toBe(0);
      return store;
    };
    const store = await start(LIMIT);
    const first = await hearthFinished([...store, '--json', 'import', '--quiet', file]);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 3, stderr: '' });
    const summary = JSON.parse(first.stdout) as { accepted: number; rejected: { line: number; code: string }[] };
    expect({ accepted: summary.accepted, rejected: summary.rejected.length }).toEqual({ accepted: 20, rejected: 40 });
    const again = await hearthFinished([...store, '--json', 'import', '--quiet', file]);
    expect(again.code).toBe(3);
    const rerun = JSON.parse(again.stdout) as { accepted: number; rejected: unknown[]; earlierRejected: { line: number; code: string }[] };
    expect({ accepted: rerun.accepted, rejected: rerun.rejected, earlierRejected: rerun.earlierRejected.map((r) => [r.line, r.code]) })
      .toEqual({ accepted: 0, rejected: [], earlierRejected: summary.rejected.map((r) => [r.line, r.code]) });

    writeFileSync(file, `${['{', LONG_REJECTION].join('\n')}\n`);
    const tiny = await start(TINY);
    const stopped = await hearthFinished([...tiny, ...ACTOR, '--json', 'import', '--quiet', file]);
    expect(stopped.code).toBe(6);
    expect(JSON.parse(stopped.stdout).stopped).toMatchObject({ reason: 'store-failure', committedThroughLine: 1 });
    expect(stopped.stderr).toMatch(new RegExp(`the import stopped: the import checkpoint that keeps line 2's outcome is \\d+ bytes, over the store's append limit of ${TINY} bytes.*raise the server's MaxAppendSize.*then run the same import again: it resumes after line 1`, 'i'));
  });
});

