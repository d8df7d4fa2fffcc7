import fc from 'fast-check';
import { CommandHandler } from './command-handler';
import type { CommandHandlerOptions } from './folding-command-handler';
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
import { propertyRuns } from '@hearth/domain/testing';

type CounterOptions = CommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

/** The store as the handler sees it, with every read (stream, fromVersion), version check and append attempt recorded. */
const observed = (store: EventStore) => {
  const reads: [string, number | undefined][] = [];
  const versionChecks: string[] = [];
  const appends: [string, unknown][] = [];
  const spy = interceptedStore(store, {
    readStream: (streamId, opts) => {
      reads.push([streamId, opts?.fromVersion]);
      return store.readStream(streamId, opts);
    },
    streamVersion: (streamId) => {
      versionChecks.push(streamId);
      return store.streamVersion(streamId);
    },
    appendToStream: (streamId, events, expected) => {
      appends.push([streamId, expected]);
      return store.appendToStream(streamId, events, expected);
    },
  });
  return { store: spy, reads, versionChecks, appends };
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

  it('decides a warm stream on its cached fold without reading it: the append at the cached version checks it', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store);
    for (let i = 0; i < 4; i++) await handler.handle(increment('c'), undefined);
    // Read once, cold; each later command appends at the version it folded to.
    expect(spy.reads).toEqual([[counterStream('c'), 0]]);
    expect(spy.versionChecks).toEqual([]);
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
    spy.reads.length = 0;
    // The other handler's command again, through the warm one: decided on the cached fold (version 1)
    // it would append, so the append at version 1 conflicts; caught up (the event at 2 read), the
    // command is in the store: unchanged, at the store's version.
    expect(await mine.handle(increment('c', 'x'), undefined)).toEqual({ status: 'unchanged', streamId: 'counter-c', version: 2 });
    expect(spy.appends).toEqual([['counter-c', 1]]);
    expect(spy.reads).toEqual([['counter-c', 2]]);
    expect(await mine.handle(increment('c', 'd'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 3 });
    expect(spy.appends).toEqual([
      ['counter-c', 1],
      ['counter-c', 2],
    ]);
    expect(spy.reads).toEqual([['counter-c', 2]]);
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
    // Folded to version 1, it decides without a read; its append conflicts; it reads from 2 (the outside event).
    expect(spy.reads).toEqual([['counter-c', 2]]);
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
    // Read once, cold; each repeat, answered from the cached fold, is checked by one version read.
    expect(spy.reads.map(([, from]) => from)).toEqual([0]);
    expect(spy.versionChecks).toEqual(['counter-c', 'counter-c']);
    expect((await store.readAll()).map((e) => e.metadata.commandId)).toEqual(['once']);
  });

  it('answers "unchanged" or a rejection from a cached fold only once the store says it is current', async () => {
    const spy = observed(store);
    const mine = handlerFor(spy.store);
    await mine.handle(increment('c', 'once'), undefined);
    await handlerFor(store).handle(increment('c', 'elsewhere'), undefined);
    spy.reads.length = 0;
    // Cached at version 0, the store at 1: the repeat is answered at the store's version, after reading the event at 1.
    expect(await mine.handle(increment('c', 'once'), undefined)).toEqual({ status: 'unchanged', streamId: 'counter-c', version: 1 });
    expect(spy.reads).toEqual([['counter-c', 1]]);
    await handlerFor(store).handle(increment('c', 'again'), undefined);
    spy.reads.length = 0;
    expect(await mine.handle(increment('c', undefined, 0), undefined)).toEqual({ status: 'rejected', streamId: 'counter-c', error: 'NON_POSITIVE_INCREMENT' });
    expect(spy.reads).toEqual([['counter-c', 2]]);
    // Both answers left the cache caught up: the next command appends at version 2 without a conflict.
    spy.appends.length = 0;
    expect(await mine.handle(increment('c'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 3 });
    expect(spy.appends).toEqual([['counter-c', 2]]);
    expect(await totals(store, 'c')).toEqual([1, 2, 3, 4]);
  });

  it('does not count a decision on a cached fold found behind as an attempt: with no retry allowed, it is still decided again', async () => {
    const handler = handlerFor(store, { maxRetries: 0 });
    await handler.handle(increment('c'), undefined);
    await handlerFor(store).handle(increment('c'), undefined);
    expect(await handler.handle(increment('c'), undefined)).toMatchObject({ status: 'accepted', nextExpectedVersion: 2 });
    expect(await totals(store, 'c')).toEqual([1, 2, 3]);
  });

  it('keeps at most cacheSize streams, the least recently used leaving first', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store, { cacheSize: 2 });
    for (const id of ['a', 'b', 'a', 'c']) await handler.handle(increment(id), undefined);
    expect(handler.cachedStreams).toBe(2);
    spy.reads.length = 0;
    // a and c are cached (decided without a read); b was evicted and is read whole again.
    for (const id of ['a', 'c', 'b']) await handler.handle(increment(id), undefined);
    expect(spy.reads).toEqual([['counter-b', 0]]);
    expect(await totals(store, 'b')).toEqual([1, 2]);
  });

  it('does not let commands on streams with no event evict those that have some', async () => {
    const spy = observed(store);
    const handler = handlerFor(spy.store, { cacheSize: 1 });
    await handler.handle(increment('a'), undefined);
    expect(await handler.handle(increment('nobody', undefined, 0), undefined)).toMatchObject({ status: 'rejected' });
    expect(handler.cachedStreams).toBe(1);
    spy.reads.length = 0;
    spy.appends.length = 0;
    await handler.handle(increment('a'), undefined);
    // Still cached: decided without a read, appended at the cached version.
    expect(spy.reads).toEqual([]);
    expect(spy.appends).toEqual([['counter-a', 0]]);
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
      propertyRuns(100, process.env),
    );
  });
});
