import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { versionChecks, type Outcome, type Overlaid } from './batch-attempt';
import { BatchCommandHandler, type BatchCommandHandlerOptions, type BatchWrites } from './batch-command-handler';
import { CommandHandler } from './command-handler';
import { GENESIS_HASH } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import type { EventStore } from './event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { counterDecider, counterStream, describeCounterCommand, increment, type CounterIncremented, type CounterState } from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';

type Seen = Overlaid<CounterIncremented, CounterState>;
const seenAt = (version: number, cached: boolean): Seen => ({ fold: { state: { count: version + 1, commandIds: [] }, version, lastHash: GENESIS_HASH }, pending: [], cached });
const rejected = (streamId: string): Outcome<string> => ({ kind: 'final', result: { status: 'rejected', streamId, error: 'NO' } });
const unchanged = (streamId: string, version: number): Outcome<string> => ({ kind: 'final', result: { status: 'unchanged', streamId, version } });
const pending = (streamId: string): Outcome<string> => ({ kind: 'pending', streamId, append: undefined, events: undefined, firstVersion: 0, lastPosition: 0 });

describe('versionChecks: the outcomes of an attempt the write must check before they stand', () => {
  const overlay = new Map<string, Seen>([
    ['cached', seenAt(4, true)],
    ['fresh', seenAt(2, false)],
    ['written', seenAt(7, true)],
  ]);
  const outcomes = [rejected('fresh'), unchanged('cached', 4), rejected('cached'), pending('written'), rejected('written'), rejected('fresh')];

  it('checks a stream decided on a cached fold, once, at the version decided on; not one the transaction read itself', () => {
    expect(versionChecks(outcomes, overlay, new Set(['written']), false)).toEqual([{ streamId: 'cached', expectedVersion: 4, events: [] }]);
  });

  it('checks every stream with only final outcomes when the attempt read the store outside the write transaction, in the order of their first outcome', () => {
    expect(versionChecks(outcomes, overlay, new Set(['written']), true)).toEqual([
      { streamId: 'fresh', expectedVersion: 2, events: [] },
      { streamId: 'cached', expectedVersion: 4, events: [] },
    ]);
  });

  it('never checks a stream the batch writes: its append checks the same version', () => {
    const all = versionChecks([rejected('written'), pending('written')], overlay, new Set(['written']), true);
    expect(all).toEqual([]);
  });
});

describe('a rejection decided on a stream read outside any transaction, on a store without write sessions', () => {
  type Options = BatchCommandHandlerOptions<ReturnType<typeof increment>, CounterIncremented, CounterState, unknown, 'NON_POSITIVE_INCREMENT'>;
  // Rejects an increment by more than 1 until the counter reaches 2: whether it is rejected depends on the state it is decided on.
  const gated: Options['decider'] = {
    ...counterDecider,
    decide: (cmd, state, ctx) => (cmd.by > 1 && state.count < 2 ? E.left('NON_POSITIVE_INCREMENT') : counterDecider.decide(cmd, state, ctx)),
  };
  let dir: string;
  const opened: EventStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-batch-attempt-'));
  });
  afterEach(async () => {
    while (opened.length > 0) await opened.pop()?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Counter `a` at 1; the batch reads it fresh, outside any transaction, and another writer
   * moves it to 2 right after that read; the batch asks to add 5 (refused below 2).
   */
  const rejectionAfterARace = async (base: EventStore, other: EventStore, writes: BatchWrites) => {
    const outside = new CommandHandler({ store: other, decider: gated, describe: describeCounterCommand, schemaVersion: 1 });
    await outside.handle(increment('a'), undefined);
    let raced = false;
    const store = interceptedStore(base, {
      writeSession: undefined,
      readStream: async (streamId, opts) => {
        const events = await base.readStream(streamId, opts);
        if (!raced) {
          raced = true;
          await outside.handle(increment('a'), undefined);
        }
        return events;
      },
    });
    const batch = new BatchCommandHandler({ store, decider: gated, describe: describeCounterCommand, schemaVersion: 1, writes });
    const results = await batch.handleMany([increment('a', undefined, 5), increment('b')], undefined);
    const totals = (await base.readStream(counterStream('a'))).map((e) => (e.data as CounterIncremented['data']).total);
    return { raced, results, totals };
  };

  const sqlite = (): [EventStore, EventStore] => {
    const path = join(dir, 'events.db');
    const pair: [EventStore, EventStore] = [SqliteEventStore.open(path), SqliteEventStore.open(path)];
    opened.push(...pair);
    return pair;
  };
  const inMemory = (): [EventStore, EventStore] => {
    const store = new InMemoryEventStore();
    opened.push(store);
    return [store, store];
  };
  const STORES: [string, () => [EventStore, EventStore]][] = [
    ['SQLite without its sessions', sqlite],
    ['the in-memory store', inMemory],
  ];

  it.each(STORES)("with 'after-deciding' is checked at the write, and decided again when another writer moved the stream on (%s)", async (_name, stores) => {
    const { raced, results, totals } = await rejectionAfterARace(...stores(), 'after-deciding');
    expect(raced).toBe(true);
    expect(results).toMatchObject([{ status: 'accepted', streamId: counterStream('a'), nextExpectedVersion: 2 }, { status: 'accepted' }]);
    expect(totals).toEqual([1, 2, 7]);
  });

  it.each(STORES)("with 'as-decided' stands as of its read, as a single command's rejection does (%s)", async (_name, stores) => {
    const { raced, results, totals } = await rejectionAfterARace(...stores(), 'as-decided');
    expect(raced).toBe(true);
    expect(results).toMatchObject([{ status: 'rejected', streamId: counterStream('a'), error: 'NON_POSITIVE_INCREMENT' }, { status: 'accepted' }]);
    expect(totals).toEqual([1, 2]);
  });
});
