import { BatchCommandHandler } from './batch-command-handler';
import type { EventStore } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import { CommandHandler } from './command-handler';
import { counterDecider, counterStream, describeCounterCommand, increment, type CounterIncremented } from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';

const totals = async (store: EventStore, counterId: string): Promise<number[]> =>
  (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);

describe('BatchCommandHandler whose cache may grow (maxCacheSize)', () => {
  let inner: InMemoryEventStore;
  let reads: string[];
  let store: EventStore;

  beforeEach(() => {
    inner = new InMemoryEventStore();
    reads = [];
    store = interceptedStore(inner, {
      readStream: (streamId, opts) => {
        reads.push(streamId);
        return inner.readStream(streamId, opts);
      },
    });
  });
  afterEach(() => inner.close());

  const handler = (cacheSize: number, maxCacheSize: number) =>
    new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1, cacheSize, maxCacheSize });

  it('stays at cacheSize for a log that never comes back to a stream (household order)', async () => {
    const batch = handler(1, 10);
    for (const id of ['a', 'b', 'c', 'd']) await batch.handleMany([increment(id), increment(id)], undefined);
    expect(batch.cacheCapacity).toBe(1);
    expect(batch.cachedStreams).toBe(1);
  });

  it('grows by one for each evicted stream asked for again, up to maxCacheSize, and then reads nothing again', async () => {
    const batch = handler(1, 4);
    const round = async () => {
      for (const id of ['a', 'b', 'c', 'd']) await batch.handleMany([increment(id)], undefined);
    };
    await round();
    expect(batch.cacheCapacity).toBe(1);
    await round();
    // a, b and c came back evicted and grew the cache to its maximum; d was still there.
    expect(batch.cacheCapacity).toBe(4);
    reads = [];
    await round();
    expect(reads).toEqual([]);
    expect(batch.cachedStreams).toBe(4);
    for (const id of ['a', 'b', 'c', 'd']) expect(await totals(inner, id)).toEqual([1, 2, 3]);
  });

  it('decides on what another writer appended to a stream it keeps, whatever its size: the batch conflicts and is decided again', async () => {
    const batch = handler(1, 4);
    for (let i = 0; i < 2; i++) for (const id of ['a', 'b']) await batch.handleMany([increment(id)], undefined);
    expect(batch.cacheCapacity).toBe(2);
    await new CommandHandler({ store: inner, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }).handle(increment('a', 'other'), undefined);
    const results = await batch.handleMany([increment('a', 'other'), increment('a', undefined, 5)], undefined);
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'accepted']);
    expect(await totals(inner, 'a')).toEqual([1, 2, 3, 8]);
  });

  it('at its maximum, lets few streams in, so a log cycling through more streams than it holds still hits most of it', async () => {
    const cycle = async (batch: ReturnType<typeof handler>, rounds: number) => {
      for (let r = 0; r < rounds; r++) for (const id of ['a', 'b', 'c', 'd']) await batch.handleMany([increment(id)], undefined);
    };
    const growing = handler(1, 3);
    const fixed = handler(3, 3);
    await cycle(growing, 10);
    await cycle(fixed, 10);
    expect(growing.cacheCapacity).toBe(3);
    reads = [];
    await cycle(fixed, 10);
    // Least recently used alone: four streams through three places, every one evicted before it comes back.
    expect(reads).toHaveLength(40);
    reads = [];
    await cycle(growing, 10);
    expect(reads.length).toBeLessThanOrEqual(15);
    for (const id of ['a', 'b', 'c', 'd']) expect(await totals(inner, id)).toHaveLength(40);
    expect(verifyStream(await inner.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('refuses a maxCacheSize below cacheSize', () => {
    expect(() => handler(5, 4)).toThrow(RangeError);
  });
});
