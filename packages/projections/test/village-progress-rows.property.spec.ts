import fc from 'fast-check';
import Database from 'better-sqlite3';
import { propertyRuns } from '@hearth/domain/testing';
import { ProgressCountersProjection } from '../src';
import { countPathOf, householdsField, isHouseholdsField } from '../src/reports/household-fields';
import { expandedRow, pathOfCount } from '../src/reports/implied-households';
import { villageProgressRows } from '../src/projections/village-progress-rows';

/**
 * One delta: a month index, a village, a field (one that `JSON.stringify` escapes among
 * them, and the households fields beside the counts, decision 186) and an amount. The
 * amounts are arbitrary, so a households field can differ from its count either way, 0
 * included.
 */
const delta = fc.tuple(
  fc.integer({ min: 24_190, max: 24_200 }),
  fc.constantFrom('P01C01T01V01', 'P01C01T01V02', 'P02C01T01V01'),
  fc.constantFrom(
    'referralsMade',
    'income.1200',
    'income.3000',
    'membersSurveyed',
    'trainingsOffered.a"b',
    householdsField('referralsMade'),
    householdsField('incomeRecords'),
    householdsField('membersSurveyed'),
    householdsField('trainingsOffered.a"b'),
  ),
  fc.integer({ min: -2, max: 2 }),
);

/**
 * A count and its households field moved by the same amount, as one household's event moves
 * them (so a row's households field often equals its count and is left out), or one delta.
 */
const step = fc.oneof(
  delta.map((d) => [d]),
  fc.tuple(delta, fc.constantFrom<[string, string]>(['referralsMade', 'referralsMade'], ['income.1200', 'incomeRecords'], ['membersSurveyed', 'membersSurveyed'])).map(
    ([[month, village, , n], [count, path]]) => [[month, village, count, n], [month, village, householdsField(path), n]] as const,
  ),
);
/** Pages of steps, and after them pages taking some of them back (rows summing to zero again, to be deleted). */
const pagesOf = fc.tuple(fc.array(fc.array(step, { maxLength: 25 }).map((steps) => steps.flat()), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 3 })).map(([pages, undone]) => [
  ...pages,
  ...undone.flatMap((k) => (pages.length === 0 ? [] : [(pages[k % pages.length] ?? []).map(([month, village, field, n]) => [month, village, field, -n] as const)])),
]);

/** A stored row read back as every field it stands for: its own, and the households fields it left out (decision 189); zeroes dropped. */
const readBack = (text: string): Record<string, number> =>
  Object.fromEntries([...expandedRow(JSON.parse(text) as Record<string, number>)].filter(([, n]) => n !== 0));

/** The count at each path of a stored row: `income.<cents>` fields summed in `incomeRecords`. */
const countsAtPaths = (stored: Record<string, number>): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const [field, n] of Object.entries(stored)) if (!isHouseholdsField(field)) sums.set(pathOfCount(field), (sums.get(pathOfCount(field)) ?? 0) + n);
  return sums;
};

/**
 * The monthly progress rows take a page's deltas in place (`row`) and read a village's
 * stored months with one `SELECT` a page: whatever the pages, each (village, month) row
 * must read back as the sums of every delta so far, its keys sorted; it leaves out every
 * households field equal to its count and keeps every other; and no row whose sums are
 * all zero is stored.
 */
describe('the monthly progress rows, page by page', () => {
  it('read back as the running sums of every page, households fields equal to their counts left out and empty rows deleted', () => {
    let leftOut = 0;
    let deleted = 0;
    fc.assert(
      fc.property(pagesOf, (pages) => {
        const db = new Database(':memory:');
        db.exec(ProgressCountersProjection.schema);
        const rows = villageProgressRows(db);
        const sums = new Map<string, Record<string, number>>();
        const storedKeys = (): Set<string> => new Set(db.prepare<[], string>('SELECT json_array(month, village) FROM agg_village_progress').pluck().all());
        let before = new Set<string>();
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
          const now = storedKeys();
          deleted += [...before].filter((key) => !now.has(key)).length;
          before = now;
        }
        const expected = [...sums]
          .map(([key, counts]) => {
            const [month, village] = JSON.parse(key) as [number, string];
            return [month, village, Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0))] as const;
          })
          .filter(([, , counts]) => Object.keys(counts).length > 0)
          .sort(([m1, v1], [m2, v2]) => (v1 < v2 ? -1 : v1 > v2 ? 1 : m1 - m2));
        const stored = db.prepare<[], [number, string, string]>('SELECT month, village, counts FROM agg_village_progress ORDER BY village, month').raw().all();
        db.close();
        expect(stored.map(([month, village, text]) => [month, village, readBack(text)])).toEqual(expected);
        for (const [, , text] of stored) {
          const fields = JSON.parse(text) as Record<string, number>;
          expect(Object.keys(fields)).toEqual(Object.keys(fields).sort());
          const counts = countsAtPaths(fields);
          if (Object.keys(readBack(text)).some((field) => isHouseholdsField(field) && !(field in fields))) leftOut++;
          for (const [field, n] of Object.entries(fields)) {
            if (isHouseholdsField(field)) expect(n).not.toBe(counts.get(countPathOf(field)) ?? 0);
            else expect(n).not.toBe(0);
          }
        }
      }),
      propertyRuns(100, process.env),
    );
    // Rows left households fields out and rows emptied were deleted: both rules were exercised, not only the plain sums.
    expect(leftOut).toBeGreaterThan(20);
    expect(deleted).toBeGreaterThan(20);
  });
});
