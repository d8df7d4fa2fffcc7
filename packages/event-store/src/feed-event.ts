import { isBusinessDate } from '@hearth/domain';
import { DamagedEventError } from './damaged-event-error';
import type { RecordedEvent } from './envelope';
import type { EventStore, ReadAllOptions } from './event-store';

/**
 * A stored event as a reader that folds the whole log needs it (the projections): where it
 * is, what it is and the business date it happened on; none of the metadata's hashes,
 * actor, command id or recording time, which such a reader never looks at and which are
 * more than half of what a stored event weighs (docs/decisions/0097).
 */
export interface FeedEvent {
  /** Global position, as in `RecordedEvent`. */
  readonly position: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  /** The stored data, parsed and not interpreted (the domain's codec decodes it). */
  readonly data: unknown;
  /** `metadata.occurredOn`, a business date (`YYYY-MM-DD`, isBusinessDate). */
  readonly occurredOn: string;
}

/** The reason a stored event whose `metadata.occurredOn` is text but no date is refused. */
export const OCCURRED_ON_NOT_A_DATE = 'metadata.occurredOn is not a date (YYYY-MM-DD)';

/**
 * The feed's view of a stored event. Its `occurredOn` must be a business date: every
 * figure is dated by it, so an event the ledger could not have written (its commands'
 * dates are checked) stops the reader with a DamagedEventError naming its position.
 */
export const feedEventOf = (recorded: RecordedEvent): FeedEvent =>
  feedEvent(recorded.position, recorded.streamId, recorded.streamVersion, recorded.eventId, recorded.type, recorded.data, recorded.metadata.occurredOn);

/** A feed event from its parts, its date checked (the one place both a recorded event and a SQLite row whole become one). */
export const feedEvent = (position: number, streamId: string, streamVersion: number, eventId: string, type: string, data: unknown, occurredOn: string): FeedEvent => {
  if (!isBusinessDate(occurredOn)) throw new DamagedEventError(position, streamId, OCCURRED_ON_NOT_A_DATE);
  return { position, streamId, streamVersion, eventId, type, data, occurredOn };
};

/**
 * The events `readAll(opts)` returns, as feed events: through the store's own `readFeed`
 * where it has one (SQLite reads only what a feed event holds), otherwise cut from
 * `readAll` (memory, EventStoreDB). Either way the same events, in the same order, with
 * the same page semantics (a short page is the end of the log), and a damaged one stops
 * the read with a DamagedEventError naming its position.
 */
export const readFeed = (store: Pick<EventStore, 'readAll' | 'readFeed'>, opts?: ReadAllOptions): Promise<FeedEvent[]> =>
  store.readFeed !== undefined ? store.readFeed(opts) : store.readAll(opts).then((page) => page.map(feedEventOf));
