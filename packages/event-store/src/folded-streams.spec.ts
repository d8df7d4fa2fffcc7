import { passThroughCodec } from './event-codec';
import { FoldedStreams } from './folded-streams';
import { InMemoryEventStore } from './in-memory-event-store';
import type { StreamFold } from './stream-fold';
import { counterDecider, type CounterIncremented, type CounterState } from './testing/counter-decider';

const foldAt = (version: number): StreamFold<CounterState> => ({ state: counterDecider.initialState, version, lastHash: `hash-${version}` });

describe('FoldedStreams.remember', () => {
  let store: InMemoryEventStore;
  let streams: FoldedStreams<CounterIncremented, CounterState>;
  beforeEach(() => {
    store = new InMemoryEventStore();
    streams = new FoldedStreams(store, counterDecider, passThroughCodec<CounterIncremented>(), 2);
  });
  afterEach(() => store.close());

  it('keeps a later fold of a cached stream, which then leaves last', () => {
    streams.remember('a', foldAt(0));
    streams.remember('b', foldAt(0));
    streams.remember('a', foldAt(1));
    streams.remember('c', foldAt(0));
    expect([streams.cached('a')?.version, streams.cached('b'), streams.cached('c')?.version]).toEqual([1, undefined, 0]);
  });

  it('keeps the cached fold when offered one no later, and counts the offer as a use of the stream', () => {
    streams.remember('a', foldAt(3));
    streams.remember('b', foldAt(0));
    streams.remember('a', foldAt(2));
    streams.remember('c', foldAt(0));
    expect([streams.cached('a')?.lastHash, streams.cached('b'), streams.cached('c')?.version]).toEqual(['hash-3', undefined, 0]);
  });
});
