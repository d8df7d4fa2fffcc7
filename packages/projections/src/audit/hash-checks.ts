import { eventHash, GENESIS_HASH, RecordedEvent } from '@hearth/event-store';

export interface HashCheck {
  readonly ok: boolean;
  /** Why not, when not ok. */
  readonly detail?: string;
}

/**
 * Checks every event of one stream (in version order) against the chain: its prevHash
 * must be the stored hash of the event before, and its hash must be recomputable from
 * its content. Unlike stopping at the first break, this names exactly the events that
 * were altered: the one after an edited event still links to its stored hash.
 */
export const hashChecks = (events: readonly RecordedEvent[]): HashCheck[] => {
  let previous = GENESIS_HASH;
  return events.map((e) => {
    const expected = eventHash(e.metadata.prevHash, { type: e.type, data: e.data, occurredOn: e.metadata.occurredOn, actor: e.metadata.actor });
    const linked = e.metadata.prevHash === previous;
    previous = e.metadata.hash;
    if (!linked) return { ok: false, detail: `prevHash does not match the hash of the event before (an event was removed, inserted or reordered)` };
    if (expected !== e.metadata.hash) return { ok: false, detail: `hash does not match the event's content (stored ${e.metadata.hash.slice(0, 12)}…, recomputed ${expected.slice(0, 12)}…)` };
    return { ok: true };
  });
};
