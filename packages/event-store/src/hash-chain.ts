import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventMetadata, EventToAppend, RecordedEvent } from './envelope';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers. recordedAt, note and ids are deliberately outside it. */
export interface HashedContent {
  type: string;
  data: unknown;
  occurredOn: string;
  actor: string;
}

export const eventHash = (prevHash: string, { type, data, occurredOn, actor }: HashedContent): string =>
  createHash('sha256')
    .update(prevHash + canonicalJson({ type, data, occurredOn, actor }))
    .digest('hex');

export type UnsealedEvent = Omit<EventToAppend, 'metadata'> & {
  metadata: Omit<EventMetadata, 'prevHash' | 'hash'>;
};

/** Chains `events` onto `prevHash` in order. */
export const sealEvents = (prevHash: string, events: readonly UnsealedEvent[]): EventToAppend[] => {
  let previous = prevHash;
  return events.map((event) => {
    const hash = eventHash(previous, {
      type: event.type,
      data: event.data,
      occurredOn: event.metadata.occurredOn,
      actor: event.metadata.actor,
    });
    const sealed: EventToAppend = { ...event, metadata: { ...event.metadata, prevHash: previous, hash } };
    previous = hash;
    return sealed;
  });
};

export type StreamVerification =
  | { ok: true }
  | {
      ok: false;
      streamVersion: number;
      position: number;
      expected: string;
      actual: string;
      reason: 'hash-mismatch' | 'prev-hash-mismatch';
    };

/**
 * Recomputes the chain of one stream and names the first break. `events` are read from
 * version 0, or from a later version when `prevHash` is the hash of the event before them.
 * `prev-hash-mismatch`: the link to the previous event is wrong (an event was removed,
 * reordered or inserted); `hash-mismatch`: the event's own content was altered.
 */
export const verifyStream = (events: readonly RecordedEvent[], prevHash = GENESIS_HASH): StreamVerification => {
  let previous = prevHash;
  for (const event of events) {
    const { streamVersion, position, metadata } = event;
    if (metadata.prevHash !== previous) {
      return { ok: false, streamVersion, position, expected: previous, actual: metadata.prevHash, reason: 'prev-hash-mismatch' };
    }
    const expected = eventHash(previous, {
      type: event.type,
      data: event.data,
      occurredOn: metadata.occurredOn,
      actor: metadata.actor,
    });
    if (metadata.hash !== expected) {
      return { ok: false, streamVersion, position, expected, actual: metadata.hash, reason: 'hash-mismatch' };
    }
    previous = metadata.hash;
  }
  return { ok: true };
};
