import type { EventMetadata, EventToAppend } from './envelope';

/**
 * The JSON text an event is stored as. Sealing already writes the event's data and
 * metadata as canonical JSON for its hash; that text is valid JSON for the same values
 * (keys sorted), so it is remembered here and an adapter that stores text uses it instead
 * of serialising the event a second time. Remembered by the sealed event object's
 * identity, and only trusted while that object still holds the very data and metadata it
 * was sealed with: a copy or a replaced field is serialised afresh.
 */
interface SealedText {
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const remembered = new WeakMap<EventToAppend, SealedText>();

export const rememberSealedText = (event: EventToAppend, dataJson: string, metadataJson: string): void => {
  remembered.set(event, { data: event.data, metadata: event.metadata, dataJson, metadataJson });
};

/** `data` and `metadata` as JSON text: the sealed text when there is one, else `JSON.stringify`. */
export const storedText = (event: EventToAppend): { dataJson: string; metadataJson: string } => {
  const text = remembered.get(event);
  if (text !== undefined && text.data === event.data && text.metadata === event.metadata) return text;
  return { dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) };
};
