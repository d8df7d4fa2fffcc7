import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CanonicalWriter, toCanonicalJson } from './canonical-json';
import { propertyRuns } from './testing';

/** The text, for values canonical JSON writes; a refusal fails the test. */
const canonicalJson = (value: unknown): string => {
  const text = toCanonicalJson(value);
  if (E.isLeft(text)) throw new Error(`refused at ${text.left.path}: ${text.left.reason}`);
  return text.right;
};

/** Writes `value` after what `writer` holds; a refusal fails the test. */
const writeCanonical = (writer: CanonicalWriter, value: unknown): void => expect(writer.write(value)).toBeUndefined();

describe('canonical JSON', () => {
  it('sorts object keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":0}]},"b":1}',
    );
  });

  it('sorts objects of many keys in any insertion order, as small ones (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 17, maxLength: 60 }), (keys) => {
        const reversed = Object.fromEntries([...keys].reverse().map((k, i) => [k, i]));
        const asGiven = Object.fromEntries(keys.map((k, i) => [k, keys.length - 1 - i]));
        const expected = `{${[...keys].sort().map((k) => `${JSON.stringify(k)}:${keys.length - 1 - keys.indexOf(k)}`).join(',')}}`;
        expect(canonicalJson(reversed)).toBe(expected);
        expect(canonicalJson(asGiven)).toBe(expected);
      }),
      propertyRuns(100, process.env),
    );
  });

  it('does not depend on the order in which keys were inserted', () => {
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('normalises like JSON.stringify: undefined members dropped, undefined array slots and holes null, toJSON used', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, , 1], c: new Date('2016-08-01T00:00:00Z') })).toBe(
      '{"b":[null,null,1],"c":"2016-08-01T00:00:00.000Z"}',
    );
  });

  it.each([
    ['NaN', { n: NaN }, '$.n', 'non-finite number NaN'],
    ['Infinity', [Infinity], '$[0]', 'non-finite number Infinity'],
    ['a bigint', { n: 1n }, '$.n', 'unsupported type bigint'],
    ['a function', { f: () => 1 }, '$.f', 'unsupported type function'],
    ['a symbol', [Symbol('s')], '$[0]', 'unsupported type symbol'],
    ['undefined at the top', undefined, '$', 'top-level value is undefined'],
  ])('refuses %s, as a value naming where and why', (_, value, path, reason) => {
    expect(toCanonicalJson(value)).toEqual(E.left({ path, reason }));
  });

  it('names where the offending value is, and only there the next time', () => {
    expect(toCanonicalJson({ a: [{ b: -Infinity }] })).toEqual(E.left({ path: '$.a[0].b', reason: 'non-finite number -Infinity' }));
    expect(toCanonicalJson({ c: NaN })).toEqual(E.left({ path: '$.c', reason: 'non-finite number NaN' }));
    expect(toCanonicalJson({ c: 1 })).toEqual(E.right('{"c":1}'));
  });

  it('is unchanged by a JSON round trip, which is what a store does (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('parses back to the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  // The oracle: the rule in its simplest form — keys sorted by `sort()`, every key and leaf
  // written by JSON.stringify — for values of any UTF-16 text (lone surrogates, controls,
  // quotes, backslashes, non-ASCII), any finite double (-0, exponents), any depth.
  const oracle = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(oracle).join(',')}]`
      : typeof v === 'object' && v !== null
        ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${oracle((v as Record<string, unknown>)[k])}`).join(',')}}`
        : JSON.stringify(v);

  it('writes exactly the text of the plain sorted-keys writer the hash chains were sealed over (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(oracle(value));
      }),
      propertyRuns(500, process.env),
    );
  });

  it('writes every text and every finite number as JSON.stringify does, keys included (property)', () => {
    // Any UTF-16 units: lone surrogates, controls, quotes and backslashes among plain characters.
    const texts = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u001f', '\u007f', '\ud800', '\udc00', 'a', 'é', '中') }));
    fc.assert(
      fc.property(texts, fc.double({ noNaN: true, noDefaultInfinity: true }), (text, number) => {
        expect(canonicalJson(text)).toBe(JSON.stringify(text));
        expect(canonicalJson(number)).toBe(JSON.stringify(number));
        expect(canonicalJson({ [text]: [text, number] })).toBe(`{${JSON.stringify(text)}:[${JSON.stringify(text)},${JSON.stringify(number)}]}`);
      }),
      propertyRuns(1000, process.env),
    );
    expect(canonicalJson([-0, 1e21, 5e-324, '\ud83d\ude00', '\ude00\ud83d'])).toBe(JSON.stringify([-0, 1e21, 5e-324, '\ud83d\ude00', '\ude00\ud83d']));
  });

  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\b', '\u0000', '\u001f', '\u007f', '\u0080', '\ud800', '\udc00', '\ud83d\ude00', 'a', 'é', '中', '\u2028', '\uffff') }),
  );
  const anyValue = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    leaf: fc.oneof(anyText, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null)),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(anyText, tie('value'), { maxKeys: 6 }),
  })).value;

  it('writes the bytes of the sorted-keys JSON.stringify text, as UTF-8, for any text, number and nesting (property)', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const expected = oracle(value);
        expect(canonicalJson(value)).toBe(expected);
        const writer = CanonicalWriter.take();
        try {
          writer.raw('prefix:');
          writeCanonical(writer, value);
          expect(Buffer.from(writer.bytes.subarray(0, writer.length)).equals(Buffer.from(`prefix:${expected}`, 'utf8'))).toBe(true);
          expect(writer.text(7, writer.length)).toBe(expected);
        } finally {
          writer.release();
        }
      }),
      propertyRuns(1000, process.env),
    );
  });

  it('writes the same text whatever order the keys were inserted in (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(anyText, anyValue, { maxKeys: 20 }), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(canonicalJson(value)).toBe(oracle(value));
      }),
      propertyRuns(300, process.env),
    );
  });

  it('writes a value larger than the buffer whole, and the next one too', () => {
    const large = { b: 'é'.repeat(700_000), a: Array.from({ length: 1000 }, (_, i) => i) };
    expect(canonicalJson(large)).toBe(oracle(large));
    expect(canonicalJson({ z: 'x', y: [1.5, -0] })).toBe('{"y":[1.5,0],"z":"x"}');
  });

  it('writes a value canonical JSON is asked for inside a toJSON, and the outer text, whole', () => {
    const inner = { toJSON: () => canonicalJson({ b: 'é', a: [1, 2] }) };
    expect(canonicalJson({ z: inner, y: 'x'.repeat(40_000) })).toBe(JSON.stringify({ y: 'x'.repeat(40_000), z: '{"a":[1,2],"b":"é"}' }));
  });

  it('hashes the same bytes as the SHA-256 of the text', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const writer = CanonicalWriter.take();
        try {
          writeCanonical(writer, value);
          const fromBytes = createHash('sha256').update(writer.bytes.subarray(0, writer.length)).digest('hex');
          expect(fromBytes).toBe(createHash('sha256').update(oracle(value)).digest('hex'));
        } finally {
          writer.release();
        }
      }),
      propertyRuns(300, process.env),
    );
  });
});
