import { correctedEvent, correctionsIn, EventMeta, HouseholdEvent, householdIdOf } from '@hearth/domain';
import { householdEventCodec, type EventStore, type FeedEvent, type RecordedEvent } from '@hearth/event-store';
import type { CorrectedEvent, ProjectedEvent } from '../projected-event';

/**
 * Stored events are decoded once, here, at the edge (style.md: "edges decode, the middle
 * trusts"), by the store's household codec. An event that does not decode throws a
 * DamagedEventError naming its position: the batch is not applied and the checkpoint
 * stays before it, so no figure is ever computed without it (docs/decisions/0013).
 */
export const decodeHouseholdEvent = (recorded: RecordedEvent | FeedEvent): HouseholdEvent => householdEventCodec.decode(recorded);

const metaOf = (r: RecordedEvent): EventMeta => ({ eventId: r.eventId, occurredOn: r.metadata.occurredOn });

/**
 * The event an `EventCorrected` amends, with every correction recorded in the stream up
 * to and including this one: read from the store now, so that the write that follows
 * needs no I/O.
 */
const resolveCorrection = async (store: EventStore, correction: FeedEvent, targetId: string): Promise<CorrectedEvent | undefined> => {
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

/**
 * A page's household events, decoded and ready for the synchronous write; events of other
 * streams (an import's checkpoints, the division tree) are left out: no projection reads
 * them, and the page's count and last position say how far it reaches.
 */
export const prepareEvents = async (store: EventStore, page: readonly FeedEvent[]): Promise<ProjectedEvent[]> => {
  const out: ProjectedEvent[] = [];
  // A household's events mostly follow one another in the log (an import writes a household's batch together):
  // the id is taken from the stream id once a run of them, and the run's events share one string (decision 94).
  let streamId: string | undefined;
  let id: string | undefined;
  for (const recorded of page) {
    if (recorded.streamId !== streamId) {
      streamId = recorded.streamId;
      id = householdIdOf(streamId);
    }
    const householdId = id;
    if (householdId === undefined) continue;
    const event = decodeHouseholdEvent(recorded);
    const corrected = event.type === 'EventCorrected' ? await resolveCorrection(store, recorded, event.data.eventId) : undefined;
    const { eventId, position, occurredOn } = recorded;
    // Two literals rather than a spread of `{ corrected }` or `{}`: an event of a catch-up allocates no object it drops
    // at once, and no wrapper lives through the page beside it (decision 94).
    out.push(corrected ? { householdId, eventId, position, occurredOn, event, corrected } : { householdId, eventId, position, occurredOn, event });
  }
  return out;
};
