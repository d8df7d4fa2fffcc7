import type { EventStore } from '../event-store';

/**
 * A store that delegates to `store` except for the methods given, for tests that need
 * to inject a race or a fault at one precise call.
 */
export const interceptedStore = (store: EventStore, overrides: Partial<EventStore>): EventStore => ({
  appendToStream: (streamId, events, expected) => store.appendToStream(streamId, events, expected),
  appendBatch: (appends) => store.appendBatch(appends),
  readStream: (streamId, opts) => store.readStream(streamId, opts),
  streamVersion: (streamId) => store.streamVersion(streamId),
  readAll: (opts) => store.readAll(opts),
  headPosition: () => store.headPosition(),
  subscribeToAll: (opts) => store.subscribeToAll(opts),
  close: () => store.close(),
  atomicBatches: store.atomicBatches,
  ...overrides,
});
