import { BatchCommandHandler } from './batch-command-handler';
import type { EventStore } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import { CommandHandler } from './command-handler';
import type { StateCodec } from './state-codec';
import { counterDecider, counterStream, describeCounterCommand, increment, type CounterIncremented, type CounterState } from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';

/** The counter's state as JSON bytes, counting decodes. */
const jsonCodec = () => {
  const calls = { decode: 0 };
  const codec: StateCodec<CounterState> = {
    encode: (s) => new TextEncoder().encode(JSON.stringify(s)),
    decode: (b) => {
      calls.decode += 1;
      return JSON.parse(new TextDecoder().decode(b)) as CounterState;
    },
  };
  return { codec, calls };
};

const totals = async (store: EventStore, counterId: string): Promise<number[]> =>
  (await store.readStream(counterStream(counterId))).map((e) => (e.data as CounterIncremented['data']).total);

describe('BatchCommandHandler with an encoded tier', () => {
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

  const handler = (codec: StateCodec<CounterState>, budgetBytes = 1 << 20) =>
    new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1, cacheSize: 1, encodedCache: { codec, budgetBytes } });

  it('decodes a stream the first tier let go instead of reading it again, and decides as from the store', async () => {
    const { codec, calls } = jsonCodec();
    const batch = handler(codec);
    await batch.handleMany([increment('a', 'c1'), increment('b')], undefined);
    expect(batch.cachedStreams).toBe(1);
    expect(batch.encodedStreams.folds).toBe(1);
    const results = await batch.handleMany([increment('a', 'c1'), increment('a', undefined, 2), increment('b')], undefined);
    // c1 again: unchanged, known from the decoded state's command ids.
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'accepted', 'accepted']);
    expect(reads).toEqual([counterStream('a'), counterStream('b')]);
    // a decoded once for the whole batch; b still in the first tier.
    expect(calls.decode).toBe(1);
    expect(await totals(inner, 'a')).toEqual([1, 3]);
    expect(await totals(inner, 'b')).toEqual([1, 2]);
    expect(verifyStream(await inner.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('past its budget reads and folds the stream again, as with no second tier', async () => {
    const { codec, calls } = jsonCodec();
    const batch = handler(codec, 1);
    await batch.handleMany([increment('a'), increment('b')], undefined);
    await batch.handleMany([increment('a')], undefined);
    expect(calls.decode).toBe(0);
    expect(reads).toEqual([counterStream('a'), counterStream('b'), counterStream('a')]);
    expect(await totals(inner, 'a')).toEqual([1, 2]);
  });

  it('loses no write of another writer to a stream it holds encoded: the batch conflicts and is decided again from the store', async () => {
    const { codec } = jsonCodec();
    const batch = handler(codec);
    await batch.handleMany([increment('a'), increment('b')], undefined);
    expect(batch.encodedStreams.folds).toBe(1);
    await new CommandHandler({ store: inner, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }).handle(increment('a', 'other'), undefined);
    const results = await batch.handleMany([increment('a', 'other'), increment('a', undefined, 5)], undefined);
    // On the encoded state (count 1, no "other") the first command would append; on the store's it changes nothing.
    expect(results.map((r) => r.status)).toEqual(['unchanged', 'accepted']);
    expect(await totals(inner, 'a')).toEqual([1, 2, 7]);
    expect(verifyStream(await inner.readStream(counterStream('a')))).toEqual({ ok: true });
  });

  it('checks a rejection decided on an encoded state against the store in the same batch', async () => {
    const { codec } = jsonCodec();
    const batch = handler(codec);
    await batch.handleMany([increment('a'), increment('b')], undefined);
    await new CommandHandler({ store: inner, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }).handle(increment('a', 'x'), undefined);
    // Rejected on either state, but the stream moved on: the check conflicts, the batch is decided again, and the rejection stands.
    const results = await batch.handleMany([increment('a', undefined, 0), increment('b')], undefined);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect(await totals(inner, 'a')).toEqual([1, 2]);
    expect(await totals(inner, 'b')).toEqual([1, 2]);
  });
});
