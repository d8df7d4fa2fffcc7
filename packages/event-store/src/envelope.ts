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
  /** The chain format the hash is in (hash-chain.ts); absent on events sealed in format 1. */
  hashFormat?: number;
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

const REQUIRED_TEXT = ['occurredOn', 'recordedAt', 'actor', 'prevHash', 'hash'] as const;

const isObject = (metadata: unknown): metadata is Record<string, unknown> => typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata);
const NOT_AN_OBJECT = 'metadata is not a JSON object';
const missingText = (field: string): string => `metadata.${field} is missing or not text`;

/**
 * Why a stored metadata value is not an envelope this code can read (undefined when it is).
 * Adapters call it on every stored event, so a hand-edited envelope is reported by name
 * instead of surfacing later as an `undefined` in a projection.
 */
export const metadataProblem = (metadata: unknown): string | undefined => {
  if (!isObject(metadata)) return NOT_AN_OBJECT;
  for (const field of REQUIRED_TEXT) if (typeof metadata[field] !== 'string') return missingText(field);
  if (typeof metadata['schemaVersion'] !== 'number') return 'metadata.schemaVersion is missing or not a number';
  return undefined;
};

/**
 * What a reader that takes only the business date from a stored metadata value checks
 * (the SQLite feed, feed-event.ts): that it is an object with `occurredOn` as text, worded
 * as `metadataProblem` words it. Whether the text is a date is the feed's own check.
 */
export const occurredOnProblem = (metadata: unknown): string | undefined => {
  if (!isObject(metadata)) return NOT_AN_OBJECT;
  return typeof metadata['occurredOn'] === 'string' ? undefined : missingText('occurredOn');
};
