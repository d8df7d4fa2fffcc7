import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportPart, type ImportSummary, importCommands, importPartStream, importStream, type Ledger, mergeImportSummaries, PART_RULE } from '../src';
import { householdEvents, linesOfPart, openLedger, sha256Of, splitImportLines, UNPARSABLE, writeLines } from './support/split-import-file';

const BATCH = 7;
const LINES = splitImportLines(18, 1729);
/** The lines naming no household (UNPARSABLE), by their number in the file. */
const UNPARSABLE_LINES = LINES.flatMap((text, i) => (UNPARSABLE.includes(text) ? [i + 1] : []));

const partsOf = (count: number): ImportPart[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

/**
 * A file imported in N parts (docs/decisions/0172), each deciding its households' lines:
 * into one store, one part after the other or all at once, it ends with the household
 * events and the outcomes of the same file imported whole.
 */
describe('a file imported in parts', () => {
  let dir: string;
  let file: string;
  let whole: { summary: ImportSummary; events: Awaited<ReturnType<typeof householdEvents>>; rerun: ImportSummary };
  const opened: Ledger[] = [];
  const open = async (name: string, withTree = true): Promise<Ledger> => {
    const ledger = await openLedger(join(dir, name), withTree);
    opened.push(ledger);
    return ledger;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-parts-'));
    file = join(dir, 'log.jsonl');
    writeLines(file, LINES);
    const reference = await open('whole.db');
    const summary = await importCommands(reference, { source: file, batchSize: BATCH });
    whole = { summary, events: await householdEvents(reference), rerun: await importCommands(reference, { source: file, batchSize: BATCH }) };
  });
  afterEach(async () => {
    while (opened.length > 1) await opened.pop()?.close();
  });
  afterAll(async () => {
    for (const ledger of opened) await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is tested on a file that every part has households of, with lines accepted, unchanged and refused by the ledger', () => {
    for (const count of [2, 3]) for (const part of partsOf(count)) expect(linesOfPart(LINES, part.index, count).length).toBeGreaterThan(UNPARSABLE_LINES.length);
    expect(whole.summary.accepted).toBeGreaterThan(100);
    expect(whole.summary.unchanged).toBeGreaterThan(0);
    const codes = new Set(whole.summary.rejected.map((r) => r.code));
    expect(codes.has('INVALID_COMMAND')).toBe(true);
    expect(codes.size).toBeGreaterThan(2);
    expect(whole.summary.rejected.filter((r) => UNPARSABLE_LINES.includes(r.line)).map((r) => r.line)).toEqual(UNPARSABLE_LINES);
  });

  describe.each([2, 3])('in %i parts', (count) => {
    const parts = partsOf(count);

    const expectTheWholeImport = async (ledger: Ledger, summaries: ImportSummary[]) => {
      expect(await householdEvents(ledger)).toEqual(whole.events);
      expect(mergeImportSummaries(summaries)).toEqual(whole.summary);
      expect(summaries[0]?.rejected.filter((r) => UNPARSABLE_LINES.includes(r.line)).map((r) => r.line)).toEqual(UNPARSABLE_LINES);
      for (const later of summaries.slice(1)) expect(later.rejected.filter((r) => UNPARSABLE_LINES.includes(r.line))).toEqual([]);
      // Each part decided its own lines only, by the file's line numbers.
      for (const [i, s] of summaries.entries()) {
        const own = new Set(linesOfPart(LINES, i + 1, count));
        expect(s.rejected.filter((r) => !own.has(r.line))).toEqual([]);
      }
    };

    it('one part after the other, into one store: the household events and outcomes of a whole import', async () => {
      const ledger = await open(`one-after-other-${count}.db`);
      const summaries: ImportSummary[] = [];
      for (const part of parts) summaries.push(await importCommands(ledger, { source: file, batchSize: BATCH, part }));
      await expectTheWholeImport(ledger, summaries);
    });

    it('all parts at once, each through a Ledger of its own on the same file: the household events and outcomes of a whole import', async () => {
      const first = await open(`at-once-${count}.db`);
      const others = await Promise.all(parts.slice(1).map(() => open(`at-once-${count}.db`, false)));
      const ledgers = [first, ...others];
      const summaries = await Promise.all(parts.map((part, i) => importCommands(ledgers[i] as Ledger, { source: file, batchSize: BATCH, part })));
      await expectTheWholeImport(first, summaries);
      // The parts did run at the same time: each wrote a checkpoint between two of another's.
      const log = await first.store.readAll();
      const sha = sha256Of(file);
      const positions = parts.map((p) => log.filter((e) => e.streamId === importPartStream(sha, p)).map((e) => e.position));
      for (const [i, own] of positions.entries()) {
        const others = positions.filter((_, j) => j !== i).flat();
        expect(others.some((x) => x > (own[0] as number) && x < (own.at(-1) as number))).toBe(true);
      }
    });

    it('records the split once in the file\'s stream, and each part\'s checkpoints, naming the part, in a stream of its own', async () => {
      const ledger = await open(`streams-${count}.db`);
      for (const part of parts) await importCommands(ledger, { source: file, batchSize: BATCH, part });
      const sha = sha256Of(file);
      const fileStream = await ledger.store.readStream(importStream(sha));
      expect(fileStream.map((e) => e.type)).toEqual(['ImportSplit']);
      expect(fileStream[0]?.data).toMatchObject({ sha256: sha, parts: count, rule: PART_RULE });
      for (const part of parts) {
        const checkpoints = await ledger.store.readStream(importPartStream(sha, part));
        expect(checkpoints.length).toBeGreaterThan(1);
        expect(new Set(checkpoints.map((e) => e.type))).toEqual(new Set(['ImportProgressed']));
        for (const e of checkpoints) expect((e.data as { part: unknown }).part).toEqual({ index: part.index, count });
        expect((checkpoints.at(-1)?.data as { throughLine: number }).throughLine).toBe(LINES.length);
      }
      const otherImportStreams = (await ledger.store.readAll()).filter((e) => e.streamId.startsWith('import-')).map((e) => e.streamId);
      expect(new Set(otherImportStreams)).toEqual(new Set([importStream(sha), ...parts.map((p) => importPartStream(sha, p))]));
    });

    it('rerun, each part skips its own lines and lists its own rejections as earlier ones: together, a whole import\'s rerun', async () => {
      const ledger = await open(`rerun-${count}.db`);
      const first: ImportSummary[] = [];
      for (const part of parts) first.push(await importCommands(ledger, { source: file, batchSize: BATCH, part }));
      const before = await householdEvents(ledger);
      const reruns: ImportSummary[] = [];
      for (const part of parts) reruns.push(await importCommands(ledger, { source: file, batchSize: BATCH, part }));
      for (const [i, rerun] of reruns.entries()) {
        expect(rerun).toMatchObject({ accepted: 0, unchanged: 0, rejected: [], resumedAfterLine: LINES.length });
        expect(rerun.skipped).toBe(linesOfPart(LINES, i + 1, count).length);
        expect(rerun.earlierRejected.map((r) => [r.line, r.code])).toEqual(first[i]?.rejected.map((r) => [r.line, r.code]));
      }
      expect(mergeImportSummaries(reruns).earlierRejected).toEqual(whole.rerun.earlierRejected);
      expect(mergeImportSummaries(reruns).skipped).toBe(whole.rerun.skipped);
      expect(await householdEvents(ledger)).toEqual(before);
    });
  });
});
