/**
 * The import benchmark's floor, run as its own process exactly like the real import:
 * `node --require tsx/cjs floor-insert.ts FILE ROWS BYTES BATCH`. It inserts ROWS rows of
 * BYTES bytes each into a bare table (an integer primary key and one TEXT column, no
 * other index) through ONE prepared statement, BATCH rows per transaction, with the
 * event store's own pragmas (WAL, synchronous = NORMAL). No parsing, deciding, hashing
 * or JSON: what SQLite alone costs to store the same bytes in the same number of
 * rows and commits. Prints {"rows"} as JSON on stdout.
 */
import Database from 'better-sqlite3';

export interface FloorInsertArgs {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly batch: number;
}

export const floorInsert = (a: FloorInsertArgs): number => {
  const db = new Database(a.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO rows (payload) VALUES (?)');
    // Row i's payload: its number, then filler up to the exact size (ASCII: bytes = chars).
    const filler = 'x'.repeat(Math.max(0, a.bytes));
    const insertMany = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const tag = `${i}:`;
        insert.run(tag.length >= a.bytes ? tag : tag + filler.slice(tag.length));
      }
    });
    for (let from = 0; from < a.rows; from += a.batch) insertMany.immediate(from, Math.min(a.rows, from + a.batch));
    return (db.prepare('SELECT count(*) FROM rows').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
};

const positive = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`floor-insert: ${name} must be an integer ≥ ${min}, got ${v}`);
  return n;
};

if (require.main === module) {
  const [file, rows, bytes, batch] = process.argv.slice(2);
  if (!file) throw new Error('usage: floor-insert FILE ROWS BYTES BATCH');
  const n = floorInsert({ file, rows: positive('ROWS', rows, 0), bytes: positive('BYTES', bytes, 1), batch: positive('BATCH', batch, 1) });
  process.stdout.write(`${JSON.stringify({ rows: n })}\n`);
}
