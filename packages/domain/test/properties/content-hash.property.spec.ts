import fc from 'fast-check';
import { contentHash, contentHashOfMembers } from '../../src/household/content-hash';
import { correctedPrint, surveyPrintOf } from '../../src/household/survey-print';
import { canonicalText, day, fields, random, variant } from './json-values';
import { propertyRuns } from '../../src/testing';

/**
 * The oracle: the content a commandId fingerprint stands for, written as canonical JSON —
 * `{ ...fields, type, on }` without the omitted members. Equal texts must give equal
 * fingerprints (a retry is never refused); different texts, different ones (no collision
 * shows up in these runs).
 */
const omit = (k: string): boolean => k === 'actor' || k === 'note' || k === 'commandId' || k === 'householdId';
const canonicalContent = (f: Record<string, unknown>, type: string, on: string, omitToo: readonly string[]): string =>
  canonicalText(Object.fromEntries([...Object.entries(f).filter(([k]) => !omit(k) && !omitToo.includes(k)), ['type', type], ['on', on]]));

const type = fc.constantFrom('RegisterHousehold', 'AddMember');
const omitToo = fc.constantFrom([], ['a'], ['members', 'b']);

describe('commandId fingerprints agree with the canonical JSON of the content', () => {
  it('independent pairs: equal fingerprints exactly when the texts are equal', () => {
    fc.assert(
      fc.property(fields, type, day, omitToo, fields, type, day, (f1, t1, on1, o1, f2, t2, on2) =>
        (contentHash(f1, t1, on1, omit, o1) === contentHash(f2, t2, on2, omit, o1)) === (canonicalContent(f1, t1, on1, o1) === canonicalContent(f2, t2, on2, o1)),
      ),
      propertyRuns(3000, process.env),
    );
  });

  it('a content against a near copy of itself (keys reordered, undefined members, -0, NaN for null, a changed leaf)', () => {
    let equalSeen = 0;
    let differentSeen = 0;
    fc.assert(
      fc.property(fields, type, day, omitToo, fc.integer(), (f, t, on, o, seed) => {
        const g = variant(f, random(seed)) as Record<string, unknown>;
        const expected = canonicalContent(f, t, on, o) === canonicalContent(g, t, on, o);
        if (expected) equalSeen++;
        else differentSeen++;
        return (contentHash(f, t, on, omit, o) === contentHash(g, t, on, omit, o)) === expected;
      }),
      propertyRuns(3000, process.env),
    );
    expect(equalSeen).toBeGreaterThan(300);
    expect(differentSeen).toBeGreaterThan(300);
  });

  it('the fingerprint is 16 hex digits', () => {
    fc.assert(fc.property(fields, type, day, (f, t, on) => /^[0-9a-f]{16}$/.test(contentHash(f, t, on, omit))));
  });
});

describe('a content fingerprinted member by member gives the fingerprint of the whole (survey prints, ADR 81)', () => {
  it('contentHashOfMembers of surveyPrintOf is contentHash, and so after a correction merged into the print', () => {
    fc.assert(
      fc.property(fields, day, fields, (f, on, correction) => {
        const print = surveyPrintOf(f, on);
        expect(contentHashOfMembers(print.members, 'SurveyHousehold', on)).toBe(contentHash(f, 'SurveyHousehold', on, omit));
        expect(print.fingerprint).toBe(contentHash(f, 'SurveyHousehold', on, omit));
        const corrected = correctedPrint(print, correction);
        expect(corrected).toEqual(surveyPrintOf({ ...f, ...correction }, on));
      }),
      propertyRuns(2000, process.env),
    );
  });
});
