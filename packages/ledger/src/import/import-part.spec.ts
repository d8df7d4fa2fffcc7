import fc from 'fast-check';
import { householdPart, MAX_IMPORT_PARTS, parseImportPart, partOfLine, partOfValue } from './import-part';

/**
 * FNV-1a (32 bits) written again here with BigInt arithmetic, from its definition: offset
 * basis 2166136261, prime 16777619, each unit XORed in and then multiplied modulo 2^32.
 */
const referenceFnv1a32 = (text: string): number => {
  let hash = 0x811c9dc5n;
  for (let i = 0; i < text.length; i++) hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x01000193n) % 0x1_0000_0000n;
  return Number(hash);
};

/** Every count a split may have. */
const COUNTS = Array.from({ length: MAX_IMPORT_PARTS - 1 }, (_, i) => i + 2);

describe('parseImportPart', () => {
  it.each([
    ['1/2', { index: 1, count: 2 }],
    ['2/2', { index: 2, count: 2 }],
    ['3/7', { index: 3, count: 7 }],
    ['64/64', { index: 64, count: 64 }],
  ])('accepts %s', (text, part) => {
    expect(parseImportPart(text)).toEqual(part);
  });

  it.each([
    ['0/2', 'I must be from 1 to N (2), got 0'],
    ['3/2', 'I must be from 1 to N (2), got 3'],
    ['1/1', 'N must be from 2 to 64, got 1'],
    ['1/65', 'N must be from 2 to 64, got 65'],
    ['x', 'expected I/N (for example 1/2), got "x"'],
    ['1/2/3', 'expected I/N (for example 1/2), got "1/2/3"'],
    [' 1/2', 'expected I/N (for example 1/2), got " 1/2"'],
    ['-1/2', 'expected I/N (for example 1/2), got "-1/2"'],
  ])('refuses %s, saying why', (text, reason) => {
    expect(parseImportPart(text)).toBe(reason);
  });
});

describe('householdPart', () => {
  it('matches the published FNV-1a 32-bit test vectors, reduced to every count (a stored split is resumed by it)', () => {
    // For ASCII ids the UTF-16 code units are the bytes the published vectors hash.
    const vectors: [string, number][] = [['', 0x811c9dc5], ['a', 0xe40c292c], ['foobar', 0xbf9cf968]];
    for (const [text, hash] of vectors) {
      expect(referenceFnv1a32(text)).toBe(hash);
      for (const count of COUNTS) expect(householdPart(text, count)).toBe((hash % count) + 1);
    }
  });

  it('is the reference FNV-1a of the id modulo the count, plus one, for any id and count', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 2, max: MAX_IMPORT_PARTS }), (id, count) => {
        const part = householdPart(id, count);
        expect(part).toBe((referenceFnv1a32(id) % count) + 1);
        expect(part).toBeGreaterThanOrEqual(1);
        expect(part).toBeLessThanOrEqual(count);
        expect(householdPart(id, count)).toBe(part);
      }),
    );
  });

  it('spreads 10,000 ids like the simulator\'s evenly over two parts (each 45-55%)', () => {
    const inFirst = Array.from({ length: 10_000 }, (_, i) => `H${String(i + 1).padStart(7, '0')}`).filter((id) => householdPart(id, 2) === 1).length;
    expect(inFirst).toBeGreaterThanOrEqual(4_500);
    expect(inFirst).toBeLessThanOrEqual(5_500);
  });
});

describe('partOfValue', () => {
  it.each([
    ['an array', [{ householdId: 'h2' }]],
    ['null', null],
    ['a number', 42],
    ['a string', 'h2'],
    ['an object without householdId', { type: 'RegisterHousehold' }],
    ['an object whose householdId is a number', { householdId: 7 }],
    ['an object whose householdId is null', { householdId: null }],
  ])('puts %s in part 1', (_, value) => {
    for (const count of COUNTS) expect(partOfValue(value, count)).toBe(1);
  });

  it('puts an object with a string householdId in its household\'s part', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: MAX_IMPORT_PARTS }), (householdId, count) => {
        expect(partOfValue({ type: 'AddMember', householdId }, count)).toBe(householdPart(householdId, count));
      }),
    );
  });

  it('sends some households to parts other than 1 (the rule is not "everything in part 1")', () => {
    const parts = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'].map((householdId) => partOfValue({ householdId }, 2)));
    expect(parts).toEqual(new Set([1, 2]));
  });
});

describe('partOfLine', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,70}$/);
  /** Lines a file may hold: commands with ids valid or not, keys repeated in notes, nested or escaped, any spacing. */
  const command = fc.record(
    {
      householdId: fc.oneof(id, fc.string(), fc.integer(), fc.constant(null)),
      note: fc.oneof(fc.string(), fc.constant('"householdId":"h9"'), fc.constant('{"householdId":"h9"}'), fc.constant('a\\')),
      nested: fc.record({ householdId: id }),
    },
    { requiredKeys: [] },
  );
  /** The command's keys in any order: a note (with its escapes) may come before the household. */
  const anyOrder = command.chain((c) => fc.shuffledSubarray(Object.entries(c), { minLength: Object.keys(c).length }).map((entries) => Object.fromEntries(entries)));
  const value = fc.oneof(anyOrder, fc.array(anyOrder, { maxLength: 2 }), fc.record({ member: anyOrder }));
  const line = value.chain((v) =>
    fc.constantFrom(JSON.stringify(v), JSON.stringify(v, null, 1).replace(/\n/g, ' '), JSON.stringify(v).replace('"householdId"', '"household\\u0049d"'), JSON.stringify(v).replace('"note":"', '"note":"\\\\')),
  );

  it("is partOfValue of what JSON.parse reads, read without parsing where the key can be read in the text", () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 2, max: MAX_IMPORT_PARTS }), (text, count) => {
        expect(partOfLine(text, count)).toBe(partOfValue(JSON.parse(text), count));
      }),
      { numRuns: 2000 },
    );
  });

  it('is not fooled by an escaped quote that makes "householdId" part of another key', () => {
    // Counting quotes without the escape, the text before the key looks outside any string; the object has no householdId.
    const line = String.raw`{"a":"\"","x\"householdId":"h1"}`;
    expect(JSON.parse(line)).toEqual({ a: '"', 'x"householdId': 'h1' });
    for (const count of COUNTS) expect(partOfLine(line, count)).toBe(1);
  });

  it('reads the key JSON.parse keeps when it is repeated, and the top-level one beside a nested one', () => {
    const repeated = '{"householdId":"h1","type":"AddMember","householdId":"h2"}';
    const nested = '{"member":{"householdId":"h1"},"householdId":"h2"}';
    for (const count of COUNTS) {
      expect(partOfLine(repeated, count)).toBe(householdPart('h2', count));
      expect(partOfLine(nested, count)).toBe(householdPart('h2', count));
    }
  });

  it("puts a line that is not JSON in its household's part when its text names one at the key, else in part 1", () => {
    for (const count of COUNTS) {
      expect(partOfLine('{"householdId":"h2","type":', count)).toBe(householdPart('h2', count));
      expect(partOfLine('{"type":"AddMember",', count)).toBe(1);
      expect(partOfLine('not json at all', count)).toBe(1);
    }
  });
});
