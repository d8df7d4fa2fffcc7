import Database from 'better-sqlite3';
import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import { RowInserts, ROWS_A_STATEMENT } from '../src/projections/row-inserts';

const table = (db: Database.Database): void => {
  db.exec('CREATE TABLE t (k TEXT NOT NULL, n INTEGER NOT NULL, v TEXT, PRIMARY KEY (k, n)) WITHOUT ROWID');
};
const rowsOf = (db: Database.Database): unknown[] => db.prepare('SELECT k, n, v FROM t ORDER BY k, n').raw().all();

/** A row: few keys, so that a run of rows repeats some (the later must win, as with one statement a row). */
const row = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 40 }), fc.option(fc.string({ maxLength: 4 }), { nil: null }));

describe('read-model rows inserted 32 a statement', () => {
  it('leave the table as inserting them one a statement does, whatever the number of rows, repeated keys and finish points', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(row, fc.boolean()), { maxLength: 3 * ROWS_A_STATEMENT + 5 }), (rows) => {
        const one = new Database(':memory:');
        const many = new Database(':memory:');
        table(one);
        table(many);
        const insert = one.prepare('INSERT OR REPLACE INTO t (k, n, v) VALUES (?, ?, ?)');
        const inserts = new RowInserts<string | number | null>(many, 't', ['k', 'n', 'v']);
        const reused: (string | number | null)[] = ['', 0, null];
        for (const [[k, n, v], finishAfter] of rows) {
          insert.run(k, n, v);
          reused[0] = k;
          reused[1] = n;
          reused[2] = v;
          inserts.add(reused);
          if (finishAfter) inserts.finish();
        }
        inserts.finish();
        expect(rowsOf(many)).toEqual(rowsOf(one));
      }),
      propertyRuns(100, process.env),
    );
  });

  it('insert nothing of what they held when discarded (a failed page), and go on afresh', () => {
    const db = new Database(':memory:');
    table(db);
    const inserts = new RowInserts<string | number | null>(db, 't', ['k', 'n', 'v']);
    for (let n = 0; n < ROWS_A_STATEMENT + 3; n++) inserts.add(['a', n, 'x']);
    // The first 32 are in the table (their statement ran); the 3 held are dropped.
    inserts.discard();
    inserts.add(['b', 0, 'y']);
    inserts.finish();
    expect(rowsOf(db)).toEqual([...Array.from({ length: ROWS_A_STATEMENT }, (_, n) => ['a', n, 'x']), ['b', 0, 'y']]);
  });
});
