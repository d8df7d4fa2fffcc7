import type { EventMetadata, EventToAppend } from './envelope';

/**
 * The JSON text an event is stored as. Sealing already writes the event's data and
 * metadata as canonical JSON for its hash; that text is valid JSON for the same values
 * (keys sorted), so it rides along on the sealed event and an adapter that stores text
 * uses it instead of serialising the event a second time.
 *
 * A sealed event is an instance of this class, its texts in private fields: invisible to
 * JSON, to equality in tests and to `{...event}` (a copy is serialised afresh), and one
 * object of one shape per event. (A non-enumerable property under a symbol, added by
 * `Object.defineProperty` with an object of its own, cost ~1 µs an event in an import; a
 * WeakMap from event to text cost more in garbage collection, ephemerons, than the
 * serialisation it saved.) The text is only trusted while the event still holds the very
 * data and metadata objects it was sealed with.
 */
export class SealedEvent implements EventToAppend {
  readonly #data: unknown;
  readonly #metadata: EventMetadata;
  readonly #dataJson: string;
  readonly #metadataJson: string;

  constructor(
    public eventId: string,
    public type: string,
    public data: unknown,
    public metadata: EventMetadata,
    dataJson: string,
    metadataJson: string,
  ) {
    this.#data = data;
    this.#metadata = metadata;
    this.#dataJson = dataJson;
    this.#metadataJson = metadataJson;
  }

  /** The sealed text of `data`, if `event` was sealed and still holds that data. */
  static dataJsonOf(event: EventToAppend): string | undefined {
    return #dataJson in event && event.data === event.#data ? event.#dataJson : undefined;
  }

  /** The sealed text of `metadata`, if `event` was sealed and still holds that metadata. */
  static metadataJsonOf(event: EventToAppend): string | undefined {
    return #metadataJson in event && event.metadata === event.#metadata ? event.#metadataJson : undefined;
  }
}

/** `data` as JSON text: the sealed text when there is one, else `JSON.stringify`. */
export const storedDataJson = (event: EventToAppend): string => SealedEvent.dataJsonOf(event) ?? JSON.stringify(event.data);

/** `metadata` as JSON text: the sealed text when there is one, else `JSON.stringify`. */
export const storedMetadataJson = (event: EventToAppend): string => SealedEvent.metadataJsonOf(event) ?? JSON.stringify(event.metadata);

/** `data` and `metadata` as JSON text (storedDataJson, storedMetadataJson). */
export const storedText = (event: EventToAppend): { dataJson: string; metadataJson: string } => ({
  dataJson: storedDataJson(event),
  metadataJson: storedMetadataJson(event),
});
