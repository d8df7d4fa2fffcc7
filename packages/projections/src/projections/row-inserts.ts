import type Database from 'better-sqlite3';

/** Rows a statement (decision 94; the event store's write session takes 32 too, decision 91). */
export const ROWS_A_STATEMENT = 32;

/**
 * `INSERT OR REPLACE` of a read-model table's rows, `ROWS_A_STATEMENT` a statement
 * (`… VALUES (…), (…), …`): one better-sqlite3 call and one statement for 32 rows instead
 * of one a row, which halves SQLite's CPU a row (decision 94,
 * apps/bench/src/catch-up/fact-rows-insert.ts). A row waits as bound values until 32 are
 * there; `finish` inserts the rest, one a statement.
 *
 * A row is in the table only once its statement has run: a writer calls `finish` before
 * anything reads or deletes a row it may hold (its flush's end, a correction's
 * `DELETE`), and `discard` when its transaction fails. Two rows of one key in a
 * statement leave the later, as two statements would.
 */
export class RowInserts<V> {
  private readonly width: number;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  /** The first `held` rows' values, row after row. */
  private readonly values: V[];
  private readonly single: V[];
  private held = 0;

  constructor(db: Database.Database, table: string, columns: readonly string[]) {
    this.width = columns.length;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const insert = (n: number): Database.Statement =>
      db.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES ${new Array<string>(n).fill(tuple).join(', ')}`);
    this.many = insert(ROWS_A_STATEMENT);
    this.one = insert(1);
    this.values = new Array<V>(this.width * ROWS_A_STATEMENT);
    this.single = new Array<V>(this.width);
  }

  /** The values of the next row, in the columns' order; copied, so `row` may be reused. */
  add(row: readonly V[]): void {
    const at = this.held * this.width;
    for (let c = 0; c < this.width; c++) this.values[at + c] = row[c] as V;
    if (++this.held === ROWS_A_STATEMENT) {
      this.many.run(this.values);
      this.held = 0;
    }
  }

  /** Inserts the rows held. */
  finish(): void {
    for (let r = 0; r < this.held; r++) {
      for (let c = 0; c < this.width; c++) this.single[c] = this.values[r * this.width + c] as V;
      this.one.run(this.single);
    }
    this.held = 0;
  }

  /** Forgets the rows held, uninserted: the transaction they were for rolls back. */
  discard(): void {
    this.held = 0;
  }
}
