import Database from 'better-sqlite3';
import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import { addFrom, Series, toBlob } from '../src/projections/village-series';
import { valueAt, valueBytesSql, valueFromBytes } from '../src/reports/village-counters';

// The empty series drawn on purpose, one case in eight: an array of up to 40 (size 'max', or fast-check stops at about ten)
// is otherwise rarely empty, and the floor below would then depend on fast-check's size.
const deltas = fc.oneof(
  { weight: 1, arbitrary: fc.constant([] as [number, number][]) },
  { weight: 7, arbitrary: fc.array(fc.tuple(fc.integer({ min: 24_000, max: 24_100 }), fc.integer({ min: -300_000, max: 300_000 })), { maxLength: 40, size: 'max' }) },
);
const build = (ds: readonly (readonly [number, number])[]): Series | undefined =>
  ds.reduce<Series | undefined>((s, [i, d]) => addFrom(s, i, d), undefined);

describe("a counter's value at a month, read inside SQLite", () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE counter (initial INTEGER NOT NULL, base INTEGER NOT NULL, series BLOB NOT NULL)');
  const insert = db.prepare<[number, number, Buffer]>('INSERT INTO counter VALUES (?, ?, ?)');
  const read = db.prepare<[{ month: number }], [number, Buffer | null]>(`SELECT initial, ${valueBytesSql('@month')} FROM counter`).raw();
  afterAll(() => db.close());

  it('is the value read from the whole blob, before the series starts, inside it, past its end, and for an empty series', () => {
    const met = { empty: 0, before: 0, inside: 0, past: 0 };
    fc.assert(
      fc.property(deltas, fc.integer({ min: -50, max: 50 }), fc.array(fc.integer({ min: 23_990, max: 24_130 }), { minLength: 1, maxLength: 8 }), (ds, initial, months) => {
        const s = build(ds);
        const base = s?.base ?? 24_000;
        const blob = s === undefined ? Buffer.alloc(0) : toBlob(s);
        db.exec('DELETE FROM counter');
        insert.run(initial, base, blob);
        for (const month of months) {
          if (s === undefined) met.empty++;
          else if (month < s.base) met.before++;
          else if (month < s.base + s.values.length) met.inside++;
          else met.past++;
          const [[init, bytes]] = read.all({ month }) as [[number, Buffer | null]];
          expect(valueFromBytes(init, bytes)).toBe(valueAt(initial, base, blob, month));
          // Four bytes a row at the most: what the read is for.
          expect(bytes === null || bytes.byteLength === 4).toBe(true);
        }
      }),
      propertyRuns(100, process.env),
    );
    // Each of the four places a month can fall was read: none of them passed for want of a case (the empty series 28-84
    // times over seeds 1-6, and at fast-check's "medium" size too).
    for (const [where, n] of Object.entries(met)) expect([where, n > 5]).toEqual([where, true]);
  });
});
