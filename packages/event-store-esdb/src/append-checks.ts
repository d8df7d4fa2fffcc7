import { DuplicateEventIdError, type EventToAppend, type ExpectedVersion } from '@hearth/event-store';

/** What an append must satisfy before anything is sent to the server. */

// Lower case only: the server stores an id as Guid.ToString() gives it, lower-cased.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const validateAppend = (streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): void => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= -1)) {
    throw new RangeError(`expected version must be an integer >= -1, got ${expected}`);
  }
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`event type must be a non-empty string (event ${String(event.eventId)})`);
    }
    // JSON has no undefined: it would be stored as nothing and read back differently.
    if (event.data === undefined) throw new TypeError(`event data must not be undefined (event ${String(event.eventId)})`);
  }
};

/** Reused ids inside what is about to be written are caught before anything is sent. */
export const assertDistinctEventIds = (events: Iterable<EventToAppend>): void => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId.toLowerCase())) throw new DuplicateEventIdError(eventId);
    seen.add(eventId.toLowerCase());
  }
};

/**
 * EventStoreDB event ids are uuids in lower case, as the port's default ids (uuidV7,
 * @hearth/event-store) are. An id in upper case would be read back lower-cased: another id
 * than the one sealed into the hash chain, and the stream would no longer verify.
 */
export const assertUuids = (events: readonly EventToAppend[]): void => {
  for (const { eventId } of events) {
    if (typeof eventId !== 'string' || !UUID_PATTERN.test(eventId)) {
      throw new TypeError(`EventStoreDB event ids must be uuids in lower case (the server stores them so), got "${String(eventId)}"`);
    }
  }
};
