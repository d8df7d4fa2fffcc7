import { correctedEvent, correctionsIn, EventMeta, HouseholdEvent, householdIdOf } from '@hearth/domain';
import { householdEventCodec, type EventStore, type RecordedEvent } from '@hearth/event-store';
import type { CorrectedEvent, ProjectedEvent } from '../projected-event';

/** An event of the log, ready for the synchronous write: `projected` is absent for non-household streams. */
export interface PreparedEvent {
  readonly position: number;
  readonly projected?: ProjectedEvent;
}

/**
 * Stored events are decoded once, here, at the edge (style.md: "edges decode, the middle
 * trusts"), by the store's household codec. An event that does not decode throws a
 * DamagedEventError naming its position: the batch is not applied and the checkpoint
 * stays before it, so no figure is ever computed without it (docs/decisions/0013).
 */
export const decodeHouseholdEvent = (recorded: RecordedEvent): HouseholdEvent => householdEventCodec.decode(recorded);

const metaOf = (r: RecordedEvent): EventMeta => ({ eventId: r.eventId, occurredOn: r.metadata.occurredOn });

/**
 * The event an `EventCorrected` amends, with every correction recorded in the stream up
 * to and including this one: read from the store now, so that the write that follows
 * needs no I/O.
 */
const resolveCorrection = async (store: EventStore, correction: RecordedEvent, targetId: string): Promise<CorrectedEvent | undefined> => {
  const prefix = await store.readStream(correction.streamId, { maxCount: correction.streamVersion + 1 });
  const facts = prefix.map((r) => ({ record: r, event: decodeHouseholdEvent(r) }));
  const target = facts.find((f) => f.record.eventId === targetId);
  if (!target) return undefined;
  const corrections = correctionsIn(facts.map((f) => ({ event: f.event, meta: metaOf(f.record) })));
  return {
    eventId: target.record.eventId,
    position: target.record.position,
    occurredOn: target.record.metadata.occurredOn,
    event: correctedEvent({ event: target.event, meta: metaOf(target.record) }, corrections),
  };
};

export const prepareEvents = async (store: EventStore, page: readonly RecordedEvent[]): Promise<PreparedEvent[]> => {
  const out: PreparedEvent[] = [];
  for (const recorded of page) {
    const householdId = householdIdOf(recorded.streamId);
    if (householdId === undefined) {
      out.push({ position: recorded.position });
      continue;
    }
    const event = decodeHouseholdEvent(recorded);
    const corrected = event.type === 'EventCorrected' ? await resolveCorrection(store, recorded, event.data.eventId) : undefined;
    const { eventId, position } = recorded;
    const occurredOn = recorded.metadata.occurredOn;
    // Two literals rather than a spread of `{ corrected }` or `{}`: an event of a catch-up allocates no object it drops at once.
    const projected: ProjectedEvent = corrected
      ? { householdId, eventId, position, occurredOn, event, corrected }
      : { householdId, eventId, position, occurredOn, event };
    out.push({ position, projected });
  }
  return out;
};
