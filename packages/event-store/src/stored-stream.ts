import type { RecordedEvent } from './envelope';
import type { EventStore, StoredTexts } from './event-store';

/** A stream's events, and the text each one is stored as where the store keeps it. */
export interface StreamAsStored {
  readonly events: RecordedEvent[];
  readonly texts?: StoredTexts;
}

/**
 * The stream through the store's `storedText` where it has one (SQLite), so that
 * `checkLinks` hashes the stored bytes themselves; otherwise `readStream` alone (memory,
 * EventStoreDB), and `checkLinks` writes the values out to hash them. The same events and
 * errors either way, and the same answers from `checkLinks` on what the seal wrote.
 */
export const readStreamAsStored = async (store: Pick<EventStore, 'readStream' | 'storedText'>, streamId: string): Promise<StreamAsStored> =>
  store.storedText !== undefined ? store.storedText.readStream(streamId) : { events: await store.readStream(streamId) };
