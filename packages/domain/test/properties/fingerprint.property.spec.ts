import fc from 'fast-check';
import { canonicalJson } from '../../src/canonical-json';
import { contentOf, correctedContent, sameContent } from '../../src/household/fingerprint';

/**
 * The oracle: a content's fingerprint as it used to be kept, canonical JSON of every field
 * but type, householdId, actor, note and commandId, plus the business date; and a
 * correction merged into it by parsing that text back. `sameContent` and
 * `correctedContent` must give the same answers without building any text.
 */
const canonicalFingerprint = (fields: object, on: string): string => {
  const { type: _t, householdId: _h, actor: _a, note: _n, commandId: _c, ...content } = fields as Record<string, unknown>;
  return canonicalJson({ ...content, on });
};
const canonicalRefingerprint = (fingerprint: string, correction: Record<string, unknown>): string => {
  const { on, ...content } = JSON.parse(fingerprint) as Record<string, unknown>;
  return canonicalFingerprint({ ...content, ...correction }, typeof on === 'string' ? on : '');
};

/** Keys that are not content, keys that clash with Object.prototype, and ordinary ones. */
const key = fc.constantFrom('a', 'b', 'members', 'type', 'householdId', 'actor', 'note', 'commandId', 'on', 'constructor', 'toString');
const leaf = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(0, -0, 1.5, 1e21, NaN, Infinity),
  fc.constantFrom('', 'a', 'b', '2016-01-01', '\u2028', '\ud800'),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));
const fields = fc.dictionary(key, value, { maxKeys: 5 });
const day = fc.constantFrom('2016-01-01', '2016-01-02');

/** A copy of `v` that is often canonically the same (keys reordered, undefined members added, -0, NaN for null) and sometimes not. */
const variant = (v: unknown, rnd: () => number): unknown => {
  if (rnd() < 0.04) return changed(v);
  if (Array.isArray(v)) return v.map((x) => (x === undefined && rnd() < 0.3 ? null : variant(x, rnd)));
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(([k, x]): [string, unknown] => [k, variant(x, rnd)]);
    if (rnd() < 0.5) entries.reverse();
    if (rnd() < 0.2) entries.push(['extra', undefined]);
    if (rnd() < 0.1) entries.push([rnd() < 0.5 ? 'note' : 'actor', 'someone']);
    return Object.fromEntries(entries);
  }
  if (v === 0 && rnd() < 0.5) return -0;
  if (v === null && rnd() < 0.2) return NaN;
  return v;
};
const changed = (v: unknown): unknown => {
  if (typeof v === 'string') return `${v}x`;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 1 : 0;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return [...v, 1];
  if (typeof v === 'object' && v !== null) return { ...v, zz: 1 };
  return 0;
};
const random = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};

describe('content fingerprints agree with their canonical JSON definition', () => {
  it('two contents are the same exactly when their canonical texts are equal (independent pairs)', () => {
    fc.assert(
      fc.property(fields, day, fields, day, (f1, on1, f2, on2) =>
        sameContent(contentOf(f1, on1), contentOf(f2, on2)) === (canonicalFingerprint(f1, on1) === canonicalFingerprint(f2, on2)),
      ),
      { numRuns: 3000 },
    );
  });

  it('… and for a content against a near copy of itself', () => {
    let equalSeen = 0;
    let differentSeen = 0;
    fc.assert(
      fc.property(fields, day, fc.integer(), fc.boolean(), (f, on, seed, otherDay) => {
        const g = variant(f, random(seed)) as Record<string, unknown>;
        const on2 = otherDay && seed % 7 === 0 ? '2016-01-03' : on;
        const expected = canonicalFingerprint(f, on) === canonicalFingerprint(g, on2);
        if (expected) equalSeen++;
        else differentSeen++;
        return sameContent(contentOf(f, on), contentOf(g, on2)) === expected && sameContent(contentOf(g, on2), contentOf(f, on)) === expected;
      }),
      { numRuns: 3000 },
    );
    // Both answers must have been exercised, or the property says little.
    expect(equalSeen).toBeGreaterThan(300);
    expect(differentSeen).toBeGreaterThan(300);
  });

  it('a corrected content reads as the canonical text with the correction merged', () => {
    fc.assert(
      fc.property(fields, day, fields, (f, on, correction) => {
        const corrected = correctedContent(contentOf(f, on), correction);
        return corrected.on === on && canonicalFingerprint(corrected.fields, corrected.on) === canonicalRefingerprint(canonicalFingerprint(f, on), correction);
      }),
      { numRuns: 2000 },
    );
  });
});
