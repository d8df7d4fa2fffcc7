import type { EventToAppend } from './envelope';
import type { ExpectedVersion } from './event-store';
import { validateExpectedVersion } from './expected-version';
import { DuplicateEventIdError } from './duplicate-event-id-error';

/** Caller bugs are reported before any adapter touches storage, identically for every adapter. */
export const validateAppend = (streamId: string, events: readonly EventToAppend[], expected: ExpectedVersion): void => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  validateExpectedVersion(expected);
  for (const event of events) {
    if (typeof event.eventId !== 'string' || event.eventId.length === 0) {
      throw new TypeError(`eventId must be a non-empty string (stream ${streamId})`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new TypeError(`event type must be a non-empty string (event ${event.eventId})`);
    }
    // JSON has no undefined: it would be stored as nothing and read back differently per adapter.
    if (event.data === undefined) throw new TypeError(`event data must not be undefined (event ${event.eventId})`);
  }
};

/** A batch that repeats an eventId could never be stored whole; say so before writing anything. */
export const assertDistinctEventIds = (events: Iterable<EventToAppend>): void => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId);
    seen.add(eventId);
  }
};
