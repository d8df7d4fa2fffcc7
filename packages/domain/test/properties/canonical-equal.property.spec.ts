import fc from 'fast-check';
import { canonicallyEqual } from '../../src/canonical-equal';
import { canonicalText, random, value, variant } from './json-values';
import { propertyRuns } from '../../src/testing';

/** The oracle is the comparison it replaces: the two canonical texts. */
const oracle = (a: unknown, b: unknown): boolean => canonicalText(a) === canonicalText(b);

describe('canonicallyEqual agrees with comparing canonical JSON texts', () => {
  it('independent pairs of values', () => {
    fc.assert(fc.property(value, value, (a, b) => canonicallyEqual(a, b) === oracle(a, b)), propertyRuns(5000, process.env));
  });

  it('a value against a near copy of itself (keys reordered, undefined members, -0, NaN for null, a changed leaf)', () => {
    let equalSeen = 0;
    let differentSeen = 0;
    fc.assert(
      fc.property(value, fc.integer(), (v, seed) => {
        const w = variant(v, random(seed));
        const expected = oracle(v, w);
        if (expected) equalSeen++;
        else differentSeen++;
        return canonicallyEqual(v, w) === expected && canonicallyEqual(w, v) === expected;
      }),
      propertyRuns(5000, process.env),
    );
    expect(equalSeen).toBeGreaterThan(500);
    expect(differentSeen).toBeGreaterThan(200);
  });

  it.each([
    ['[] and {}', [], {}],
    ['a function member and null', { a: () => 1 }, { a: null }],
    ['a missing member and an undefined one', {}, { a: undefined }],
    ['undefined and null in an array', [undefined], [null]],
    ['a NaN and null', NaN, null],
    ['a hole and null', new Array(1), [null]],
    ['a hole and undefined', new Array(1), [undefined]],
    ['two holes', new Array(2), new Array(2)],
    ['0 and -0', { n: 0 }, { n: -0 }],
    ['a number and its text', 1, '1'],
    ['an inherited member and none', Object.create({ a: 1 }) as object, {}],
    ['arrays of different lengths', [1], [1, null]],
  ])('%s', (_what, a, b) => {
    expect(canonicallyEqual(a, b)).toBe(oracle(a, b));
    expect(canonicallyEqual(b, a)).toBe(oracle(a, b));
  });
});
