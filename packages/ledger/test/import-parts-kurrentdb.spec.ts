import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
// The wire stand-in (an in-process gRPC server the real client speaks its real protocol to), in this test only:
// what open-store.ts keeps lazy is the client in the ledger's own code path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type EsdbStandIn, startEsdbStandIn } from '@hearth/event-store-esdb/testing';
import { type ImportPart, type ImportSummary, importCommands, importPartStream, importStream, Ledger, mergeImportSummaries } from '../src';
import { ARBITRARY_TREE, FIXED_NOW, householdEvents, linesOfPart, openLedger, sha256Of, splitImportLines, writeLines } from './support/split-import-file';

const BATCH = 7;
const LINES = splitImportLines(12, 4242);
const PARTS: ImportPart[] = [
  { index: 1, count: 2 },
  { index: 2, count: 2 },
];

/**
 * The import in parts on KurrentDB (docs/decisions/0172): a store without write sessions or
 * batches atomic across streams, so each part decides its batch and writes it with one
 * appendBatch (BatchCommandHandler's `after-deciding`), through the real client against the
 * wire-level stand-in. The parts at once, each through a Ledger and a connection of its own,
 * leave what the same file imported whole into SQLite leaves.
 */
describe('a file imported in parts into KurrentDB', () => {
  let dir: string;
  let file: string;
  let server: EsdbStandIn;
  let whole: { summary: ImportSummary; events: Awaited<ReturnType<typeof householdEvents>> };
  const opened: Ledger[] = [];
  const onServer = async (): Promise<Ledger> => {
    const ledger = await Ledger.open({ storeUrl: server.url, policy: referencePolicy, now: FIXED_NOW });
    opened.push(ledger);
    return ledger;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-parts-kurrentdb-'));
    file = join(dir, 'log.jsonl');
    writeLines(file, LINES);
    const reference = await openLedger(join(dir, 'whole.db'));
    try {
      whole = { summary: await importCommands(reference, { source: file, batchSize: BATCH }), events: await householdEvents(reference) };
    } finally {
      await reference.close();
    }
  });
  beforeEach(async () => {
    server = await startEsdbStandIn();
  });
  afterEach(async () => {
    while (opened.length > 0) await opened.pop()?.close();
    await server.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('both parts at once: the household events and outcomes of a whole import, written through BatchAppend', async () => {
    const first = await onServer();
    await first.recordDivisionTree(ARBITRARY_TREE, '2014-01-01');
    const second = await onServer();
    const summaries = await Promise.all(PARTS.map((part, i) => importCommands([first, second][i] as Ledger, { source: file, batchSize: BATCH, part })));

    expect(whole.summary.accepted).toBeGreaterThan(50);
    expect(await householdEvents(first)).toEqual(whole.events);
    expect(mergeImportSummaries(summaries)).toEqual(whole.summary);
    for (const [i, s] of summaries.entries()) {
      const own = new Set(linesOfPart(LINES, i + 1, 2));
      expect(s.rejected.filter((r) => !own.has(r.line))).toEqual([]);
    }
    // The real client appended through BatchAppend, as against a current server; nothing through the legacy Append.
    expect(server.calls.batchAppend).toBeGreaterThan(0);
    expect(server.calls.append).toBe(0);
    const sha = sha256Of(file);
    expect((await first.store.readStream(importStream(sha))).map((e) => e.type)).toEqual(['ImportSplit']);
    const checkpoints = await Promise.all(PARTS.map((part) => first.store.readStream(importPartStream(sha, part))));
    for (const own of checkpoints) expect(own.at(-1)?.data).toMatchObject({ throughLine: LINES.length });
    // The parts did run at the same time: a checkpoint of part 2 lies between two of part 1's.
    const [one, two] = checkpoints.map((own) => own.map((e) => e.position));
    expect(two?.some((x) => x > (one?.[0] as number) && x < (one?.at(-1) as number))).toBe(true);
  });

  it('rerun in the same parts: each skips its own lines and lists its rejections as earlier ones, appending nothing', async () => {
    const ledger = await onServer();
    await ledger.recordDivisionTree(ARBITRARY_TREE, '2014-01-01');
    const first: ImportSummary[] = [];
    for (const part of PARTS) first.push(await importCommands(ledger, { source: file, batchSize: BATCH, part }));
    const size = server.size;
    const reruns: ImportSummary[] = [];
    for (const part of PARTS) reruns.push(await importCommands(ledger, { source: file, batchSize: BATCH, part }));
    for (const [i, rerun] of reruns.entries()) {
      expect(rerun).toMatchObject({ accepted: 0, unchanged: 0, rejected: [], resumedAfterLine: LINES.length, skipped: linesOfPart(LINES, i + 1, 2).length });
      expect(rerun.earlierRejected.map((r) => r.line)).toEqual(first[i]?.rejected.map((r) => r.line));
    }
    expect(server.size).toBe(size);
    expect(await householdEvents(ledger)).toEqual(whole.events);
  });
});
