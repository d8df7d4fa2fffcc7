import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportPart, ImportSplitMismatchError, ImportStoppedError, type ImportSummary, importCommands, importPartStream, importStream, type Ledger, mergeImportSummaries } from '../src';
import { householdEvents, linesOfPart, openLedger, sha256Of, splitImportLines, storeMark, writeLines } from './support/split-import-file';
import { diskFull, writeSessionsWhere } from './support/write-sessions';

const BATCH = 7;
const LINES = splitImportLines(12, 4242);
const PART_1_OF_2: ImportPart = { index: 1, count: 2 };
const PART_2_OF_2: ImportPart = { index: 2, count: 2 };

/**
 * A split import is resumed only in the shape it was begun in (docs/decisions/0172): another
 * shape would decide again, against a later state, lines an earlier run rejected. A refused
 * run changes nothing. A part interrupted part-way resumes after its own checkpoints.
 */
describe('a file imported in parts, run again', () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-parts-again-'));
    file = join(dir, 'log.jsonl');
    writeLines(file, LINES);
    ledger = await openLedger(join(dir, 'h.db'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refused = async (run: Promise<unknown>, begun: object, asked: object) => {
    const before = await storeMark(ledger);
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSplitMismatchError);
    expect(error).toMatchObject({ source: file, begun, asked });
    expect(await storeMark(ledger)).toEqual(before);
    return error as ImportSplitMismatchError;
  };

  /** The file imported in 2 parts, uninterrupted, into a store of its own. */
  const splitElsewhere = async () => {
    const reference = await openLedger(join(dir, 'reference.db'));
    try {
      const summaries: ImportSummary[] = [];
      for (const part of [PART_1_OF_2, PART_2_OF_2]) summaries.push(await importCommands(reference, { source: file, batchSize: BATCH, part }));
      return { summaries, events: await householdEvents(reference) };
    } finally {
      await reference.close();
    }
  };

  it('a file begun whole is refused as part 1/2, storing nothing', async () => {
    await importCommands(ledger, { source: file, batchSize: BATCH });
    const error = await refused(importCommands(ledger, { source: file, batchSize: BATCH, part: PART_1_OF_2 }), { kind: 'whole' }, { kind: 'split', parts: 2 });
    expect(error.message).toContain('its import was begun as one import (no --workers)');
  });

  it('a file begun whole and stopped part-way is refused in parts too', async () => {
    writeSessionsWhere(ledger.store, 'household-x', (call) => (call === 2 ? diskFull() : 'write'));
    await expect(importCommands(ledger, { source: file, batchSize: BATCH })).rejects.toBeInstanceOf(ImportStoppedError);
    jest.restoreAllMocks();
    await refused(importCommands(ledger, { source: file, batchSize: BATCH, part: PART_2_OF_2 }), { kind: 'whole' }, { kind: 'split', parts: 2 });
  });

  it('a file begun in 2 parts is refused whole, and as part 1/3, storing nothing', async () => {
    await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_1_OF_2 });
    const whole = await refused(importCommands(ledger, { source: file, batchSize: BATCH }), { kind: 'split', parts: 2 }, { kind: 'whole' });
    expect(whole.message).toContain('its import was begun in 2 parts (--workers 2)');
    await refused(importCommands(ledger, { source: file, batchSize: BATCH, part: { index: 1, count: 3 } }), { kind: 'split', parts: 2 }, { kind: 'split', parts: 3 });
    // The other part of the same split is not refused.
    await expect(importCommands(ledger, { source: file, batchSize: BATCH, part: PART_2_OF_2 })).resolves.toMatchObject({ resumedAfterLine: 0 });
  });

  /** `ledger`'s first write of the file's stream is preceded by `other`'s whole run of `part`: the race to record the split is lost. */
  const loseTheSplitRace = async (part: ImportPart) => {
    const other = await openLedger(join(dir, 'h.db'), false);
    const append = ledger.store.appendToStream.bind(ledger.store);
    const importFile = importStream(sha256Of(file));
    let raced = false;
    jest.spyOn(ledger.store, 'appendToStream').mockImplementation(async (streamId, events, expected) => {
      if (streamId === importFile && !raced) {
        raced = true;
        await importCommands(other, { source: file, batchSize: BATCH, part });
      }
      return append(streamId, events, expected);
    });
    return { other, raced: () => raced };
  };

  it('a part that loses the race to record the split reads the split the winner recorded, and goes on', async () => {
    const { other, raced } = await loseTheSplitRace(PART_2_OF_2);
    try {
      const summary = await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_1_OF_2 });
      expect(raced()).toBe(true);
      expect(summary.resumedAfterLine).toBe(0);
      expect((await ledger.store.readStream(importStream(sha256Of(file)))).map((e) => e.type)).toEqual(['ImportSplit']);
      expect(await householdEvents(ledger)).toEqual((await splitElsewhere()).events);
    } finally {
      await other.close();
    }
  });

  it('a part that loses the race to a split in another number of parts is refused', async () => {
    const { other, raced } = await loseTheSplitRace({ index: 3, count: 3 });
    try {
      const error = await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_1_OF_2 }).catch((e: unknown) => e);
      expect(raced()).toBe(true);
      expect(error).toBeInstanceOf(ImportSplitMismatchError);
      expect(error).toMatchObject({ begun: { kind: 'split', parts: 3 }, asked: { kind: 'split', parts: 2 } });
      expect(await ledger.store.readStream(importPartStream(sha256Of(file), PART_1_OF_2))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a part of standard input is refused with a RangeError, storing nothing', async () => {
    const before = await storeMark(ledger);
    await expect(importCommands(ledger, { source: '-', part: PART_1_OF_2 })).rejects.toBeInstanceOf(RangeError);
    expect(await storeMark(ledger)).toEqual(before);
  });

  it('a part interrupted after some batches resumes after its own checkpoints: the household events of an uninterrupted split import', async () => {
    const { summaries: uninterrupted, events: expected } = await splitElsewhere();

    // Part 2's third batch meets a full disk; part 1 runs meanwhile, unharmed.
    writeSessionsWhere(ledger.store, 'household-x', (call) => (call === 3 ? diskFull() : 'write'));
    const stopped = await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_2_OF_2 }).catch((e: unknown) => e);
    jest.restoreAllMocks();
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    const { committedThroughLine } = stopped as ImportStoppedError;
    const ownLines = linesOfPart(LINES, 2, 2);
    // Two batches of its own lines were committed, and not the third.
    expect(committedThroughLine).toBe(ownLines[2 * BATCH - 1]);
    const checkpoints = await ledger.store.readStream(importPartStream(sha256Of(file), PART_2_OF_2));
    expect(checkpoints).toHaveLength(2);

    const first = await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_1_OF_2 });
    const resumed = await importCommands(ledger, { source: file, batchSize: BATCH, part: PART_2_OF_2 });
    expect(resumed.resumedAfterLine).toBe(committedThroughLine);
    expect(resumed.skipped).toBe(ownLines.filter((line) => line <= committedThroughLine).length);
    expect(await householdEvents(ledger)).toEqual(expected);

    // What the stopped run committed and the resumed run did add up to the uninterrupted part.
    const partTwo = uninterrupted[1] as ImportSummary;
    const { summary } = stopped as ImportStoppedError;
    expect(summary.accepted + resumed.accepted).toBe(partTwo.accepted);
    expect([...resumed.earlierRejected, ...resumed.rejected].map((r) => [r.line, r.code])).toEqual(partTwo.rejected.map((r) => [r.line, r.code]));
    expect(mergeImportSummaries([first, resumed]).resumedAfterLine).toBe(0);
  });
});
