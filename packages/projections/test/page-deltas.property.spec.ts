import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import { PageDeltas } from '../src/projections/page-rows';

/** One delta: a row's two key parts (a month index or a key, then a village), a field and an amount. */
const delta = fc.tuple(
  fc.oneof(fc.integer({ min: 24_190, max: 24_230 }), fc.constantFrom('stock.households', 'stock.eligible.18-64', 'flow.cleared')),
  fc.constantFrom('', 'P01C01T01V01', 'P01C01T01V02', 'P01C02T01V01', 'P02'),
  fc.constantFrom('referralsMade', 'income.1200', 'membersSurveyed'),
  fc.integer({ min: -2, max: 2 }),
);

describe('a page of deltas to two-part rows', () => {
  it('hands each row once, in the order of its key as text (first part, then second), with the sums of its deltas, skipping rows that cancel out', () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 60 }), (deltas) => {
        const page = new PageDeltas<string>();
        for (const [first, second, field, n] of deltas) page.add(first, second, field, n);
        const written: [string, string, Record<string, number>][] = [];
        page.flush((first, second, sums) => written.push([first, second, Object.fromEntries(sums)]));

        // The oracle: every delta summed under the row's key as one string, sorted as strings.
        const expected = new Map<string, Record<string, number>>();
        for (const [first, second, field, n] of deltas) {
          const key = `${first}\u0000${second}`;
          const sums = expected.get(key) ?? {};
          sums[field] = (sums[field] ?? 0) + n;
          expected.set(key, sums);
        }
        const rows = [...expected.keys()]
          .sort()
          .map((key) => [...key.split('\u0000'), expected.get(key)] as [string, string, Record<string, number>])
          .filter(([, , sums]) => Object.values(sums).some((n) => n !== 0));
        expect(written).toEqual(rows);

        const after: unknown[] = [];
        page.flush((...row) => after.push(row));
        expect(after).toEqual([]);
      }),
      propertyRuns(100, process.env),
    );
  });

  it('tells each first part once before its rows, with how many rows it hands out there', () => {
    fc.assert(
      fc.property(fc.array(delta, { maxLength: 60 }), (deltas) => {
        const page = new PageDeltas<string>();
        for (const [first, second, field, n] of deltas) page.add(first, second, field, n);
        const calls: (['before', string, number] | ['row', string])[] = [];
        page.flush(
          (first) => calls.push(['row', first]),
          (first, rows) => calls.push(['before', first, rows]),
        );
        // Each `before` is followed by exactly its count of rows of the same first part, and every row follows one.
        let k = 0;
        const told = new Set<string>();
        while (k < calls.length) {
          const call = calls[k] as ['before', string, number];
          expect(call[0]).toBe('before');
          expect(told.has(call[1])).toBe(false);
          told.add(call[1]);
          expect(call[2]).toBeGreaterThan(0);
          for (let r = 1; r <= call[2]; r++) expect(calls[k + r]).toEqual(['row', call[1]]);
          k += call[2] + 1;
        }
      }),
      propertyRuns(100, process.env),
    );
  });

  it('forgets what it holds when discarded', () => {
    const page = new PageDeltas<string>();
    page.add(24_200, 'P01', 'referralsMade', 1);
    page.discard();
    const written: unknown[] = [];
    page.flush((...row) => written.push(row));
    expect(written).toEqual([]);
  });
});
