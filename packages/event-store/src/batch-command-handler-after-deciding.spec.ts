import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { BatchCommandHandler, type BatchCommandHandlerOptions, type BatchWrites } from './batch-command-handler';
import { CommandHandler } from './command-handler';
import type { EventStore, WriteSession } from './event-store';
import { verifyStream } from './hash-chain';
import { SqliteEventStore } from './sqlite-event-store';
import {
  counterDecider,
  counterStream,
  describeCounterCommand,
  increment,
  type CounterError,
  type CounterIncremented,
  type CounterState,
  type IncrementCounter,
} from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';

type Options = BatchCommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

/** Event ids 1, 2, 3… as UUIDs: two stores given the same commands store the same bytes. */
const countedIds = () => {
  let n = 0;
  return () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
};
const NOW = () => '2016-08-01T09:00:00.000Z';

/**
 * The store, observed: its write sessions and appendBatch calls, and every stream read,
 * told apart by whether a write session was open when it was made. `beforeSession` runs
 * before each session begins (the n-th, from 1): another writer's turn.
 */
const observed = (store: SqliteEventStore, beforeSession?: (n: number) => Promise<void>) => {
  const calls = { sessions: 0, appendBatch: 0, readsInSession: [] as string[], readsOutside: [] as string[] };
  let open = false;
  const wrapped = interceptedStore(store, {
    readStream: (streamId, opts) => {
      (open ? calls.readsInSession : calls.readsOutside).push(streamId);
      return store.readStream(streamId, opts);
    },
    appendBatch: (appends) => {
      calls.appendBatch += 1;
      return store.appendBatch(appends);
    },
    writeSession: async (work) => {
      calls.sessions += 1;
      await beforeSession?.(calls.sessions);
      return store.writeSession(async (session) => {
        open = true;
        try {
          return await work({
            readStream: (streamId, opts) => (calls.readsInSession.push(streamId), session.readStream(streamId, opts)),
            append: (a) => session.append(a),
          } satisfies WriteSession);
        } finally {
          open = false;
        }
      });
    },
  });
  return { store: wrapped, calls };
};

/** Batches that meet every outcome: accepted, rejected (on a fresh and on a cached stream), unchanged repeats within and across batches. */
const BATCHES: IncrementCounter[][] = [
  [increment('a'), increment('b'), increment('a'), increment('a', undefined, 0), increment('a', 'c1')],
  [increment('a', 'c1'), increment('b', undefined, 4), increment('c', undefined, 0), increment('b', 'c2'), increment('b', 'c2')],
  [increment('a', undefined, 0), increment('c', undefined, 2), increment('d')],
];

describe("BatchCommandHandler with writes: 'after-deciding'", () => {
  let dir: string;
  const stores: SqliteEventStore[] = [];
  const openStore = (name: string): SqliteEventStore => {
    const store = SqliteEventStore.open(join(dir, name));
    stores.push(store);
    return store;
  };
  const handler = (store: EventStore, writes: BatchWrites, extra: Partial<Options> = {}) =>
    new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1, newEventId: countedIds(), now: NOW, writes, ...extra });
  const totals = async (store: EventStore, counterId: string): Promise<number[]> =>
    (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-after-deciding-'));
  });
  afterEach(async () => {
    while (stores.length > 0) await stores.pop()?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same results and stores the same events as 'as-decided'", async () => {
    const run = async (writes: BatchWrites) => {
      const store = openStore(`${writes}.db`);
      const batch = handler(store, writes);
      const results = [];
      for (const cmds of BATCHES) results.push(await batch.handleMany(cmds, undefined));
      return { results, stored: await store.readAll() };
    };
    const asDecided = await run('as-decided');
    const afterDeciding = await run('after-deciding');
    expect(afterDeciding.results.flat().map((r) => r.status)).toEqual([
      'accepted', 'accepted', 'accepted', 'rejected', 'accepted',
      'unchanged', 'accepted', 'rejected', 'accepted', 'unchanged',
      'rejected', 'accepted', 'accepted',
    ]);
    expect(afterDeciding.results).toEqual(asDecided.results);
    expect(afterDeciding.stored).toEqual(asDecided.stored);
    expect(verifyStream(afterDeciding.stored.filter((e) => e.streamId === counterStream('a')))).toEqual({ ok: true });
  });

  it('reads no stream while a write session is open, and writes each batch in exactly one session', async () => {
    const read = async (writes: BatchWrites) => {
      const spy = observed(openStore(`${writes}.db`));
      const batch = handler(spy.store, writes);
      const sessionsPerBatch: number[] = [];
      for (const cmds of BATCHES) {
        const before = spy.calls.sessions;
        await batch.handleMany(cmds, undefined);
        sessionsPerBatch.push(spy.calls.sessions - before);
      }
      return { ...spy.calls, sessionsPerBatch };
    };
    // What 'after-deciding' changes: 'as-decided' reads the batch's new streams inside its session.
    const asDecided = await read('as-decided');
    expect(asDecided.readsInSession).toEqual(expect.arrayContaining([counterStream('a'), counterStream('b'), counterStream('c'), counterStream('d')]));
    const afterDeciding = await read('after-deciding');
    expect(afterDeciding.readsInSession).toEqual([]);
    expect(afterDeciding.readsOutside).toEqual(expect.arrayContaining([counterStream('a'), counterStream('b'), counterStream('c'), counterStream('d')]));
    expect(afterDeciding.sessionsPerBatch).toEqual([1, 1, 1]);
    expect(afterDeciding.appendBatch).toBe(0);
  });

  it("decides the batch again when another writer appends to one of its streams between the decisions and the write: the other writer's event is kept and followed", async () => {
    const store = openStore('events.db');
    const other = openStore('events.db');
    const outside = new CommandHandler({ store: other, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
    const spy = observed(store, async (n) => {
      if (n === 1) expect(await outside.handle(increment('a', undefined, 10), undefined)).toMatchObject({ status: 'accepted' });
    });
    const results = await handler(spy.store, 'after-deciding').handleMany([increment('a'), increment('b')], undefined);
    expect(results).toMatchObject([
      { status: 'accepted', streamId: counterStream('a'), nextExpectedVersion: 1 },
      { status: 'accepted', streamId: counterStream('b'), nextExpectedVersion: 0 },
    ]);
    expect(await totals(store, 'a')).toEqual([10, 11]);
    expect(await totals(store, 'b')).toEqual([1]);
    expect(spy.calls.sessions).toBe(2);
    expect(spy.calls.readsInSession).toEqual([]);
    expect(verifyStream(await store.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('checks at the write a rejection decided on a cached state, and decides it again when another writer moved the stream on', async () => {
    const gated: Options['decider'] = {
      ...counterDecider,
      decide: (cmd, state, ctx) => (cmd.by > 1 && state.count < 2 ? E.left('NON_POSITIVE_INCREMENT') : counterDecider.decide(cmd, state, ctx)),
    };
    const store = openStore('events.db');
    const other = openStore('events.db');
    const spy = observed(store);
    const batch = handler(spy.store, 'after-deciding', { decider: gated });
    await batch.handleMany([increment('a')], undefined);
    await new CommandHandler({ store: other, decider: gated, describe: describeCounterCommand, schemaVersion: 1 }).handle(increment('a'), undefined);
    const [result] = await batch.handleMany([increment('a', undefined, 5)], undefined);
    expect(result).toMatchObject({ status: 'accepted', nextExpectedVersion: 2 });
    expect(await totals(store, 'a')).toEqual([1, 2, 7]);
    expect(spy.calls.readsInSession).toEqual([]);
  });

  it('on a store without write sessions, writes each batch with one appendBatch', async () => {
    const spy = observed(openStore('events.db'));
    const sessionless = interceptedStore(spy.store, { writeSession: undefined });
    expect(sessionless.writeSession).toBeUndefined();
    const batch = handler(sessionless, 'after-deciding');
    for (const cmds of BATCHES) await batch.handleMany(cmds, undefined);
    expect(spy.calls).toMatchObject({ appendBatch: 3, sessions: 0 });
    expect(await totals(spy.store, 'a')).toEqual([1, 2, 3]);
    expect(await totals(spy.store, 'b')).toEqual([1, 5, 6]);
    expect(await totals(spy.store, 'c')).toEqual([2]);
  });
});
