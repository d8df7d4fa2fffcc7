/**
 * An eventId that is already stored (or repeated inside one append).
 * A bug or a replayed write, never a concurrency conflict: it is not retried.
 */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id already stored: ${eventId}`);
    this.name = 'DuplicateEventIdError';
  }
}
