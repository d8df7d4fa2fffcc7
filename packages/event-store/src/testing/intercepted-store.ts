import type { EventStore } from '../event-store';

/**
 * A store that delegates to `store` except for the methods given, for tests that need
 * to inject a race or a fault at one precise call. The optional `readFeed` is forwarded
 * when `store` has it and absent when it has not, so readers (`readFeed(store, opts)`)
 * take the path they take on `store` itself: a test that injects into the reads of the
 * log overrides `readFeed` on a store that has it, `readAll` on one that has not.
 */
export const interceptedStore = (store: EventStore, overrides: Partial<EventStore>): EventStore => {
  const delegated: EventStore = {
    appendToStream: (streamId, events, expected) => store.appendToStream(streamId, events, expected),
    appendBatch: (appends) => store.appendBatch(appends),
    readStream: (streamId, opts) => store.readStream(streamId, opts),
    streamVersion: (streamId) => store.streamVersion(streamId),
    readAll: (opts) => store.readAll(opts),
    headPosition: () => store.headPosition(),
    subscribeToAll: (opts) => store.subscribeToAll(opts),
    close: () => store.close(),
    atomicBatches: store.atomicBatches,
  };
  const readFeed = store.readFeed;
  if (readFeed !== undefined) delegated.readFeed = (opts) => readFeed.call(store, opts);
  return { ...delegated, ...overrides };
};
