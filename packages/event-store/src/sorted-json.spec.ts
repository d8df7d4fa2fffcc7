import { hash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json-or-throw';
import { eventHash, GENESIS_HASH, hashFormatOf } from './hash-chain';
import { sortedJsonText } from './sorted-json';
import { propertyRuns } from '@hearth/domain/testing';

/** canonicalJson's text, or the refusal's message. */
const canonicalOrError = (v: unknown): string => {
  try {
    return canonicalJson(v);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
};

/** Values of every shape: sparse arrays, boxed values, dates, null prototypes, -0, NaN, undefined, integer-like keys. */
const anything = fc.anything({
  withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, withMap: true, withSet: true, maxDepth: 3,
});
const keys = fc.constantFrom('a', 'b', 'B', 'aa', '0', '1', '10', '9', '', 'é', '__proto__', 'toJSON', 'constructor');
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string(), fc.array(tie('json'), { maxLength: 4 }), fc.dictionary(keys, tie('json'), { maxKeys: 5 })),
}));

describe('sortedJsonText', () => {
  it('is canonicalJson or nothing, for values of every shape (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anything, json), (v) => {
        const text = sortedJsonText(v);
        return text === undefined || text === canonicalOrError(v);
      }),
      propertyRuns(5000, process.env),
    );
  });

  it('is canonicalJson for the parsed canonical text of any JSON value without integer-like keys (property)', () => {
    const integerLike = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k);
    const hasIntegerKey = (v: unknown): boolean =>
      typeof v === 'object' && v !== null && (Array.isArray(v) ? v.some(hasIntegerKey) : Object.entries(v).some(([k, x]) => integerLike(k) || hasIntegerKey(x)));
    fc.assert(
      fc.property(json, (v) => {
        const text = canonicalOrError(v);
        fc.pre(!text.startsWith('error') && !hasIntegerKey(v));
        return sortedJsonText(JSON.parse(text)) === text;
      }),
      propertyRuns(3000, process.env),
    );
  });

  it.each([
    ['keys out of order', { b: 1, a: 2 }],
    ['an integer-like key after another (enumerated in numeric order)', JSON.parse('{"10":1,"9":2}')],
    ['an undefined member', { a: undefined }],
    ['a date', { a: new Date(0) }],
    ['a boxed number', Object(1)],
    ['a non-finite number from the text 1e999', JSON.parse('{"a":1e999}')],
    ['a null-prototype object', Object.create(null)],
    ['a hole', [1, , 2]],
  ])('leaves %s to canonicalJson', (_what, v) => {
    expect(sortedJsonText(v)).toBeUndefined();
  });
});

type Content = { eventId: unknown; type: unknown; data: unknown; metadata: Record<string, unknown> };

/** The definition of the hash (hash-chain.ts), written the long way. */
const reference = (prevHash: string, e: Content): string => {
  const { prevHash: _p, hash: _h, ...rest } = e.metadata;
  const covered = hashFormatOf(e.metadata) === 1 ? { type: e.type, data: e.data, occurredOn: e.metadata['occurredOn'], actor: e.metadata['actor'] } : { eventId: e.eventId, type: e.type, data: e.data, metadata: rest };
  return hash('sha256', prevHash + canonicalJson(covered), 'hex');
};

/** The event as parsed from the canonical texts a store keeps of it (undefined when it has none). */
const readBackOf = (e: Content): Content | undefined => {
  try {
    const { prevHash, hash: h, ...rest } = e.metadata;
    return { ...e, data: JSON.parse(canonicalJson(e.data)) as unknown, metadata: { ...(JSON.parse(canonicalJson(rest)) as object), prevHash, hash: h } };
  } catch {
    return undefined;
  }
};

describe('eventHash', () => {
  const metadata = fc.record(
    {
      occurredOn: fc.oneof(fc.constant('2016-08-01'), anything),
      recordedAt: fc.constant('2016-08-02T10:00:00.000Z'),
      actor: fc.oneof(fc.constant('clerk'), anything),
      note: fc.oneof(fc.string(), json),
      schemaVersion: fc.oneof(fc.constant(1), fc.double()),
      commandId: fc.string(),
      hashFormat: fc.constantFrom(1, 2),
      prevHash: fc.constant(GENESIS_HASH),
      hash: fc.string(),
    },
    { requiredKeys: ['occurredOn', 'recordedAt', 'actor', 'schemaVersion', 'prevHash', 'hash'] },
  );

  it('is the hash of the canonical JSON of what the format covers, for events of any content, as built or read back (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anything), fc.oneof(fc.string(), anything), fc.oneof(anything, json), metadata, fc.boolean(), (eventId, type, data, m, readBack) => {
        const event = { eventId, type, data, metadata: m as Record<string, unknown> };
        let expected: string;
        try {
          expected = reference(GENESIS_HASH, event);
        } catch {
          expect(() => eventHash(GENESIS_HASH, event as never)).toThrow();
          return;
        }
        // Read back: parsed from the text a store keeps (the metadata's hashes last, as sealing writes it).
        const stored = readBack ? readBackOf(event) : undefined;
        if (stored) expect(eventHash(GENESIS_HASH, stored as never)).toBe(reference(GENESIS_HASH, stored));
        else expect(eventHash(GENESIS_HASH, event as never)).toBe(expected);
      }),
      propertyRuns(3000, process.env),
    );
  });
});
