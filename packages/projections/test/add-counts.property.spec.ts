import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import { addCounts, addCountsInto, emptyProgressCounts, type ProgressCounts } from '../src';

/** Progress counts with random figures and random incomes: numbers, nested records and a list. */
const countsArb: fc.Arbitrary<ProgressCounts> = fc
  .tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 20 }))
  .map(([eligible, offered, ended, incomes]) => {
    const c = emptyProgressCounts() as { -readonly [K in keyof ProgressCounts]: ProgressCounts[K] };
    c.eligibleMembers = eligible;
    (c.trainingsOffered as Record<string, number>)['language'] = offered;
    (c.employmentsEndedByReason as Record<string, number>)['quit'] = ended;
    c.incomeCents = incomes;
    return c;
  });

describe('adding counts: how divisions roll up', () => {
  it('adding in place gives what adding into a copy gives, field by field, and leaves the counts added unchanged', () => {
    fc.assert(
      fc.property(fc.array(countsArb, { minLength: 1, maxLength: 12 }), (villages) => {
        const before = structuredClone(villages);
        const sum = emptyProgressCounts();
        for (const v of villages) addCountsInto(sum, v);
        expect(sum).toEqual(villages.reduce((a, b) => addCounts(a, b), emptyProgressCounts()));
        expect(villages).toEqual(before);
        expect(sum.eligibleMembers).toBe(villages.reduce((n, v) => n + v.eligibleMembers, 0));
        expect(sum.incomeCents).toEqual(villages.flatMap((v) => v.incomeCents));
      }),
      propertyRuns(100, process.env),
    );
  });

  it('adds a list longer than a function call can spread', () => {
    const many = emptyProgressCounts();
    (many as { incomeCents: readonly number[] }).incomeCents = Array.from({ length: 300_000 }, (_, i) => i + 1);
    const sum = emptyProgressCounts();
    addCountsInto(sum, many);
    addCountsInto(sum, many);
    expect(sum.incomeCents.length).toBe(600_000);
  });
});
