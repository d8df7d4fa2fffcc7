import fc from 'fast-check';
import { compareRowValues } from '@hearth/projections';
import { DifferenceList } from '../src/difference-list';
import { compareTable } from '../src/table-comparison';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * The merge that compares a table with its rebuild finds exactly what comparing the two
 * as sets of rows finds (how the check compared them when it held every row): each row
 * of one side not in the other, a repeated row once, whatever order the values sort in.
 */
const row = fc.record({ k: fc.integer({ min: 0, max: 6 }), v: fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 2 }), fc.constantFrom('x', 'y', '\u{1f600}', '\uffff')) });
const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => compareRowValues(Object.values(a), Object.values(b)));

describe('compareTable', () => {
  it('finds the set differences of the two sides, extra rows first, and counts the table', () => {
    const met = { cut: 0, shared: 0 };
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.array(row, { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (actual, rebuilt, limit) => {
        const out = new DifferenceList(limit);
        const rows = compareTable('t', sorted(actual)[Symbol.iterator](), sorted(rebuilt)[Symbol.iterator](), out, limit);
        const have = new Set(actual.map((r) => JSON.stringify(r)));
        const want = new Set(rebuilt.map((r) => JSON.stringify(r)));
        const extra = [...have].filter((r) => !want.has(r)).map((r) => `in the table, not in a rebuild from the log: ${r}`);
        const missing = [...want].filter((r) => !have.has(r)).map((r) => `written by a rebuild from the log, missing from the table: ${r}`);
        expect(rows).toBe(actual.length);
        expect(out.count).toBe(extra.length + missing.length);
        const listed = out.listed.map((d) => d.detail);
        const listedExtra = listed.filter((d) => d.startsWith('in the table'));
        const listedMissing = listed.filter((d) => d.startsWith('written'));
        // All of them when they fit; else the first `limit`, extra rows first.
        expect(listedExtra).toHaveLength(Math.min(limit, extra.length));
        expect(listedMissing).toHaveLength(Math.min(limit - listedExtra.length, missing.length));
        expect(extra).toEqual(expect.arrayContaining(listedExtra));
        expect(missing).toEqual(expect.arrayContaining(listedMissing));
        expect(new Set(listed).size).toBe(listed.length);
        const firstMissing = listed.findIndex((d) => d.startsWith('written'));
        if (firstMissing >= 0) expect(listed.slice(firstMissing).every((d) => d.startsWith('written'))).toBe(true);
        if (out.count > limit && listedMissing.length < missing.length) met.cut++;
        if ([...have].some((r) => want.has(r))) met.shared++;
      }),
      propertyRuns(300, process.env),
    );
    // Differences ran past the limit and rows stood on both sides: the cut list and the merge's matches were exercised.
    expect(met.cut).toBeGreaterThan(20);
    expect(met.shared).toBeGreaterThan(20);
  });

  it('counts every difference and keeps only the first `limit`', () => {
    const out = new DifferenceList(3);
    const rows = compareTable('t', [1, 2, 3, 4, 5].map((k) => ({ k }))[Symbol.iterator](), [6, 7].map((k) => ({ k }))[Symbol.iterator](), out, 3);
    expect(rows).toBe(5);
    expect(out.count).toBe(7);
    expect(out.listed.map((d) => d.detail)).toEqual([1, 2, 3].map((k) => `in the table, not in a rebuild from the log: {"k":${k}}`));
  });
});
