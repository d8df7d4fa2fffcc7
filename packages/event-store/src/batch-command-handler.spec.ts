import * as E from 'fp-ts/Either';
import { BatchCommandHandler, type BatchCommandHandlerOptions } from './batch-command-handler';
import type { EventStore, StreamAppend } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import { CommandHandler } from './command-handler';
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
import { testEvents } from './testing/event-factory';
import { interceptedStore } from './testing/intercepted-store';
import { WrongExpectedVersionError } from './wrong-expected-version-error';

type Options = BatchCommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

/** A store that counts the calls the handler makes, and can be told to fail appendBatch. */
const observed = (store: EventStore) => {
  const calls = { readStream: [] as string[], appendBatch: [] as (readonly StreamAppend[])[] };
  let failNext: Error[] = [];
  const wrapped = interceptedStore(store, {
    readStream: (streamId, opts) => {
      calls.readStream.push(streamId);
      return store.readStream(streamId, opts);
    },
    appendBatch: async (appends) => {
      calls.appendBatch.push(appends);
      const failure = failNext.shift();
      if (failure) throw failure;
      return store.appendBatch(appends);
    },
  });
  return { store: wrapped, calls, failWith: (...errors: Error[]) => (failNext = errors) };
};

const totals = async (store: EventStore, counterId: string): Promise<number[]> =>
  (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);

describe('BatchCommandHandler', () => {
  let inner: InMemoryEventStore;
  let spy: ReturnType<typeof observed>;
  const handler = (extra: Partial<Options> = {}) =>
    new BatchCommandHandler({
      store: spy.store,
      decider: counterDecider,
      describe: describeCounterCommand,
      schemaVersion: 1,
      ...extra,
    });

  beforeEach(() => {
    inner = new InMemoryEventStore();
    spy = observed(inner);
  });
  afterEach(() => inner.close());

  it('lets later commands of a batch see earlier ones and writes the batch with one appendBatch', async () => {
    const results = await handler().handleMany(
      [increment('a'), increment('b'), increment('a'), increment('a', undefined, 0), increment('a')],
      undefined,
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'accepted']);
    expect(results.map((r) => (r.status === 'accepted' ? r.nextExpectedVersion : null))).toEqual([0, 0, 1, null, 2]);
    expect(spy.calls.appendBatch).toHaveLength(1);
    expect(await totals(inner, 'a')).toEqual([1, 2, 3]);
    expect(verifyStream(await inner.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('reports accepted events with their final versions and positions', async () => {
    const [first, second] = await handler().handleMany([increment('a'), increment('a')], undefined);
    const stored = await inner.readAll();
    expect(first).toMatchObject({ status: 'accepted', lastPosition: 1, events: [{ eventId: stored[0]?.eventId, streamVersion: 0 }] });
    expect(second).toMatchObject({ status: 'accepted', lastPosition: 2, events: [{ eventId: stored[1]?.eventId, streamVersion: 1 }] });
  });

  it('does not re-read streams it already holds', async () => {
    const batch = handler();
    await batch.handleMany([increment('a'), increment('b')], undefined);
    await batch.handleMany([increment('a'), increment('b'), increment('a')], undefined);
    expect(spy.calls.readStream).toEqual([counterStream('a'), counterStream('b')]);
    expect(await totals(inner, 'a')).toEqual([1, 2, 3]);
  });

  it('keeps at most cacheSize streams and re-reads an evicted one', async () => {
    const batch = handler({ cacheSize: 1 });
    await batch.handleMany([increment('a'), increment('b')], undefined);
    expect(batch.cachedStreams).toBe(1);
    await batch.handleMany([increment('a')], undefined);
    expect(spy.calls.readStream).toEqual([counterStream('a'), counterStream('b'), counterStream('a')]);
    expect(await totals(inner, 'a')).toEqual([1, 2]);
  });

  it('appends nothing and calls no appendBatch when nothing is to be written', async () => {
    const results = await handler().handleMany([increment('a', undefined, -1)], undefined);
    expect(results).toEqual([{ status: 'rejected', streamId: counterStream('a'), error: 'NON_POSITIVE_INCREMENT' }]);
    expect(spy.calls.appendBatch).toEqual([]);
  });

  it('after an outside write drops the stale streams and redoes the whole batch', async () => {
    const batch = handler();
    await batch.handleMany([increment('a'), increment('b')], undefined);
    await new CommandHandler({ store: inner, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }).handle(
      increment('a'),
      undefined,
    );
    const results = await batch.handleMany([increment('b'), increment('a')], undefined);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(spy.calls.appendBatch).toHaveLength(3);
    expect(await totals(inner, 'a')).toEqual([1, 2, 3]);
    expect(await totals(inner, 'b')).toEqual([1, 2]);
  });

  describe('a rejection decided on a cached state', () => {
    /** Like the counter, but an increment above 1 is refused until the count is at least 2: a rule that reads the state. */
    const gated: Options['decider'] = {
      ...counterDecider,
      decide: (cmd, state, ctx) => (cmd.by > 1 && state.count < 2 ? E.left('NON_POSITIVE_INCREMENT') : counterDecider.decide(cmd, state, ctx)),
    };

    it('is checked against the store in the batch, and decided again when another writer moved the stream on', async () => {
      const batch = handler({ decider: gated });
      await batch.handleMany([increment('a')], undefined);
      await new CommandHandler({ store: inner, decider: gated, describe: describeCounterCommand, schemaVersion: 1 }).handle(increment('a'), undefined);
      // On the cached count (1) the command is refused; on the stored one (2) it is accepted.
      const [result] = await batch.handleMany([increment('a', undefined, 5)], undefined);
      expect(result?.status).toBe('accepted');
      expect(await totals(inner, 'a')).toEqual([1, 2, 7]);
      // The first attempt carried a version check of no event at the cached version, which failed.
      expect(spy.calls.appendBatch[1]).toEqual([{ streamId: counterStream('a'), expectedVersion: 0, events: [] }]);
    });

    it('stands when the stream is still where the cache says, with the check in the same batch', async () => {
      const batch = handler({ decider: gated });
      await batch.handleMany([increment('a')], undefined);
      const results = await batch.handleMany([increment('a', undefined, 5), increment('b')], undefined);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
      expect(spy.calls.appendBatch).toHaveLength(2);
      expect(spy.calls.appendBatch[1]?.map((a) => [a.streamId, a.expectedVersion, a.events.length])).toEqual([
        [counterStream('b'), -1, 1],
        [counterStream('a'), 0, 0],
      ]);
    });

    it('is reported as a conflict, not as the rejection, when no attempt is left to decide it again', async () => {
      const batch = handler({ decider: gated, maxRetries: 0 });
      await batch.handleMany([increment('a')], undefined);
      spy.failWith(new WrongExpectedVersionError(counterStream('a'), 0, 1));
      const results = await batch.handleMany([increment('a', undefined, 5)], undefined);
      expect(results).toEqual([{ status: 'conflict', streamId: counterStream('a'), attempts: 1 }]);
    });
  });

  it('reports conflicts per command when the batch never commits, keeping outcomes of untouched streams', async () => {
    const conflict = () => new WrongExpectedVersionError('counter-a', 0, 1);
    spy.failWith(conflict(), conflict(), conflict());
    const results = await handler({ maxRetries: 2 }).handleMany(
      [increment('a'), increment('a', undefined, 0), increment('b', undefined, 0)],
      undefined,
    );
    expect(results).toEqual([
      { status: 'conflict', streamId: counterStream('a'), attempts: 3 },
      { status: 'conflict', streamId: counterStream('a'), attempts: 3 },
      { status: 'rejected', streamId: counterStream('b'), error: 'NON_POSITIVE_INCREMENT' },
    ]);
    expect(await inner.readAll()).toEqual([]);
  });

  it('decideMany reports how each command went, conflicts included, and stores what handleMany stores', async () => {
    const cmds = [increment('a', 'c1'), increment('a', undefined, 0), increment('b'), increment('a', 'c1'), increment('a')];
    const whole = await handler().handleMany(cmds, undefined);
    const other = new InMemoryEventStore();
    const statuses = await new BatchCommandHandler({ store: other, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }).decideMany(cmds, undefined);
    expect(statuses).toEqual([{ status: 'accepted' }, { status: 'rejected', error: 'NON_POSITIVE_INCREMENT' }, { status: 'accepted' }, { status: 'unchanged' }, { status: 'accepted' }]);
    expect(statuses.map((s) => s.status)).toEqual(whole.map((r) => r.status));
    const content = (events: Awaited<ReturnType<EventStore['readAll']>>) => events.map((e) => [e.streamId, e.streamVersion, e.position, e.type, e.data, e.metadata.commandId]);
    expect(content(await other.readAll())).toEqual(content(await inner.readAll()));
    expect(verifyStream(await other.readStream(counterStream('a')))).toEqual({ ok: true });
    await other.close();

    const conflict = () => new WrongExpectedVersionError('counter-a', 0, 1);
    spy.failWith(conflict(), conflict());
    const lost = await handler({ maxRetries: 1 }).decideMany([increment('a'), increment('c', undefined, 0)], undefined);
    expect(lost).toEqual([{ status: 'conflict', attempts: 2 }, { status: 'rejected', error: 'NON_POSITIVE_INCREMENT' }]);
  });

  it('writes alsoAppend in the same appendBatch, even when no command appends anything', async () => {
    const checkpoint = (version: number) => ({
      streamId: 'import-checkpoint',
      expectedVersion: version,
      events: testEvents([{ type: 'ImportProgressed', data: { line: version + 2 } }]),
    });
    const batch = handler();
    await batch.handleMany([increment('a')], undefined, { alsoAppend: [checkpoint(-1)] });
    const results = await batch.handleMany([increment('a', undefined, 0)], undefined, { alsoAppend: [checkpoint(0)] });
    expect(results.map((r) => r.status)).toEqual(['rejected']);
    // The rejection was decided on the cached stream: its version is checked in the same batch.
    expect(spy.calls.appendBatch.map((appends) => appends.map((a) => a.streamId))).toEqual([
      [counterStream('a'), 'import-checkpoint'],
      [counterStream('a'), 'import-checkpoint'],
    ]);
    expect((await inner.readAll()).map((e) => e.streamId)).toEqual([counterStream('a'), 'import-checkpoint', 'import-checkpoint']);
  });

  it('builds alsoAppend from the decisions of the batch when given a function', async () => {
    const seen: unknown[] = [];
    const results = await handler().handleMany([increment('a'), increment('b', undefined, 0), increment('a', 'c1'), increment('a', 'c1')], undefined, {
      alsoAppend: (decided) => {
        seen.push(decided);
        const rejected = decided.flatMap((d, i) => (d.status === 'rejected' ? [{ index: i, error: d.error }] : []));
        return [{ streamId: 'import-checkpoint', expectedVersion: -1, events: testEvents([{ type: 'ImportProgressed', data: { rejected } }]) }];
      },
    });
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'unchanged']);
    expect(seen).toEqual([[{ status: 'accepted' }, { status: 'rejected', error: 'NON_POSITIVE_INCREMENT' }, { status: 'accepted' }, { status: 'unchanged' }]]);
    const [checkpoint] = await inner.readStream('import-checkpoint');
    expect(checkpoint?.data).toEqual({ rejected: [{ index: 1, error: 'NON_POSITIVE_INCREMENT' }] });
  });

  it('throws, storing nothing, when alsoAppend itself has a wrong expected version', async () => {
    const stale = { streamId: 'import-checkpoint', expectedVersion: 3, events: testEvents(1) };
    await expect(handler().handleMany([increment('a')], undefined, { alsoAppend: [stale] })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      streamId: 'import-checkpoint',
    });
    expect(spy.calls.appendBatch).toHaveLength(1);
    expect(await inner.readAll()).toEqual([]);
  });

  it('never lets its cache run ahead of the store when a batch fails', async () => {
    const batch = handler();
    await batch.handleMany([increment('a')], undefined);
    spy.failWith(new Error('disk full'));
    await expect(batch.handleMany([increment('a'), increment('a')], undefined)).rejects.toThrow('disk full');
    const results = await batch.handleMany([increment('a')], undefined);
    expect(results[0]).toMatchObject({ status: 'accepted', nextExpectedVersion: 1 });
    expect(await totals(inner, 'a')).toEqual([1, 2]);
  });
});
