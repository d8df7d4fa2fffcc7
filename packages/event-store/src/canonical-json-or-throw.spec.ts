import { CanonicalWriter } from '@hearth/domain';
import { canonicalJson, NonCanonicalValueError, writeCanonical } from './canonical-json-or-throw';

// What canonical JSON writes and refuses is the domain's (canonical-json.spec.ts there);
// here, only that the store turns a refusal into the error it has always thrown.
describe("the store's canonical JSON", () => {
  it('is the text for a value canonical JSON writes', () => {
    expect(canonicalJson({ b: [1, undefined], a: 'é' })).toBe('{"a":"é","b":[1,null]}');
  });

  it('throws NonCanonicalValueError naming where the refused value is', () => {
    expect(() => canonicalJson({ a: [{ b: -Infinity }] })).toThrow(NonCanonicalValueError);
    expect(() => canonicalJson({ a: [{ b: -Infinity }] })).toThrow('cannot canonicalise value at $.a[0].b: non-finite number -Infinity');
    expect(() => canonicalJson(undefined)).toThrow('cannot canonicalise value at $: top-level value is undefined');
  });

  it('throws from writeCanonical too, and writes the value when it has canonical JSON', () => {
    const writer = CanonicalWriter.take();
    try {
      expect(() => writeCanonical(writer, { f: () => 1 })).toThrow(expect.objectContaining({ name: 'NonCanonicalValueError', path: '$.f', reason: 'unsupported type function' }));
      writer.reset();
      writeCanonical(writer, { z: 1, a: [true] });
      expect(writer.text(0, writer.length)).toBe('{"a":[true],"z":1}');
    } finally {
      writer.release();
    }
  });
});
