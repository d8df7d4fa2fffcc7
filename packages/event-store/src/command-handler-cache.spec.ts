import fc from 'fast-check';
import { CommandHandler, type CommandHandlerOptions } from './command-handler';
import type { CommandResult } from './command-result';
import type { EventStore } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
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

type CounterOptions = CommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

/** The store as the handler sees it, with every read (stream, fromVersion) and every append attempt recorded. */
const observed = (store: EventStore) => {
  const reads: [string, number | undefined][] = [];
  const appends: [string, unknown][] = [];
  const spy = interceptedStore(store, {
    readStream: (streamId, opts) => {
      reads.push([streamId, opts?.fromVersion]);
      return store.readStream(streamId, opts);
    },
    appendToStream: (streamId, events, expected) => {
      appends.push([streamId, expected]);
      return store.appendToStream(streamId, events, expected);
    },
  });
  return { store: spy, reads, appends };
};

let next = 0;
const handlerFor = (store: EventStore, extra: Partial<CounterOptions> = {}) =>
  new CommandHandler({
    store,
    decider: counterDecider,
    describe: describeCounterCommand,
    newEventId: () => `event-${++next}`,
    now: () => '2016-08-02T09:00:00.000Z',
    schemaVersion: 1,
    ...extra,
  });

const totals = async (store: EventStore, counterId: string): Promise<number[]> =>
  (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);

describe('CommandHandler: the folded-state cache', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  it('reads only the events after the cached version before deciding', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store);
    for (let i = 0; i < 4; i++) await handler.handle(increment('c'), undefined);
    expect(spy.reads).toEqual([0, 1, 2, 3].map((v) => [counterStream('c'), v]));
    expect(spy.appends).toEqual([['counter-c', -1], ['counter-c', 0], ['counter-c', 1], ['counter-c', 2]]);
    expect(await totals(store, 'c')).toEqual([1, 2, 3, 4]);
    expect(handler.cachedStreams).toBe(1);
  });

  it('sees what another handler on the same store appended meanwhile, and decides on it', async () => {
    const spy = observed(store);
    const mine = handlerFor(spy.store);
    const theirs = handlerFor(store);
    await mine.handle(increment('c', 'a'), undefined);
    await mine.handle(increment('c', 'b'), undefined);
    await theirs.handle(increment('c', 'x'), undefined);
    spy.appends.length = 0;
    // The other handler's command again, through the warm one: it is in the store, so unchanged,
    // decided on the caught-up state without even trying an append.
    expect(await mine.handle(increment('c', 'x'), undefined)).toEqual({ status: 'unchanged', streamId: 'counter-c', version: 2 });
    expect(spy.appends).toEqual([]);
    expect(await mine.handle(increment('c', 'd'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 3 });
    expect(spy.appends).toEqual([['counter-c', 2]]);
    expect(spy.reads.slice(-2)).toEqual([
      ['counter-c', 2],
      ['counter-c', 3],
    ]);
    expect(await totals(store, 'c')).toEqual([1, 2, 3, 4]);
  });

  it('after a conflict on a warm stream re-reads only what was written meanwhile, and loses neither write', async () => {
    const spy = observed(store);
    let race = false;
    const racing = interceptedStore(spy.store, {
      appendToStream: async (...args) => {
        if (race) {
          race = false;
          await handlerFor(store).handle(increment('c', 'outside'), undefined);
        }
        return spy.store.appendToStream(...args);
      },
    });
    const handler = handlerFor(racing);
    await handler.handle(increment('c'), undefined);
    await handler.handle(increment('c'), undefined);
    race = true;
    spy.reads.length = 0;
    const result = await handler.handle(increment('c'), undefined);
    expect(result).toMatchObject({ status: 'accepted', nextExpectedVersion: 3 });
    // Folded to version 1, it reads from 2 (nothing); its append conflicts; it reads from 2 again (the outside event).
    expect(spy.reads).toEqual([
      ['counter-c', 2],
      ['counter-c', 2],
    ]);
    expect(spy.appends.slice(-2)).toEqual([
      ['counter-c', 1],
      ['counter-c', 2],
    ]);
    expect(await totals(store, 'c')).toEqual([1, 2, 3, 4]);
    expect(verifyStream(await store.readStream(counterStream('c')))).toEqual({ ok: true });
    // And the cache holds the stream as stored: the next command appends at version 4 without a conflict.
    spy.appends.length = 0;
    expect(await handler.handle(increment('c'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 4 });
    expect(spy.appends).toEqual([['counter-c', 3]]);
  });

  it('reports a repeated commandId as unchanged with a warm cache, and appends it once', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store);
    expect(await handler.handle(increment('c', 'once'), undefined)).toMatchObject({ status: 'accepted' });
    expect(await handler.handle(increment('c', 'once'), undefined)).toEqual({ status: 'unchanged', streamId: 'counter-c', version: 0 });
    expect(await handler.handle(increment('c', 'once'), undefined)).toEqual({ status: 'unchanged', streamId: 'counter-c', version: 0 });
    expect(spy.reads.map(([, from]) => from)).toEqual([0, 1, 1]);
    expect((await store.readAll()).map((e) => e.metadata.commandId)).toEqual(['once']);
  });

  it('keeps at most cacheSize streams, the least recently used leaving first', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store, { cacheSize: 2 });
    for (const id of ['a', 'b', 'a', 'c']) await handler.handle(increment(id), undefined);
    expect(handler.cachedStreams).toBe(2);
    spy.reads.length = 0;
    // a and c are cached; b was evicted and is read whole again.
    for (const id of ['a', 'c', 'b']) await handler.handle(increment(id), undefined);
    expect(spy.reads).toEqual([
      ['counter-a', 2],
      ['counter-c', 1],
      ['counter-b', 0],
    ]);
    expect(await totals(store, 'b')).toEqual([1, 2]);
  });

  it('does not let commands on streams with no event evict those that have some', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store, { cacheSize: 1 });
    await handler.handle(increment('a'), undefined);
    expect(await handler.handle(increment('nobody', undefined, 0), undefined)).toMatchObject({ status: 'rejected' });
    expect(handler.cachedStreams).toBe(1);
    spy.reads.length = 0;
    await handler.handle(increment('a'), undefined);
    expect(spy.reads).toEqual([['counter-a', 1]]);
  });

  it('refuses a cache size that is not a positive integer', () => {
    expect(() => handlerFor(store, { cacheSize: 0 })).toThrow(RangeError);
  });

  it('caches nothing a failed append did not store', async () => {
    let fail = false;
    const flaky = interceptedStore(store, {
      appendToStream: async (...args) => {
        if (fail) throw new Error('disk full');
        return store.appendToStream(...args);
      },
    });
    const handler = handlerFor(flaky);
    await handler.handle(increment('c'), undefined);
    fail = true;
    await expect(handler.handle(increment('c', undefined, 5), undefined)).rejects.toThrow('disk full');
    fail = false;
    expect(await handler.handle(increment('c'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 1 });
    expect(await totals(store, 'c')).toEqual([1, 2]);
  });

  it('N handlers with caches, any interleaving: the same log and answers as a fresh handler per command', async () => {
    const command = fc.record({
      handler: fc.nat(2),
      counter: fc.constantFrom('a', 'b'),
      commandId: fc.option(fc.constantFrom('k1', 'k2', 'k3', 'k4'), { nil: undefined }),
      by: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), fc.integer({ min: 1, max: 3 }), async (cmds, cacheSize) => {
        const cached = new InMemoryEventStore();
        const oracle = new InMemoryEventStore();
        try {
          const handlers = [0, 1, 2].map(() => handlerFor(cached, { cacheSize }));
          const outcome = (r: CommandResult<CounterError>) => (r.status === 'accepted' ? [r.status, r.nextExpectedVersion] : r.status === 'rejected' ? [r.status, r.error] : [r.status]);
          for (const c of cmds) {
            const cmd = increment(c.counter, c.commandId, c.by);
            const got = await (handlers[c.handler] as CommandHandler<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>).handle(cmd, undefined);
            const expected = await handlerFor(oracle).handle(cmd, undefined);
            expect(outcome(got)).toEqual(outcome(expected));
          }
          const log = async (s: EventStore) => (await s.readAll()).map((e) => [e.streamId, e.streamVersion, e.type, e.data, e.metadata.commandId]);
          expect(await log(cached)).toEqual(await log(oracle));
          for (const id of ['a', 'b']) expect(verifyStream(await cached.readStream(counterStream(id)))).toEqual({ ok: true });
        } finally {
          await cached.close();
          await oracle.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
