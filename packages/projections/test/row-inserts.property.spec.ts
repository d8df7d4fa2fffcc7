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

/**
 * Up to three statements' rows and a few more, each perhaps followed by a finish: finishes as
 * often as every row or as seldom as one in forty, so that many runs fill whole statements.
 */
const rowsAndFinishes = fc
  .integer({ min: 1, max: 40 })
  .chain((every) => fc.array(fc.tuple(row, fc.nat({ max: every - 1 }).map((n) => n === 0)), { maxLength: 3 * ROWS_A_STATEMENT + 5, size: 'max' }));

describe('read-model rows inserted 32 a statement', () => {
  it('leave the table as inserting them one a statement does, whatever the number of rows, repeated keys and finish points', () => {
    let fullStatements = 0;
    fc.assert(
      fc.property(rowsAndFinishes, (rows) => {
        const one = new Database(':memory:');
        const many = new Database(':memory:');
        table(one);
        table(many);
        const insert = one.prepare('INSERT OR REPLACE INTO t (k, n, v) VALUES (?, ?, ?)');
        const inserts = new RowInserts<string | number | null>(many, 't', ['k', 'n', 'v']);
        const reused: (string | number | null)[] = ['', 0, null];
        let held = 0;
        for (const [[k, n, v], finishAfter] of rows) {
          if (++held === ROWS_A_STATEMENT) fullStatements++;
          insert.run(k, n, v);
          reused[0] = k;
          reused[1] = n;
          reused[2] = v;
          inserts.add(reused);
          if (finishAfter || held === ROWS_A_STATEMENT) held = 0;
          if (finishAfter) inserts.finish();
        }
        inserts.finish();
        expect(rowsOf(many)).toEqual(rowsOf(one));
      }),
      propertyRuns(100, process.env),
    );
    // Rows filled whole 32-row statements: the multi-row insert itself was exercised, not only the leftovers a finish writes.
    expect(fullStatements).toBeGreaterThan(5);
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
