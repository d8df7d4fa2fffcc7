import { SqliteEventStore, type EventToAppend } from '@hearth/event-store';
import { sampleHouseholds } from '../history-bench';

/** Events appended one at a time on each side (whole households, the first ones of the imported store). */
export const PEER_EVENTS = 1000;
/** Times each side reads every stream per timed run: a single pass over ~35 streams lasts only tens of ms. */
export const PEER_READ_PASSES = 20;

/** Households as the import stored them: each event as it was appended (id, type, data, sealed metadata). */
export interface PeerWorkload {
  readonly streams: readonly { readonly streamId: string; readonly events: readonly EventToAppend[] }[];
  readonly events: number;
}

/** Whole household streams from the imported store, in import order, until at least `minEvents` events. */
export const peerWorkload = async (storePath: string, minEvents: number): Promise<PeerWorkload> => {
  const store = SqliteEventStore.open(storePath, { pollIntervalMs: 60_000 });
  try {
    const streams: { streamId: string; events: EventToAppend[] }[] = [];
    let events = 0;
    for (const streamId of sampleHouseholds(storePath, Number.MAX_SAFE_INTEGER)) {
      if (events >= minEvents) break;
      const recorded = await store.readStream(streamId);
      streams.push({ streamId, events: recorded.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })) });
      events += recorded.length;
    }
    if (streams.length === 0) throw new Error('peer: the store has no household stream');
    return { streams, events };
  } finally {
    await store.close();
  }
};
