/**
 * The stored shape of an event (domain.md §4 "Event envelope").
 * `data` stays `unknown` here: the store never interprets it; the domain decodes it.
 */
export interface EventMetadata {
  /** Business date on which the fact happened (YYYY-MM-DD), as the command said. */
  occurredOn: string;
  /** System time at which it was recorded (ISO 8601). */
  recordedAt: string;
  actor: string;
  note?: string;
  schemaVersion: number;
  commandId?: string;
  causationId?: string;
  correlationId?: string;
  prevHash: string;
  hash: string;
}

export interface EventToAppend {
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  streamId: string;
  /** 0-based position of the event inside its stream. */
  streamVersion: number;
  /** Global position: strictly increasing across the whole store, starts at 1. */
  position: number;
}
