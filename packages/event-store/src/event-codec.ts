import type { RecordedEvent } from './envelope';

/** What a codec reads of a stored event (a RecordedEvent, a FeedEvent): its id, type and data, and where it is (to name it when it does not decode). */
export type StoredEvent = Pick<RecordedEvent, 'eventId' | 'type' | 'data' | 'position' | 'streamId'>;

/**
 * Between the domain's events and the stored envelope. The default trusts that the
 * stored `{type, data}` already is the domain event; a domain with io-ts codecs
 * decodes here, once per read, as the style guide asks ("edges decode").
 */
export interface EventCodec<Evt extends { type: string; data: unknown }> {
  decode(recorded: StoredEvent): Evt;
  encode(event: Evt): { type: string; data: unknown };
}

export const passThroughCodec = <Evt extends { type: string; data: unknown }>(): EventCodec<Evt> => ({
  decode: ({ type, data }) => ({ type, data }) as Evt,
  encode: ({ type, data }) => ({ type, data }),
});
