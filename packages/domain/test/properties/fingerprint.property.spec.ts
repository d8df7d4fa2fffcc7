import fc from 'fast-check';
import { contentOf, correctedContent, sameContent } from '../../src/household/fingerprint';
import { canonicalText, day, fields, random, variant } from './json-values';
import { propertyRuns } from '../../src/testing';

/**
 * The oracle: a content's fingerprint as it used to be kept, canonical JSON of every field
 * but type, householdId, actor, note and commandId, plus the business date; and a
 * correction merged into it by parsing that text back. `sameContent` and
 * `correctedContent` must give the same answers without building any text.
 */
const canonicalFingerprint = (fields: object, on: string): string => {
  const { type: _t, householdId: _h, actor: _a, note: _n, commandId: _c, ...content } = fields as Record<string, unknown>;
  return canonicalText({ ...content, on });
};
const canonicalRefingerprint = (fingerprint: string, correction: Record<string, unknown>): string => {
  const { on, ...content } = JSON.parse(fingerprint) as Record<string, unknown>;
  return canonicalFingerprint({ ...content, ...correction }, typeof on === 'string' ? on : '');
};

describe('content fingerprints agree with their canonical JSON definition', () => {
  it('two contents are the same exactly when their canonical texts are equal (independent pairs)', () => {
    fc.assert(
      fc.property(fields, day, fields, day, (f1, on1, f2, on2) =>
        sameContent(contentOf(f1, on1), contentOf(f2, on2)) === (canonicalFingerprint(f1, on1) === canonicalFingerprint(f2, on2)),
      ),
      propertyRuns(3000, process.env),
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
      propertyRuns(3000, process.env),
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
      propertyRuns(2000, process.env),
    );
  });
});
