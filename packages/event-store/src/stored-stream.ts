import type { EventStore, StoredStream } from './event-store';

/** A stream's events, and the text each one is stored as where the store keeps it (StoredStream, its texts optional). */
export type StreamAsStored = Pick<StoredStream, 'events'> & Partial<Pick<StoredStream, 'texts'>>;

/**
 * The stream through the store's `storedText` where it has one (SQLite), so that
 * `checkLinks` hashes the stored bytes themselves; otherwise `readStream` alone (memory,
 * EventStoreDB), and `checkLinks` writes the values out to hash them. The same events and
 * errors either way, and the same answers from `checkLinks` on what the seal wrote.
 */
export const readStreamAsStored = async (store: Pick<EventStore, 'readStream' | 'storedText'>, streamId: string): Promise<StreamAsStored> =>
  store.storedText !== undefined ? store.storedText.readStream(streamId) : { events: await store.readStream(streamId) };
