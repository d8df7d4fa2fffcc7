import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { RecordedEvent } from './envelope';
import { eventHash, GENESIS_HASH, sealEvents, verifyStream } from './hash-chain';
import { testEvents } from './testing/event-factory';

const recorded = (count: number): RecordedEvent[] =>
  testEvents(count).map((e, i) => ({ ...e, streamId: 's', streamVersion: i, position: 100 + i }));

describe('hash chain', () => {
  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('hashes prevHash followed by the canonical JSON of type, data, occurredOn and actor', () => {
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}{"actor":"clerk","data":{"a":1,"b":[2]},"occurredOn":"2016-08-01","type":"HouseholdRegistered"}`)
      .digest('hex');
    expect(
      eventHash(GENESIS_HASH, { type: 'HouseholdRegistered', data: { b: [2], a: 1 }, occurredOn: '2016-08-01', actor: 'clerk' }),
    ).toBe(expected);
  });

  it('seals events in order, each linked to the one before', () => {
    const sealed = sealEvents('f'.repeat(64), testEvents(3));
    expect(sealed[0]?.metadata.prevHash).toBe('f'.repeat(64));
    expect(sealed[1]?.metadata.prevHash).toBe(sealed[0]?.metadata.hash);
    expect(sealed[2]?.metadata.prevHash).toBe(sealed[1]?.metadata.hash);
  });

  it('leaves recordedAt, note and ids out of the hash', () => {
    const [a] = testEvents([{ data: { x: 1 } }]);
    if (!a) throw new Error('no event');
    const [b] = sealEvents(GENESIS_HASH, [
      { ...a, eventId: 'other', metadata: { ...a.metadata, recordedAt: 'later', note: 'n', commandId: 'c' } },
    ]);
    expect(b?.metadata.hash).toBe(a.metadata.hash);
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

  it('detects any change of type, data, occurredOn or actor (property)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.jsonValue(),
        fc.constantFrom('type', 'data', 'occurredOn', 'actor'),
        (data, other, field) => {
          fc.pre(JSON.stringify(data) !== JSON.stringify(other));
          const events = recorded(1).map((e) => ({ ...e, data }));
          const [sealed] = sealEvents(GENESIS_HASH, events);
          if (!sealed) throw new Error('no event');
          const stored = { ...sealed, streamId: 's', streamVersion: 0, position: 1 };
          expect(verifyStream([stored])).toEqual({ ok: true });
          const tampered =
            field === 'data'
              ? { ...stored, data: other }
              : field === 'type'
                ? { ...stored, type: `${stored.type}!` }
                : { ...stored, metadata: { ...stored.metadata, [field]: `${stored.metadata[field]}!` } };
          expect(verifyStream([tampered])).toMatchObject({ ok: false, reason: 'hash-mismatch' });
        },
      ),
      { numRuns: 200 },
    );
  });
});
