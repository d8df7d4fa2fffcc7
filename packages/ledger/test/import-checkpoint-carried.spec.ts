import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { type AppendLimit, type EventStore, type EventToAppend, WrongExpectedVersionError } from '@hearth/event-store';
import { CheckpointTooLargeError, ImportStoppedError, importCommands, Ledger } from '../src';
import { oneVillage, registerLine } from './support/one-village';
import { writeSessionsWhere } from './support/write-sessions';

/** A household id of 60 characters: its CONCURRENCY_CONFLICT, kept, is about 290 bytes. */
const LONG_ID = `hh-${'l'.repeat(57)}`;

/**
 * KurrentDB's append limit, played on SQLite (whose write sessions the lost races below
 * need): an append counts its events' data and metadata as JSON. An import checkpoint
 * keeping nothing is about 380 bytes here, one keeping a line that is not JSON about 550.
 */
const sizeOf = (e: EventToAppend): number => Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata));
const limitOf = (bytes: number): AppendLimit => ({
  bytes,
  sizeOf,
  check: (streamId, events) => {
    const size = events.reduce((n, e) => n + sizeOf(e), 0);
    return size > bytes ? { streamId, size, limit: bytes, eventId: undefined, eventType: undefined } : undefined;
  },
});

/**
 * The rejections of a batch that lost its races to another writer wrote no checkpoint; the
 * next one keeps them (decision 20). When that checkpoint is over the store's append limit and
 * the batch is cut (decision 152), the carried rejections are lines of their own at the cut's
 * start: each kept once, in the first checkpoints, and a line the limit cannot take is the
 * one the stop names.
 */
describe('rejections carried from a batch that lost its races, in a checkpoint over the append limit', () => {
  let dir: string;
  let file: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-carried-'));
    file = join(dir, 'log.jsonl');
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(oneVillage, '2016-01-01');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store given `limit`; the second batch loses every attempt on `streamId` to another writer. */
  const secondBatchLoses = (limit: number, streamId: string): void => {
    Object.assign(ledger.store, { appendLimit: limitOf(limit) });
    writeSessionsWhere(ledger.store, streamId, (call) => (call >= 2 && call <= 7 ? 'lose' : 'write'));
  };
  const checkpoints = async () =>
    (await ledger.store.readAll()).filter((e) => e.type === 'ImportProgressed').map((e) => {
      const data = e.data as { throughLine: number; rejected: { line: number }[] };
      return [data.throughLine, data.rejected.map((r) => r.line)];
    });

  it('are kept once, in a checkpoint of their own when they and the next line\'s rejection are over the limit, and the import goes on', async () => {
    // Lines 3-4 lose their races (about 480 bytes kept, line 4's ALREADY_REGISTERED with its field: decision 160); line 5's
    // rejection fits a checkpoint alone, and so do they (857 bytes), not all three (1,034).
    writeFileSync(file, [registerLine('h1'), registerLine('h2'), registerLine('h3'), registerLine('h1', '2016-02-01'), 'nope', registerLine('h4')].join('\n'));
    secondBatchLoses(900, 'household-h3');
    const first = await importCommands(ledger, { source: file, batchSize: 2 });
    jest.restoreAllMocks();
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([[3, 'CONCURRENCY_CONFLICT'], [4, 'ALREADY_REGISTERED'], [5, 'INVALID_COMMAND']]);
    expect(first.accepted).toBe(3);
    expect(await checkpoints()).toEqual([[2, []], [4, [3, 4]], [6, [5]]]);
    const again = await importCommands(ledger, { source: file });
    expect(again).toMatchObject({ accepted: 0, skipped: 6, resumedAfterLine: 6 });
    expect(again.earlierRejected.map((r) => [r.line, r.code])).toEqual([[3, 'CONCURRENCY_CONFLICT'], [4, 'ALREADY_REGISTERED'], [5, 'INVALID_COMMAND']]);
  });

  it('a part of a cut batch that loses its races hands its rejections to the next part, cut again as it needs: each kept once', async () => {
    // Five lines that do not parse (about 180 bytes kept each) between five registrations: the batch is cut in three.
    const lines = [1, 2, 3, 4, 5].flatMap((i) => [`nope${i}`, registerLine(`h${i}`)]);
    writeFileSync(file, lines.join('\n'));
    Object.assign(ledger.store, { appendLimit: limitOf(850) });
    // The part holding h3's registration (lines 5-8) loses every attempt to another writer.
    const session = ledger.store.writeSession!.bind(ledger.store);
    let lost = 0;
    jest.spyOn(ledger.store as Required<EventStore>, 'writeSession').mockImplementation(async (work) =>
      session(async (s) => {
        let touched = false;
        const result = await work({ readStream: (id, o) => s.readStream(id, o), append: (a) => ((touched ||= a.streamId === 'household-h3'), s.append(a)) });
        if (touched && lost < 6) {
          lost += 1;
          throw new WrongExpectedVersionError('household-h3', -1, 0);
        }
        return result;
      }),
    );
    const first = await importCommands(ledger, { source: file, batchSize: 100 });
    jest.restoreAllMocks();
    expect(first.rejected.map((r) => [r.line, r.code])).toEqual([
      [1, 'INVALID_COMMAND'], [3, 'INVALID_COMMAND'], [5, 'INVALID_COMMAND'], [6, 'CONCURRENCY_CONFLICT'],
      [7, 'INVALID_COMMAND'], [8, 'CONCURRENCY_CONFLICT'], [9, 'INVALID_COMMAND'],
    ]);
    const kept = (await checkpoints()).flatMap(([, rejected]) => rejected as number[]);
    expect(kept).toEqual([1, 3, 5, 6, 7, 8, 9]);
    expect((await checkpoints()).at(-1)?.[0]).toBe(10);
    const again = await importCommands(ledger, { source: file });
    expect(again.earlierRejected.map((r) => r.line)).toEqual([1, 3, 5, 6, 7, 8, 9]);
  });

  it.each([
    ['a line after it', [registerLine('h1'), registerLine(LONG_ID), 'nope']],
    ['no line after it', [registerLine('h1'), registerLine(LONG_ID)]],
  ])('a carried rejection that alone makes a checkpoint over the limit stops the import naming its own line (%s)', async (_, lines) => {
    writeFileSync(file, lines.join('\n'));
    // A checkpoint keeping "nope" fits (about 550 bytes); one keeping the long id's CONCURRENCY_CONFLICT does not (about 670).
    secondBatchLoses(600, `household-${LONG_ID}`);
    const stopped = await importCommands(ledger, { source: file, batchSize: 1 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(ImportStoppedError);
    const { reason, committedThroughLine, cause } = stopped as ImportStoppedError;
    expect({ reason, committedThroughLine }).toEqual({ reason: 'store-failure', committedThroughLine: 1 });
    expect(cause).toBeInstanceOf(CheckpointTooLargeError);
    expect((cause as CheckpointTooLargeError).line).toBe(2);
    expect((stopped as Error).message).toMatch(/^the import stopped: the import checkpoint that keeps line 2's outcome is \d+ bytes, over the store's append limit of 600 bytes.*then run the same import again: it resumes after line 1 \(lines up to 1 are committed\)$/);
    expect(await checkpoints()).toEqual([[1, []]]);
  });
});
