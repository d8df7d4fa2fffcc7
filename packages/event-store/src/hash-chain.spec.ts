import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { EventToAppend, RecordedEvent } from './envelope';
import { checkLinks, eventHash, GENESIS_HASH, HASH_FORMAT, sealEvents, UnknownHashFormatError, verifyStream } from './hash-chain';
import { storedText } from './sealed-text';
import { testEvents } from './testing/event-factory';
import { propertyRuns } from '@hearth/domain/testing';

const recorded = (count: number): RecordedEvent[] =>
  testEvents(count).map((e, i) => ({ ...e, streamId: 's', streamVersion: i, position: 100 + i }));

describe('hash chain', () => {
  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('format 1 (no hashFormat): prevHash followed by the canonical JSON of type, data, occurredOn and actor', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}{"actor":"clerk","data":{"a":1,"b":[2]},"occurredOn":"2016-08-01","type":"HouseholdRegistered"}`)
      .digest('hex');
    const metadata = { occurredOn: '2016-08-01', recordedAt: '2016-08-02T10:00:00.000Z', actor: 'clerk', note: 'outside format 1', schemaVersion: 1 };
    expect(eventHash(GENESIS_HASH, { eventId: 'e-1', type: 'HouseholdRegistered', data: { b: [2], a: 1 }, metadata })).toBe(expected);
  });

  it('format 2: prevHash followed by the canonical JSON of the id, type, data and every metadata field but the hashes', () => {
    const metadata = {
      occurredOn: '2016-08-01', recordedAt: '2016-08-02T10:00:00.000Z', actor: 'clerk', note: 'n', schemaVersion: 1, commandId: 'c-1', hashFormat: 2,
    };
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}{"data":{"a":1},"eventId":"e-1","metadata":{"actor":"clerk","commandId":"c-1","hashFormat":2,"note":"n","occurredOn":"2016-08-01","recordedAt":"2016-08-02T10:00:00.000Z","schemaVersion":1},"type":"T"}`,
      )
      .digest('hex');
    expect(eventHash(GENESIS_HASH, { eventId: 'e-1', type: 'T', data: { a: 1 }, metadata: { ...metadata, prevHash: 'p', hash: 'h' } })).toBe(expected);
  });

  it('refuses a format it does not know', () => {
    const metadata = { occurredOn: '2016-08-01', recordedAt: 'r', actor: 'a', schemaVersion: 1, hashFormat: 3 };
    expect(() => eventHash(GENESIS_HASH, { eventId: 'e', type: 'T', data: {}, metadata })).toThrow(UnknownHashFormatError);
  });

  it('seals events in order, in the current format, each linked to the one before', () => {
    const sealed = sealEvents('f'.repeat(64), testEvents(3));
    expect(sealed[0]?.metadata.prevHash).toBe('f'.repeat(64));
    expect(sealed[1]?.metadata.prevHash).toBe(sealed[0]?.metadata.hash);
    expect(sealed[2]?.metadata.prevHash).toBe(sealed[1]?.metadata.hash);
    expect(sealed.map((e) => e.metadata.hashFormat)).toEqual([HASH_FORMAT, HASH_FORMAT, HASH_FORMAT]);
  });

  it('verifies a stream sealed in format 1, before format 2 existed, and continued in format 2', () => {
    // Hand-built as the code before format 2 sealed them: no hashFormat in the metadata.
    const v1 = (prevHash: string, n: number): RecordedEvent => {
      const hash = createHash('sha256').update(`${prevHash}{"actor":"clerk","data":{"n":${n}},"occurredOn":"2016-08-01","type":"TestEvent"}`).digest('hex');
      const metadata = { occurredOn: '2016-08-01', recordedAt: '2016-08-01T08:00:00.000Z', actor: 'clerk', note: 'legacy', schemaVersion: 1, prevHash, hash };
      return { eventId: `old-${n}`, type: 'TestEvent', data: { n }, metadata, streamId: 's', streamVersion: n, position: n + 1 };
    };
    const first = v1(GENESIS_HASH, 0);
    const second = v1(first.metadata.hash, 1);
    const [third] = sealEvents(second.metadata.hash, testEvents(1));
    const stream = [first, second, { ...(third as EventToAppend), streamId: 's', streamVersion: 2, position: 3 }];
    expect(verifyStream(stream)).toEqual({ ok: true });
    expect(checkLinks(stream)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // Format 1 still shows an edit of what it covers.
    expect(verifyStream([{ ...first, data: { n: 7 } }, second])).toMatchObject({ ok: false, streamVersion: 0, reason: 'hash-mismatch' });
  });

  it('names an event re-sealed in format 1 after one in format 2 (which would hide an edit of its note)', () => {
    const events = recorded(2);
    const last = events[1] as RecordedEvent;
    const { hashFormat: _dropped, ...legacy } = { ...last.metadata, note: 'edited' };
    const resealed = { ...last, metadata: { ...legacy, hash: eventHash(last.metadata.prevHash, { ...last, metadata: legacy }) } };
    expect(verifyStream([events[0] as RecordedEvent, resealed])).toMatchObject({ ok: false, streamVersion: 1, reason: 'format-downgrade' });
  });

  it('names an event whose format was edited to one it does not know', () => {
    const [event] = recorded(1);
    const edited = { ...(event as RecordedEvent), metadata: { ...(event as RecordedEvent).metadata, hashFormat: 9 } };
    expect(checkLinks([edited])).toEqual([expect.objectContaining({ ok: false, reason: 'unknown-format' })]);
  });

  it('verifies an intact stream and an empty one', () => {
    expect(verifyStream(recorded(4))).toEqual({ ok: true });
    expect(verifyStream([])).toEqual({ ok: true });
  });

  it('verifies a tail of a stream from the hash of the event before it', () => {
    const events = recorded(4);
    expect(verifyStream(events.slice(2), events[1]?.metadata.hash)).toEqual({ ok: true });
    expect(verifyStream(events.slice(2))).toMatchObject({ ok: false, streamVersion: 2, reason: 'prev-hash-mismatch' });
  });

  it('names the first event whose content was altered', () => {
    const events = recorded(4);
    const altered = events.map((e, i) => (i === 2 ? { ...e, data: { n: 99 } } : e));
    expect(verifyStream(altered)).toEqual({
      ok: false,
      streamVersion: 2,
      position: 102,
      expected: expect.stringMatching(/^[0-9a-f]{64}$/),
      actual: events[2]?.metadata.hash,
      reason: 'hash-mismatch',
    });
  });

  it('names the event after a removed one', () => {
    const events = recorded(4);
    const gap = [events[0], events[2], events[3]] as RecordedEvent[];
    expect(verifyStream(gap)).toMatchObject({
      ok: false,
      position: 102,
      expected: events[0]?.metadata.hash,
      actual: events[1]?.metadata.hash,
      reason: 'prev-hash-mismatch',
    });
  });

  it('checkLinks names exactly the edited event, not the one after it', () => {
    const events = recorded(3);
    const altered = events.map((e, i) => (i === 1 ? { ...e, metadata: { ...e.metadata, recordedAt: '2016-08-01T08:00:01.000Z' } } : e));
    expect(checkLinks(altered).map((c) => c.ok)).toEqual([true, false, true]);
  });

  it('detects any change of any stored field but the stream and its position (property)', () => {
    const fields = ['eventId', 'type', 'data', 'occurredOn', 'recordedAt', 'actor', 'note', 'schemaVersion', 'commandId', 'causationId', 'correlationId', 'hashFormat'] as const;
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.constantFrom(...fields), (data, other, field) => {
        fc.pre(JSON.stringify(data) !== JSON.stringify(other));
        const [sealed] = sealEvents(GENESIS_HASH, recorded(1).map((e) => ({ ...e, data, metadata: { ...e.metadata, note: 'n', commandId: 'c' } })));
        if (!sealed) throw new Error('no event');
        const stored: RecordedEvent = { ...sealed, streamId: 's', streamVersion: 0, position: 1 };
        expect(verifyStream([stored])).toEqual({ ok: true });
        const m = stored.metadata as unknown as Record<string, unknown>;
        const tampered: RecordedEvent =
          field === 'data'
            ? { ...stored, data: other }
            : field === 'type' || field === 'eventId'
              ? { ...stored, [field]: `${stored[field]}!` }
              : { ...stored, metadata: { ...stored.metadata, [field]: typeof m[field] === 'number' ? (m[field] as number) + 1 : `${String(m[field])}!` } };
        expect(verifyStream([tampered])).toMatchObject({ ok: false });
      }),
      propertyRuns(300, process.env),
    );
  });

  it('read back from the text a store keeps: detects any change of a stored value, and not a rewrite of the same values (property)', () => {
    const fields = ['data', 'occurredOn', 'recordedAt', 'actor', 'note', 'schemaVersion', 'commandId', 'hashFormat'] as const;
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.constantFrom(...fields), fc.boolean(), (data, other, field, legacy) => {
        fc.pre(JSON.stringify(data) !== JSON.stringify(other));
        const [sealed] = sealEvents(GENESIS_HASH, recorded(1).map((e) => ({ ...e, data, metadata: { ...e.metadata, note: 'n', commandId: 'c' } })));
        if (!sealed) throw new Error('no event');
        // The sealed texts, or (legacy) what the adapter wrote before sealed text: JSON.stringify, keys as inserted.
        const text = legacy ? { dataJson: JSON.stringify(sealed.data), metadataJson: JSON.stringify({ ...sealed.metadata }) } : storedText(sealed);
        const read = (dataJson: string, metadataJson: string): RecordedEvent => ({
          ...sealed, data: JSON.parse(dataJson) as unknown, metadata: JSON.parse(metadataJson) as RecordedEvent['metadata'], streamId: 's', streamVersion: 0, position: 1,
        });
        expect(verifyStream([read(text.dataJson, text.metadataJson)])).toEqual({ ok: true });
        const reordered = (json: string): string => {
          const v = JSON.parse(json) as unknown;
          return typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(Object.fromEntries(Object.entries(v).reverse())) : ` ${json}`;
        };
        expect(verifyStream([read(reordered(text.dataJson), reordered(text.metadataJson))])).toEqual({ ok: true });
        const m = JSON.parse(text.metadataJson) as Record<string, unknown>;
        const tampered =
          field === 'data'
            ? read(JSON.stringify(other), text.metadataJson)
            : read(text.dataJson, JSON.stringify({ ...m, [field]: typeof m[field] === 'number' ? (m[field] as number) + 1 : `${String(m[field])}!` }));
        expect(verifyStream([tampered])).toMatchObject({ ok: false });
      }),
      propertyRuns(300, process.env),
    );
  });
});
