import { CanonicalWriter } from '@hearth/domain';
import { hash as digest } from 'node:crypto';
import { canonicalJson, writeCanonical } from './canonical-json-or-throw';
import type { EventMetadata, EventToAppend, RecordedEvent } from './envelope';
import type { StoredTexts } from './event-store';
import { SealedEvent } from './sealed-text';
import { sortedJsonText } from './sorted-json';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The chain format new events are sealed with, stored as `metadata.hashFormat`
 * (docs/decisions/0012-hash-format-2.md):
 * - 1 (events without `hashFormat`, sealed before it existed): type, data, occurredOn, actor;
 * - 2: the event id, type, data and every metadata field but `prevHash` and `hash`
 *   (recordedAt, note, command, causation and correlation ids, schema version, the format itself).
 */
export const HASH_FORMAT = 2;

/** An event as its hash sees it; `prevHash` and `hash` may be present and are ignored. */
export interface HashedContent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'prevHash' | 'hash'> & Partial<Pick<EventMetadata, 'prevHash' | 'hash'>>;
}

/** `metadata.hashFormat` of a stored event: absent means 1; anything else than a known format is undefined. */
export const hashFormatOf = (metadata: { hashFormat?: unknown }): number | undefined => {
  const format = metadata.hashFormat ?? 1;
  return format === 1 || format === 2 ? format : undefined;
};

export class UnknownHashFormatError extends Error {
  constructor(readonly format: unknown) {
    super(`unknown hash format ${JSON.stringify(format)} (this code knows 1 and ${HASH_FORMAT})`);
    this.name = 'UnknownHashFormatError';
  }
}

/**
 * The hash of `event` chained onto `prevHash`, in the format its metadata names. An event
 * read back from a store holds the parsed canonical text it was sealed with, so its
 * covered text is composed from `JSON.stringify` of its data and metadata where that is
 * provably their canonical JSON (sorted-json.ts); otherwise, and for any value canonical
 * JSON refuses (so that the error names the same path), the covered object is written by
 * canonicalJson as a whole. Both give the same text, so the same hash.
 */
export const eventHash = (prevHash: string, { eventId, type, data, metadata }: HashedContent): string => {
  const format = hashFormatOf(metadata);
  let covered: unknown;
  if (format === 1) {
    const { occurredOn, actor } = metadata;
    const dataJson = typeof type === 'string' && typeof occurredOn === 'string' && typeof actor === 'string' ? sortedJsonText(data) : undefined;
    if (dataJson !== undefined) return sha256Hex(prevHash + formatOneText(type, dataJson, occurredOn, actor));
    covered = { type, data, occurredOn, actor };
  } else if (format === 2) {
    const { prevHash: _prev, hash: _hash, ...rest } = metadata;
    const dataJson = typeof eventId === 'string' && typeof type === 'string' ? sortedJsonText(data) : undefined;
    const metadataJson = dataJson === undefined ? undefined : sortedJsonText(rest);
    if (metadataJson !== undefined) return sha256Hex(prevHash + formatTwoText(eventId, type, dataJson as string, metadataJson));
    covered = { eventId, type, data, metadata: rest };
  } else throw new UnknownHashFormatError(metadata.hashFormat);
  return sha256Hex(prevHash + canonicalJson(covered));
};

/** One call rather than a Hash object per event (createHash + update + digest cost three times as much). */
const sha256Hex = (text: string): string => digest('sha256', text, 'hex');

/**
 * How the stored metadata text ends: the covered metadata's members, then these two, each
 * followed by its value as a JSON string, then the closing brace (sealEvents writes them,
 * storedTextHash reads them).
 */
const PREV_HASH_MEMBER = ',"prevHash":';
const HASH_MEMBER = ',"hash":';
/** The same with the quotes of the hashes around them, as they read in the text (a hash the seal wrote is hex: no escapes). */
const PREV_HASH_OPENS = `${PREV_HASH_MEMBER}"`;
const HASH_OPENS = `"${HASH_MEMBER}"`;

export type UnsealedEvent = Omit<EventToAppend, 'metadata'> & {
  metadata: Omit<EventMetadata, 'prevHash' | 'hash' | 'hashFormat'>;
};

/**
 * Chains `events` onto `prevHash` in order, in the current format. Each event is written
 * as canonical JSON once, as UTF-8 bytes into the shared canonical writer
 * (@hearth/domain canonical-writer.ts): `prevHash`, then format 2's covered object (the same bytes
 * `eventHash` hashes), which the hash reads in place. The stored data text is read out of
 * those bytes; the stored metadata text is the covered metadata's bytes written again
 * after them without their closing brace, then `prevHash` and `hash`, read out as one
 * string (sealed-text.ts, docs/decisions/0095, 0102).
 */
export const sealEvents = (prevHash: string, events: readonly UnsealedEvent[]): EventToAppend[] => {
  const writer = CanonicalWriter.take();
  try {
    let previous = prevHash;
    const sealed: EventToAppend[] = [];
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as UnsealedEvent;
      const covered: Record<string, unknown> = {};
      copyCovered(event.metadata, covered);
      const composable = typeof event.eventId === 'string' && typeof event.type === 'string' && event.data !== undefined;
      if (!composable) {
        // Not an event any store accepts (append validation says why); sealed the long way.
        const metadata = covered as unknown as HashedContent['metadata'];
        const hash = eventHash(previous, { ...event, metadata });
        sealed.push({ ...event, metadata: { ...metadata, prevHash: previous, hash } });
        previous = hash;
        continue;
      }
      writer.reset();
      writer.raw(previous);
      writer.raw('{"data":');
      const dataAt = writer.length;
      writeCanonical(writer, event.data);
      const dataEnd = writer.length;
      writer.raw(',"eventId":');
      writer.string(event.eventId);
      writer.raw(',"metadata":');
      const metadataAt = writer.length;
      writeCanonical(writer, covered);
      const metadataEnd = writer.length;
      writer.raw(',"type":');
      writer.string(event.type);
      writer.raw('}');
      const hashedEnd = writer.length;
      const hash = digest('sha256', writer.bytes.subarray(0, hashedEnd), 'hex');
      // The covered metadata holds at least hashFormat, so it ends in `}` after one member or more.
      writer.repeat(metadataAt, metadataEnd - 1);
      writer.raw(PREV_HASH_MEMBER);
      writer.string(previous);
      writer.raw(HASH_MEMBER);
      writer.string(hash);
      writer.raw('}');
      // The covered copy, written only here, becomes the sealed metadata: no second copy.
      const metadata = covered as unknown as EventMetadata;
      metadata.prevHash = previous;
      metadata.hash = hash;
      previous = hash;
      sealed.push(new SealedEvent(event.eventId, event.type, event.data, metadata, writer.text(dataAt, dataEnd), writer.text(hashedEnd, writer.length)));
    }
    return sealed;
  } finally {
    writer.release();
  }
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Copies the metadata into `covered` without `prevHash` and `hash`, in the current format:
 * what the hash covers, keys in the order they come (`hashFormat` in its sorted place
 * among keys that come sorted, as prepareEvents writes them). Written member by member:
 * an object rest (`{ prevHash, hash, ...rest }`) and a spread cost a runtime call each.
 */
const copyCovered = (metadata: UnsealedEvent['metadata'], covered: Record<string, unknown>): void => {
  const m = metadata as unknown as Record<string, unknown>;
  let formatWritten = false;
  for (const key in m) {
    if (key === 'prevHash' || key === 'hash' || key === 'hashFormat' || !hasOwn.call(m, key)) continue;
    if (!formatWritten && key > 'hashFormat') {
      covered['hashFormat'] = HASH_FORMAT;
      formatWritten = true;
    }
    covered[key] = m[key];
  }
  if (!formatWritten) covered['hashFormat'] = HASH_FORMAT;
};

/**
 * canonicalJson({eventId, type, data, metadata}) from the canonical texts of data and
 * metadata: the keys in sorted order (data, eventId, metadata, type), no whitespace.
 */
const formatTwoText = (eventId: string, type: string, dataJson: string, metadataJson: string): string =>
  `{"data":${dataJson},"eventId":${JSON.stringify(eventId)},"metadata":${metadataJson},"type":${JSON.stringify(type)}}`;

/** canonicalJson({type, data, occurredOn, actor}) from the canonical text of data: keys in sorted order. */
const formatOneText = (type: string, dataJson: string, occurredOn: string, actor: string): string =>
  `{"actor":${JSON.stringify(actor)},"data":${dataJson},"occurredOn":${JSON.stringify(occurredOn)},"type":${JSON.stringify(type)}}`;

/** Where `piece` starts when it ends at `end` of `text`; -1 when it does not end there (or `end` is -1). */
const before = (text: string, piece: string, end: number): number => (end >= piece.length && text.startsWith(piece, end - piece.length) ? end - piece.length : -1);

/**
 * The format 2 hash of an event from the text its store holds, when its metadata text ends
 * as sealEvents writes it, `prevHash` then `hash` (these very ones) and the closing brace:
 * SHA-256 of `prevHash` and of format 2's covered text composed from the stored bytes — the
 * data text as it is, the metadata text without those two members — with no value written
 * out again; otherwise undefined. The seal writes canonical JSON, so for a text it wrote this
 * is `eventHash`'s very text and hash; a text that is not canonical (other spacing, another
 * key order) hashes differently here, and `checkLinks` then asks `eventHash`. The composed
 * text can be cut back into the stored texts in one way only (the data is one JSON value,
 * the event id and type are JSON strings, the separators are fixed), so a stored hash equal
 * to this one covers every stored byte of the event but the two hashes, which the chain
 * checks itself (docs/decisions/0105).
 */
const storedTextHash = (prevHash: string, eventId: string, type: string, hash: string, dataJson: string, metadataJson: string): string | undefined => {
  // Read back from the end, with no string built: `"}`, the hash, `","hash":"`, the previous hash, `,"prevHash":"`.
  let at = before(metadataJson, '"}', metadataJson.length);
  at = before(metadataJson, hash, at);
  at = before(metadataJson, HASH_OPENS, at);
  at = before(metadataJson, prevHash, at);
  at = before(metadataJson, PREV_HASH_OPENS, at);
  if (at < 0) return undefined;
  return sha256Hex(prevHash + formatTwoText(eventId, type, dataJson, `${metadataJson.slice(0, at)}}`));
};

export type LinkProblem = 'prev-hash-mismatch' | 'hash-mismatch' | 'format-downgrade' | 'unknown-format';

/** What one event's place in its stream's chain shows. */
export type LinkCheck =
  | { ok: true }
  | { ok: false; reason: LinkProblem; expected: string; actual: string; detail: string };

const short = (hash: unknown): string => `${String(hash).slice(0, 12)}…`;

/** One frozen answer for every intact link: a checked log is almost all of them. */
const LINKED: LinkCheck = Object.freeze({ ok: true });

/**
 * Checks every event of one stream (in version order) against the chain: its prevHash
 * must be the stored hash of the event before, its hash must be recomputable from its
 * content, and its format may not be older than the one before (a newer event re-sealed
 * in format 1 would leave its recording time, note and ids outside the hash again).
 * Every event is judged on its own, so an edited event is named and the one after it,
 * which still links to its stored hash, is not.
 *
 * With the text each event is stored as (`stored`, EventStore.storedText), a format 2
 * event whose stored bytes hash to its stored hash (storedTextHash) is linked without its
 * values being written out again; any other is judged by `eventHash` of its values, as
 * without the text, so the answers and their details are the same.
 *
 * `formerFormat`: the hash format of the event before `events` (1 from a stream's start), for
 * a caller that checks a stream a few events at a time (the anchor, one event at a time).
 */
export const checkLinks = (events: readonly RecordedEvent[], prevHash = GENESIS_HASH, stored?: StoredTexts, formerFormat = 1): LinkCheck[] => {
  let previous = prevHash;
  let previousFormat = formerFormat;
  return events.map((event, i): LinkCheck => {
    const { metadata } = event;
    const linkedTo = previous;
    const formerFormat = previousFormat;
    previous = metadata.hash;
    const format = hashFormatOf(metadata);
    if (format === undefined)
      return { ok: false, reason: 'unknown-format', expected: String(HASH_FORMAT), actual: String(metadata.hashFormat), detail: `unknown hash format ${JSON.stringify(metadata.hashFormat)}` };
    previousFormat = format;
    if (metadata.prevHash !== linkedTo)
      return { ok: false, reason: 'prev-hash-mismatch', expected: linkedTo, actual: metadata.prevHash, detail: 'prevHash does not match the hash of the event before (an event was removed, inserted or reordered)' };
    if (format < formerFormat)
      return { ok: false, reason: 'format-downgrade', expected: String(formerFormat), actual: String(format), detail: `sealed in hash format ${format} after an event in format ${formerFormat}: re-sealed to hide an edit` };
    const dataJson = stored?.dataJson[i];
    const metadataJson = stored?.metadataJson[i];
    if (format === 2 && dataJson !== undefined && metadataJson !== undefined && storedTextHash(linkedTo, event.eventId, event.type, metadata.hash, dataJson, metadataJson) === metadata.hash) return LINKED;
    let expected: string;
    try {
      expected = eventHash(linkedTo, event);
    } catch (error) {
      // Content that cannot be canonicalised was never sealed by this code.
      return { ok: false, reason: 'hash-mismatch', expected: '', actual: metadata.hash, detail: `the event's content cannot be hashed: ${(error as Error).message}` };
    }
    if (metadata.hash !== expected)
      return { ok: false, reason: 'hash-mismatch', expected, actual: metadata.hash, detail: `hash does not match the event's content (stored ${short(metadata.hash)}, recomputed ${short(expected)})` };
    return LINKED;
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
      reason: LinkProblem;
    };

/**
 * Recomputes the chain of one stream and names the first break. `events` are read from
 * version 0, or from a later version when `prevHash` is the hash of the event before them.
 * `prev-hash-mismatch`: the link to the previous event is wrong (an event was removed,
 * reordered or inserted); `hash-mismatch`: the event's own content was altered;
 * `format-downgrade`, `unknown-format`: the event was re-sealed or its format edited.
 */
export const verifyStream = (events: readonly RecordedEvent[], prevHash = GENESIS_HASH): StreamVerification => {
  const checks = checkLinks(events, prevHash);
  const broken = checks.findIndex((c) => !c.ok);
  if (broken < 0) return { ok: true };
  const check = checks[broken] as Extract<LinkCheck, { ok: false }>;
  const { streamVersion, position } = events[broken] as RecordedEvent;
  return { ok: false, streamVersion, position, expected: check.expected, actual: check.actual, reason: check.reason };
};
