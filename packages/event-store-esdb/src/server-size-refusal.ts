import { MaxAppendSizeExceededError, UnknownError } from '@kurrent/kurrentdb-client';
import type { EventToAppend } from '@hearth/event-store';
import { AppendSizeLimitError, DEFAULT_MAX_APPEND_EVENT_SIZE, eventSizeOnDisk } from './append-size';

/**
 * A current server answers an event over its `MaxAppendEventSize` with the BatchAppend
 * status `MaximumAppendEventSizeExceeded`; client 1.3.1 knows no such detail and reports
 * "Could not recognize MaximumAppendEventSizeExceeded", dropping the event id and limit.
 */
const EVENT_OVER_LIMIT = /\bMaximumAppendEventSizeExceeded\b/;

/**
 * The server's refusal of an append for its size, as the adapter's own error (the same one
 * its check before sending throws, marked refused by the server), or undefined for any
 * other error. Reached only when the server's limit is below the configured `maxAppendSize`.
 */
export const serverSizeRefusal = (error: unknown, streamId: string, events: readonly EventToAppend[]): AppendSizeLimitError | undefined => {
  if (error instanceof MaxAppendSizeExceededError) {
    const size = events.reduce((sum, event) => sum + eventSizeOnDisk(event), 0);
    const only = events.length === 1 ? events[0] : undefined;
    return new AppendSizeLimitError(streamId, size, error.maxAppendSize, only?.eventId, only?.type, true);
  }
  if (error instanceof UnknownError && EVENT_OVER_LIMIT.test(error.message)) {
    // The largest event is over the limit whichever one the server named.
    const largest = events.reduce<EventToAppend | undefined>((big, event) => (big === undefined || eventSizeOnDisk(event) > eventSizeOnDisk(big) ? event : big), undefined);
    const size = largest === undefined ? 0 : eventSizeOnDisk(largest);
    return new AppendSizeLimitError(streamId, size, DEFAULT_MAX_APPEND_EVENT_SIZE, largest?.eventId, largest?.type, true, 'MaxAppendEventSize');
  }
  return undefined;
};
