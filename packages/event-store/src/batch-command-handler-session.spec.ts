import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { BatchCommandHandler, type BatchCommandHandlerOptions } from './batch-command-handler';
import { CommandHandler } from './command-handler';
import type { EventStore, StreamAppend, WriteSession } from './event-store';
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
import { testEvents } from './testing/event-factory';

type Options = BatchCommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

/**
 * The batch handler on a store with write sessions (SQLite): each accepted command is
 * written as soon as it is decided, inside one transaction per attempt. The same outcomes
 * as with one appendBatch (batch-command-handler.spec.ts), checked here on a real file
 * with a second connection as the other writer.
 */
describe('BatchCommandHandler in a write session', () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  const calls = { appendBatch: 0, sessions: 0, appends: [] as StreamAppend[] };
  let failAppend: ((a: StreamAppend) => Error | undefined) | undefined;
  let spied: EventStore;

  const handler = (extra: Partial<Options> = {}) =>
    new BatchCommandHandler({ store: spied, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1, ...extra });
  const totals = async (counterId: string): Promise<number[]> =>
    (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);
  const outsideWriter = (decider: Options['decider'] = counterDecider) =>
    new CommandHandler({ store: other, decider, describe: describeCounterCommand, schemaVersion: 1 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-batch-session-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    other = SqliteEventStore.open(join(dir, 'events.db'));
    calls.appendBatch = 0;
    calls.sessions = 0;
    calls.appends = [];
    failAppend = undefined;
    spied = interceptedStore(store, {
      appendBatch: async (appends) => {
        calls.appendBatch += 1;
        return store.appendBatch(appends);
      },
      writeSession: (work) => {
        calls.sessions += 1;
        return store.writeSession((session) =>
          work({
            readStream: (streamId, opts) => session.readStream(streamId, opts),
            append: (a) => {
              calls.appends.push(a);
              const failure = failAppend?.(a);
              if (failure) throw failure;
              return session.append(a);
            },
          } satisfies WriteSession),
        );
      },
    });
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each accepted command as it is decided, in one session, with the positions and chain of one appendBatch', async () => {
    const results = await handler().handleMany([increment('a'), increment('b'), increment('a'), increment('a', undefined, 0), increment('a')], undefined);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'accepted']);
    expect(calls).toMatchObject({ appendBatch: 0, sessions: 1 });
    const stored = await store.readAll();
    expect(results.flatMap((r) => (r.status === 'accepted' ? [[r.lastPosition, r.nextExpectedVersion, r.events[0]?.eventId]] : []))).toEqual(
      stored.map((e) => [e.position, e.streamVersion, e.eventId]),
    );
    expect(await totals('a')).toEqual([1, 2, 3]);
    expect(verifyStream(await store.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('after another connection wrote a cached stream, stores nothing of the stale attempt and decides the batch again', async () => {
    const batch = handler();
    await batch.handleMany([increment('a'), increment('b')], undefined);
    await outsideWriter().handle(increment('a'), undefined);
    const results = await batch.handleMany([increment('b'), increment('a')], undefined);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(calls.sessions).toBe(3);
    expect(await totals('a')).toEqual([1, 2, 3]);
    expect(await totals('b')).toEqual([1, 2]);
    expect(verifyStream(await store.readStream(counterStream('b')))).toEqual({ ok: true });
  });

  it('checks a rejection decided on a cached state in the session, and decides it again when the stream moved on', async () => {
    const gated: Options['decider'] = {
      ...counterDecider,
      decide: (cmd, state, ctx) => (cmd.by > 1 && state.count < 2 ? E.left('NON_POSITIVE_INCREMENT') : counterDecider.decide(cmd, state, ctx)),
    };
    const batch = handler({ decider: gated });
    await batch.handleMany([increment('a')], undefined);
    await outsideWriter(gated).handle(increment('a'), undefined);
    const [result] = await batch.handleMany([increment('a', undefined, 5)], undefined);
    expect(result?.status).toBe('accepted');
    expect(await totals('a')).toEqual([1, 2, 7]);
    expect(calls.appends.filter((a) => a.events.length === 0)).toEqual([{ streamId: counterStream('a'), expectedVersion: 0, events: [] }]);
  });

  it('finds a repeated commandId through the session, including one decided earlier in the same batch', async () => {
    const batch = handler();
    await batch.handleMany([increment('a', 'c1')], undefined);
    const results = await batch.handleMany([increment('a', 'c1'), increment('a', 'c2'), increment('a', 'c2')], undefined);
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'accepted', 'unchanged']);
    expect(await totals('a')).toEqual([1, 2]);
  });

  it('throws, storing nothing of the batch, when alsoAppend has a wrong expected version', async () => {
    const stale = { streamId: 'import-checkpoint', expectedVersion: 3, events: testEvents(1) };
    await expect(handler().handleMany([increment('a'), increment('b')], undefined, { alsoAppend: [stale] })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      streamId: 'import-checkpoint',
    });
    expect(await store.readAll()).toEqual([]);
  });

  it('stores nothing when an append fails part-way, and its cache never runs ahead of the store', async () => {
    const batch = handler();
    await batch.handleMany([increment('a')], undefined);
    failAppend = (a) => (a.streamId === counterStream('b') ? new Error('disk full') : undefined);
    await expect(batch.handleMany([increment('a'), increment('b'), increment('a')], undefined)).rejects.toThrow('disk full');
    failAppend = undefined;
    expect(await totals('a')).toEqual([1]);
    const [result] = await batch.handleMany([increment('a')], undefined);
    expect(result).toMatchObject({ status: 'accepted', nextExpectedVersion: 1 });
    expect(await totals('a')).toEqual([1, 2]);
  });
});
