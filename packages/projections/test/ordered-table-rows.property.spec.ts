import Database from 'better-sqlite3';
import fc from 'fast-check';
import { compareRowValues, orderedTableRows } from '../src/storage/read-model-rows';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * `verify --read-models` merges a table with its rebuilt copy, both read in SQLite's
 * order (orderedTableRows): the merge is right only if compareRowValues sorts rows exactly
 * as SQLite did, across storage classes, text beyond the Basic Multilingual Plane and
 * columns that declare another collation.
 */
const value = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(-1.5, 0.5, 2.0, 3.25, 1e300),
  fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', '\u00e9', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{1f600}'), maxLength: 4 }),
  fc.uint8Array({ maxLength: 3 }).map((a) => Buffer.from(a)),
);

/** ASCII letters' case swapped: a value the NOCASE column holds equal to `v`, which BINARY keeps apart. */
const swapCase = (v: string): string => v.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
/** Rows, and some with the first column of another row in the other case (ties under NOCASE, ordered by the columns after). */
const rowsWithFoldedTwins = fc
  .tuple(fc.array(fc.tuple(value, value, value), { maxLength: 40 }), fc.array(fc.tuple(fc.nat(), value, value), { maxLength: 4 }))
  .map(([rows, twins]) => [
    ...rows,
    ...twins.flatMap(([k, b, c]) => {
      const a = rows.length === 0 ? undefined : (rows[k % rows.length] as unknown[])[0];
      return typeof a === 'string' ? [[swapCase(a), b, c]] : [];
    }),
  ]);

describe('orderedTableRows and compareRowValues', () => {
  it('compareRowValues agrees with the order SQLite returns the rows in', () => {
    let foldedTies = 0;
    fc.assert(
      fc.property(rowsWithFoldedTwins, (rows) => {
        const db = new Database(':memory:');
        try {
          db.exec('CREATE TABLE t (a COLLATE NOCASE, b, c)');
          const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
          for (const r of rows) insert.run(...r);
          const read = [...orderedTableRows(db, 't')].map((r) => Object.values(r));
          expect(read).toHaveLength(rows.length);
          for (let i = 1; i < read.length; i++) expect(compareRowValues(read[i - 1] as unknown[], read[i] as unknown[])).toBeLessThanOrEqual(0);
          const firsts = read.map((r) => r[0]);
          const folded = (x: unknown, y: unknown) => typeof x === 'string' && typeof y === 'string' && x !== y && x.toLowerCase() === y.toLowerCase();
          if (firsts.some((v, k) => k > 0 && folded(firsts[k - 1], v))) foldedTies++;
          // And the order is strict where SQLite's is: rows it keeps apart are not equal here.
          for (let i = 1; i < read.length; i++) {
            const same = db.prepare('SELECT (? IS ?) AND (? IS ?) AND (? IS ?) AS s').get(...(read[i - 1] as unknown[]).flatMap((v, k) => [v, (read[i] as unknown[])[k]])) as { s: number };
            expect(compareRowValues(read[i - 1] as unknown[], read[i] as unknown[]) === 0).toBe(same.s === 1);
          }
        } finally {
          db.close();
        }
      }),
      propertyRuns(300, process.env),
    );
    // SQLite's order met first columns equal under NOCASE and apart in BINARY: the collation the merge must follow was exercised.
    expect(foldedTies).toBeGreaterThan(5);
  });
});
