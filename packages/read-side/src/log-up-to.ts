import type { EventStore, RecordedEvent } from '@hearth/event-store';

const readOnly = (): never => {
  throw new Error('a view of the log up to a position is read-only');
};

/**
 * The log as it stood at `position`: what a rebuild or a fold "at that position" reads,
 * however many events are appended meanwhile. Reads only.
 */
export const logUpTo = (store: EventStore, position: number): EventStore => ({
  appendToStream: readOnly,
  appendBatch: readOnly,
  readStream: async (streamId, opts) => (await store.readStream(streamId, opts)).filter((e) => e.position <= position),
  streamVersion: async (streamId) => (await store.readStream(streamId)).filter((e) => e.position <= position).at(-1)?.streamVersion ?? -1,
  readAll: async (opts) => {
    const page: RecordedEvent[] = await store.readAll(opts);
    const end = page.findIndex((e) => e.position > position);
    return end < 0 ? page : page.slice(0, end);
  },
  headPosition: async () => Math.min(position, await store.headPosition()),
  subscribeToAll: readOnly,
  close: async () => undefined,
  atomicBatches: store.atomicBatches,
});
