import fc from 'fast-check';
import { canonicalJson } from './canonical-json-or-throw';
import type { RecordedEvent } from './envelope';
import { eventHash, GENESIS_HASH, sealEvents, verifyStream, type UnsealedEvent } from './hash-chain';
import { SealedEvent, storedText } from './sealed-text';
import { propertyRuns } from '@hearth/domain/testing';

const metadataArb = fc.record(
  {
    occurredOn: fc.constant('2016-08-01'),
    recordedAt: fc.constant('2016-08-02T10:00:00.000Z'),
    actor: fc.string(),
    schemaVersion: fc.integer(),
    note: fc.string(),
    commandId: fc.string(),
    causationId: fc.string(),
    correlationId: fc.string(),
  },
  { requiredKeys: ['occurredOn', 'recordedAt', 'actor', 'schemaVersion'] },
);
const eventArb: fc.Arbitrary<UnsealedEvent> = fc.record({ eventId: fc.string({ minLength: 1 }), type: fc.string({ minLength: 1 }), data: fc.jsonValue(), metadata: metadataArb });

describe('sealed text: one serialisation serves the hash and the stored row', () => {
  it('seals each event with the hash eventHash recomputes from its content, in format 2 (property)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 4 }), (events) => {
        let previous = GENESIS_HASH;
        for (const sealed of sealEvents(GENESIS_HASH, events)) {
          expect(sealed.metadata.hash).toBe(eventHash(previous, sealed));
          previous = sealed.metadata.hash;
        }
      }),
      propertyRuns(300, process.env),
    );
  });

  it('stores text that reads back as the sealed event, and whose chain verifies (property)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 4 }), (events) => {
        const read: RecordedEvent[] = sealEvents(GENESIS_HASH, events).map((sealed, i) => {
          const { dataJson, metadataJson } = storedText(sealed);
          expect(dataJson).toBe(canonicalJson(sealed.data));
          const back = { ...sealed, data: JSON.parse(dataJson) as unknown, metadata: JSON.parse(metadataJson) as RecordedEvent['metadata'] };
          // What JSON.stringify stored before (a JSON round trip: -0 reads back as 0, as it always did).
          expect(back).toEqual(JSON.parse(JSON.stringify(sealed)));
          return { ...back, streamId: 's', streamVersion: i, position: i + 1 };
        });
        expect(verifyStream(read)).toEqual({ ok: true });
      }),
      propertyRuns(300, process.env),
    );
  });

  it('writes metadata given in sorted key order, as prepareEvents gives it, as canonical JSON in the same pass (property)', () => {
    const text = fc.string({ unit: 'binary' });
    const sortedMetadata = fc
      .record(
        { actor: text, causationId: text, commandId: text, correlationId: text, note: text, occurredOn: text, recordedAt: text, schemaVersion: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
        { requiredKeys: ['actor', 'occurredOn', 'recordedAt', 'schemaVersion'] },
      )
      .map((m) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1))) as unknown as UnsealedEvent['metadata']);
    const sortedEvent = fc.record({ eventId: text.filter((t) => t.length > 0), type: text.filter((t) => t.length > 0), data: fc.jsonValue(), metadata: sortedMetadata });
    fc.assert(
      fc.property(fc.array(sortedEvent, { minLength: 1, maxLength: 3 }), (events) => {
        let previous = GENESIS_HASH;
        for (const sealed of sealEvents(GENESIS_HASH, events)) {
          const { prevHash, hash, ...covered } = sealed.metadata;
          const { dataJson, metadataJson } = storedText(sealed);
          expect(dataJson).toBe(canonicalJson(sealed.data));
          expect(metadataJson).toBe(`${canonicalJson(covered).slice(0, -1)},"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`);
          expect(prevHash).toBe(previous);
          expect(hash).toBe(eventHash(previous, sealed));
          previous = hash;
        }
      }),
      propertyRuns(300, process.env),
    );
  });

  it('serialises afresh an event whose data or metadata is no longer what was sealed', () => {
    const [sealed] = sealEvents(GENESIS_HASH, [{ eventId: 'e-1', type: 'T', data: { a: 1 }, metadata: { occurredOn: '2016-08-01', recordedAt: 'r', actor: 'a', schemaVersion: 1 } }]);
    if (!sealed) throw new Error('nothing sealed');
    expect(storedText({ ...sealed, data: { a: 2 } }).dataJson).toBe('{"a":2}');
    expect(storedText(Object.assign(sealed, { data: { b: 3 } })).dataJson).toBe('{"b":3}');
    expect(JSON.parse(storedText({ ...sealed, metadata: { ...sealed.metadata, actor: 'b' } }).metadataJson)).toMatchObject({ actor: 'b' });
  });

  it('looks like a plain event to JSON, equality and copies (a SealedEvent keeps its texts private)', () => {
    const unsealed = { eventId: 'e-1', type: 'T', data: { b: 1, a: [2] }, metadata: { actor: 'a', occurredOn: '2016-08-01', recordedAt: 'r', schemaVersion: 1 } };
    const [sealed] = sealEvents(GENESIS_HASH, [unsealed]);
    if (!sealed) throw new Error('nothing sealed');
    const plain = { eventId: 'e-1', type: 'T', data: unsealed.data, metadata: { ...sealed.metadata } };
    expect(Object.keys(sealed)).toEqual(['eventId', 'type', 'data', 'metadata']);
    expect(JSON.stringify(sealed)).toBe(JSON.stringify(plain));
    expect(sealed).toEqual(plain);
    expect({ ...sealed }).toEqual(plain);
    expect(storedText(sealed)).toEqual({ dataJson: '{"a":[2],"b":1}', metadataJson: expect.stringMatching(/^\{"actor":"a","hashFormat":2,/) });
    // An object that only borrows the class's prototype has no sealed text: serialised afresh, no error.
    const borrowed = Object.assign(Object.create(SealedEvent.prototype) as SealedEvent, plain);
    expect(storedText(borrowed)).toEqual({ dataJson: '{"b":1,"a":[2]}', metadataJson: JSON.stringify(plain.metadata) });
  });

  it('serialises an event that was never sealed here with JSON.stringify', () => {
    const event = { eventId: 'e', type: 'T', data: { b: 1, a: 2 }, metadata: { occurredOn: 'o', recordedAt: 'r', actor: 'a', schemaVersion: 1, prevHash: 'p', hash: 'h' } };
    expect(storedText(event)).toEqual({ dataJson: '{"b":1,"a":2}', metadataJson: JSON.stringify(event.metadata) });
  });
});
