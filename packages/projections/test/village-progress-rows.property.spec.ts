import fc from 'fast-check';
import Database from 'better-sqlite3';
import { ProgressCountersProjection } from '../src';
import { villageProgressRows } from '../src/projections/village-progress-rows';

/** One delta: a month index, a village, a field (one that `JSON.stringify` escapes among them) and an amount. */
const delta = fc.tuple(
  fc.integer({ min: 24_190, max: 24_200 }),
  fc.constantFrom('P01C01T01V01', 'P01C01T01V02', 'P02C01T01V01'),
  fc.constantFrom('referralsMade', 'income.1200', 'membersSurveyed', 'trainingsOffered.a"b'),
  fc.integer({ min: -2, max: 2 }),
);

/**
 * The monthly progress rows take a page's deltas in place (`row`) and read a village's
 * stored months with one `SELECT` a page: whatever the pages, the table must hold, per
 * (village, month), the sums of every delta so far as sorted JSON without zeroes, and no
 * row whose sums are all zero.
 */
describe('the monthly progress rows, page by page', () => {
  it('hold the running sums of every page, zero fields left out and empty rows deleted', () => {
    fc.assert(
      fc.property(fc.array(fc.array(delta, { maxLength: 25 }), { maxLength: 6 }), (pages) => {
        const db = new Database(':memory:');
        db.exec(ProgressCountersProjection.schema);
        const rows = villageProgressRows(db);
        const sums = new Map<string, Record<string, number>>();
        for (const page of pages) {
          for (const [month, village, field, n] of page) {
            const deltas = rows.row(month, village);
            deltas.set(field, (deltas.get(field) ?? 0) + n);
            const key = JSON.stringify([month, village]);
            const counts = sums.get(key) ?? {};
            counts[field] = (counts[field] ?? 0) + n;
            sums.set(key, counts);
          }
          db.transaction(() => rows.flush())();
        }
        const expected = [...sums]
          .map(([key, counts]) => {
            const [month, village] = JSON.parse(key) as [number, string];
            const kept = Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
            return [month, village, JSON.stringify(kept)] as const;
          })
          .filter(([, , counts]) => counts !== '{}')
          .sort(([m1, v1], [m2, v2]) => (v1 < v2 ? -1 : v1 > v2 ? 1 : m1 - m2));
        const stored = db.prepare('SELECT month, village, counts FROM agg_village_progress ORDER BY village, month').raw().all();
        db.close();
        expect(stored).toEqual(expected);
      }),
    );
  });
});
