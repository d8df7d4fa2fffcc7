import type { EventStore, FeedEvent, RecordedEvent } from '@hearth/event-store';

const readOnly = (): never => {
  throw new Error('a view of the log up to a position is read-only');
};

/** A position-ordered page cut before the first event past `position`. */
const cutAt = <E extends { readonly position: number }>(page: E[], position: number): E[] => {
  const end = page.findIndex((e) => e.position > position);
  return end < 0 ? page : page.slice(0, end);
};

/**
 * The log as it stood at `position`: what a rebuild or a fold "at that position" reads,
 * however many events are appended meanwhile. Reads only. It keeps the store's lean feed
 * (decision 97), stopped at `position`, so that a catch-up over it reads what a catch-up
 * of the store reads. It offers no read stream by stream, on purpose: `verify
 * --read-models` rebuilds its scratch copy over it in position order, the other reading
 * of the log from the one that builds read models of their own from zero (decisions 121
 * and 122), so that the check does not share the code it checks.
 */
export const logUpTo = (store: EventStore, position: number): EventStore => {
  const feed = store.readFeed?.bind(store);
  return {
    appendToStream: readOnly,
    appendBatch: readOnly,
    readStream: async (streamId, opts) => (await store.readStream(streamId, opts)).filter((e) => e.position <= position),
    streamVersion: async (streamId) => (await store.readStream(streamId)).filter((e) => e.position <= position).at(-1)?.streamVersion ?? -1,
    readAll: async (opts) => cutAt<RecordedEvent>(await store.readAll(opts), position),
    ...(feed === undefined ? {} : { readFeed: async (opts) => cutAt<FeedEvent>(await feed(opts), position) }),
    headPosition: async () => Math.min(position, await store.headPosition()),
    subscribeToAll: readOnly,
    close: async () => undefined,
    atomicBatches: store.atomicBatches,
  };
};
