import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { IdC, MoneyC, TextC } from './primitives';
import { propertyRuns } from '../testing';

describe('MoneyC', () => {
  it.each([0, 1, 12.5, 100.99, 0.3, 1234567.89, 1e12])('accepts %p (at most two decimals)', (v) => {
    expect(E.isRight(MoneyC.decode(v))).toBe(true);
  });
  it.each([100.999999999, 100.001, 0.1 + 0.2, 1e-7, 0.005, -1, 1e12 + 0.01, Infinity, NaN, '12'])('refuses %p', (v) => {
    expect(E.isLeft(MoneyC.decode(v))).toBe(true);
  });
});

describe('MoneyC agrees with the two-decimal test on every number', () => {
  const regexIsMoney = (u: unknown): boolean =>
    typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 1e12 && /^\d+(?:\.\d{1,2})?$/.test(String(u));
  it('integers, cents, doubles and the bounds', () => {
    const numbers = fc.oneof(fc.integer(), fc.integer({ min: -10, max: 1e6 }).map((c) => c / 100), fc.double(), fc.constantFrom(1e12, 1e12 + 1, 1e21, -0, 999999999999.99, 1e-7));
    fc.assert(fc.property(numbers, (u) => MoneyC.is(u) === regexIsMoney(u)), propertyRuns(5000, process.env));
  });
});

describe('IdC agrees with its regular expression', () => {
  const regexIsId = (u: unknown): boolean => typeof u === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(u);
  it('on ids, near-ids of every length around the bounds, and any string', () => {
    // Mostly an id's own characters, so that a near-id of 64 or 65 characters is often all of them.
    const idChar = fc.oneof({ arbitrary: fc.constantFrom(...'Az09._:-'.split('')), weight: 60 }, { arbitrary: fc.constantFrom(...'/ \n\u00e9\u0130'.split('')), weight: 1 });
    // size 'max': fast-check would otherwise draw at most about ten characters, never a length near 64.
    const nearIds = fc.array(idChar, { minLength: 0, maxLength: 66, size: 'max' }).map((cs) => cs.join(''));
    const atTheBound = new Map<number, number>();
    fc.assert(
      fc.property(fc.oneof({ arbitrary: nearIds, weight: 4 }, fc.string({ maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.anything()), (u) => {
        if (typeof u === 'string' && (u.length === 64 || u.length === 65) && /^[A-Za-z0-9._:-]*$/.test(u)) atTheBound.set(u.length, (atTheBound.get(u.length) ?? 0) + 1);
        return IdC.is(u) === regexIsId(u);
      }),
      propertyRuns(5000, process.env),
    );
    // Near-ids of an id's characters only, at the longest allowed and one character longer: 13-24 of each in 5,000 runs (seeds 1-6).
    expect(atTheBound.get(64) ?? 0).toBeGreaterThanOrEqual(3);
    expect(atTheBound.get(65) ?? 0).toBeGreaterThanOrEqual(3);
  });
});

describe('TextC counts characters, as domain.md says ("at most 500 characters") and the OpenAPI maxLength means', () => {
  it.each([
    ['500 characters outside the Basic Multilingual Plane (1000 UTF-16 units)', '\u{20BB7}'.repeat(500), true],
    ['300 emoji', '\u{1F600}'.repeat(300), true],
    ['500 Chinese characters', '\u4E2D'.repeat(500), true],
    ['501 characters outside the BMP', '\u{20BB7}'.repeat(501), false],
    ['501 ASCII characters', 'a'.repeat(501), false],
  ])('%s', (_what, text, accepted) => {
    expect(E.isRight(TextC.decode(text))).toBe(accepted);
  });
});
