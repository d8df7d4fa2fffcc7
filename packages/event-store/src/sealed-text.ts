import type { EventMetadata, EventToAppend } from './envelope';

/**
 * The JSON text an event is stored as. Sealing already writes the event's data and
 * metadata as canonical JSON for its hash; that text is valid JSON for the same values
 * (keys sorted), so it rides along on the sealed event and an adapter that stores text
 * uses it instead of serialising the event a second time.
 *
 * It is a non-enumerable property under a private symbol: invisible to JSON, to equality
 * in tests and to `{...event}` (a copy is serialised afresh). A WeakMap from event to
 * text cost more in garbage collection (ephemerons) than the serialisation it saved. The
 * text is only trusted while the event still holds the very data and metadata objects
 * it was sealed with.
 */
interface SealedText {
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const SEALED_TEXT = Symbol('sealedText');

export const rememberSealedText = (event: EventToAppend, dataJson: string, metadataJson: string): void => {
  const text: SealedText = { data: event.data, metadata: event.metadata, dataJson, metadataJson };
  Object.defineProperty(event, SEALED_TEXT, { value: text });
};

/** `data` and `metadata` as JSON text: the sealed text when there is one, else `JSON.stringify`. */
export const storedText = (event: EventToAppend): { dataJson: string; metadataJson: string } => {
  const text = (event as EventToAppend & { [SEALED_TEXT]?: SealedText })[SEALED_TEXT];
  if (text !== undefined && text.data === event.data && text.metadata === event.metadata) return text;
  return { dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) };
};
