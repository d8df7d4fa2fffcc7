/**
 * Generators of hostile input for the fuzz suites: commands broken in every way a client
 * (or an attacker) might break them, as the bytes that go on the wire or into an import
 * file. Some stay valid, so that the suites also check that what is accepted is stored.
 */
import fc from 'fast-check';
import { journey } from './journey';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Households the fuzz writes to: a few, so that valid commands build on each other. */
export const FUZZ_HOUSEHOLDS = ['hh-z1', 'hh-z2', 'hh-z3', 'hh-z4'];

/** Every step of a household's life, for each fuzz household, as plain JSON. */
export const validCommands = (division: string): Record<string, Json>[] =>
  FUZZ_HOUSEHOLDS.flatMap((id) => journey(id, division) as Record<string, Json>[]);

const dangerousKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__');
const badDates = fc.constantFrom('2016-02-30', '2016-13-01', '2016-00-10', '2016-1-1', '16-01-01', '99999-01-01', '2016-01-01T00:00:00Z', '', ' 2016-01-01', '2016/01/01', '0000-00-00', '2016-02-29x', 'NaN');
const weirdStrings = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uFFFF', '\uD800', 'x'.repeat(501), 'hh-z1\n', '../../etc/passwd', "'; DROP TABLE events; --", '<script>alert(1)</script>', '%00', '\u202E'),
  fc.nat({ max: 300_000 }).map((n) => 'h'.repeat(n)),
);
const weirdNumbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 0.1 + 0.2, 1e-7));
const wrongTyped: fc.Arbitrary<Json> = fc.oneof(
  weirdStrings,
  weirdNumbers,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 5 }),
  fc.nat({ max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i) as Json),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 4 }),
  badDates,
);

/** `depth` nested arrays or objects around a value. */
const nestedJson = (depth: number, asObject: boolean): string => (asObject ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`);

/** A command object mutated in one of many ways (the key order of JSON text is kept as built). */
const mutatedCommand = (commands: readonly Record<string, Json>[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...commands), fc.nat(), fc.integer({ min: 0, max: 9 }), wrongTyped, dangerousKeys, badDates, fc.integer({ min: 20, max: 2_000 }))
    .map(([command, pick, how, value, key, date, depth]) => {
      const fields = Object.keys(command);
      const field = fields[pick % fields.length] as string;
      const copy: Record<string, Json> = { ...command };
      switch (how) {
        case 0: // a field of the wrong type or value
          copy[field] = value;
          return JSON.stringify(copy);
        case 1: // a missing field
          delete copy[field];
          return JSON.stringify(copy);
        case 2: // an extra field
          copy[`extra${pick % 7}`] = value;
          return JSON.stringify(copy);
        case 3: {
          // a key that names a prototype's property, as an own property of the JSON text
          const text = JSON.stringify(copy);
          return `{${JSON.stringify(key)}:${JSON.stringify(value)},${text.slice(1)}`;
        }
        case 4: // an invalid date
          copy['on'] = date;
          return JSON.stringify(copy);
        case 5: {
          // deep nesting in a field
          const text = JSON.stringify({ ...copy, [field]: 0 });
          return text.replace(`${JSON.stringify(field)}:0`, `${JSON.stringify(field)}:${nestedJson(depth, pick % 2 === 0)}`);
        }
        case 6: // a huge array where a list belongs
          copy['members'] = Array.from({ length: 1 + (pick % 5_000) }, (_, i) => ({ memberId: `m${i}`, birthYear: 1980, sex: 'female' }));
          return JSON.stringify(copy);
        case 7: // the same key twice (JSON.parse keeps the last)
          return `{${JSON.stringify(field)}:${JSON.stringify(value)},${JSON.stringify(copy).slice(1)}`;
        case 8: // a duplicate of a valid command with an actor not the token's
          return JSON.stringify({ ...copy, actor: typeof value === 'string' ? value : 'someone-else' });
        default: // unchanged: valid, or refused by the domain (out of order)
          return JSON.stringify(copy);
      }
    });

/** Bytes that are not JSON, or not UTF-8, or JSON of the wrong shape. */
const brokenBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 33, max: 5_000 }).map((d) => Buffer.from(nestedJson(d, d % 2 === 0))),
  fc.constantFrom('', '{', '{"type":', 'null', '[]', '{}', '"RegisterHousehold"', 'true', '1e999', '{"type":"RegisterHousehold"}', '\uFEFF{}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}').map((s) => Buffer.from(s)),
);

/** Invalid UTF-8 sequences: a lone continuation byte, an overlong form, a truncated sequence, a surrogate, bytes never used. */
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xff], [0xfe], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc3, 0x28]];

/** A valid JSON text with invalid UTF-8 bytes spliced in (inside a string, or between tokens). */
const withInvalidUtf8 = (text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> =>
  fc.tuple(text, fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([t, bad, at]) => {
    const bytes = Buffer.from(t);
    const i = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]);
  });

/** A registration of a new household (mostly: ids may repeat) with a free-text note: one the domain accepts. */
export const freshRegistration = (division: string): fc.Arbitrary<Record<string, Json>> =>
  fc.tuple(fc.nat({ max: 1_000_000 }), fc.string({ maxLength: 40 })).map(([n, note]) => ({
    type: 'RegisterHousehold', householdId: `hh-n${n}`, on: '2016-02-01', divisionCode: division, note: `note ${note}`,
    members: [{ memberId: `hh-n${n}-a`, birthYear: 1980, sex: 'female' }],
  }));

/** A registration that would be accepted, but with bytes that are not UTF-8 in its free-text note. */
export const invalidUtf8InNote = (division: string): fc.Arbitrary<{ kind: string; bytes: Buffer }> =>
  fc.tuple(freshRegistration(division), fc.constantFrom(...INVALID_UTF8)).map(([command, bad]) => {
    const [before, after] = JSON.stringify(command).split('"note ');
    return { kind: 'invalid UTF-8 in free text', bytes: Buffer.concat([Buffer.from(`${before}"note `), Buffer.from(bad), Buffer.from(after as string)]) };
  });

/** The kinds of hostile body, each named, with a valid command now and then. */
export const hostileBody = (commands: readonly Record<string, Json>[]): fc.Arbitrary<{ kind: string; bytes: Buffer }> =>
  fc.oneof(
    { weight: 6, arbitrary: mutatedCommand(commands).map((s) => ({ kind: 'mutated command', bytes: Buffer.from(s) })) },
    { weight: 2, arbitrary: fc.constantFrom(...commands).map((c) => ({ kind: 'valid command', bytes: Buffer.from(JSON.stringify(c)) })) },
    { weight: 1, arbitrary: freshRegistration(commands[0]?.['divisionCode'] as string).map((c) => ({ kind: 'new household', bytes: Buffer.from(JSON.stringify(c)) })) },
    { weight: 2, arbitrary: brokenBytes.map((bytes) => ({ kind: 'not a command', bytes })) },
    { weight: 1, arbitrary: withInvalidUtf8(fc.constantFrom(...commands).map((c) => JSON.stringify(c))).map((bytes) => ({ kind: 'invalid UTF-8', bytes })) },
  );

export const isUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
