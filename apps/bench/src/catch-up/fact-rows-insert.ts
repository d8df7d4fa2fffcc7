import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { cpuClock } from '../harness';

/**
 * SQLite alone with rows shaped like the member-facts table's (WITHOUT ROWID, key
 * household_id, position, seq), inserted as a catch-up from zero writes them: in key order,
 * transactions of `--page` events' rows, one statement a row or `--per` rows a statement,
 * with a conflict clause (`--clause "OR REPLACE"`, `"OR FAIL"`, `""`). Prints CPU µs a row
 * (median of `--rounds`), each round on a fresh file. What decision 94 chose between
 * (docs/performance/catch-up.md).
 *
 *   npx tsx apps/bench/src/catch-up/fact-rows-insert.ts --file /tmp/x.db [--per 32] [--clause "OR REPLACE"] [--rows 400000] [--rounds 3]
 */
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    per: { type: 'string', default: '1' },
    clause: { type: 'string', default: 'OR REPLACE' },
    rows: { type: 'string', default: '400000' },
    page: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
  },
});
if (values.file === undefined) throw new Error('usage: fact-rows-insert --file PATH [--per N] [--clause C] [--rows N] [--page N] [--rounds N]');
const per = Number(values.per);
const total = Number(values.rows);
const page = Number(values.page);
const results: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const s of ['', '-wal', '-shm']) rmSync(`${values.file}${s}`, { force: true });
  const db = new Database(values.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE facts (household_id TEXT NOT NULL, position INTEGER NOT NULL, seq INTEGER NOT NULL,
    member_id TEXT NOT NULL, occurred_on TEXT NOT NULL, birth_year INTEGER, capacity TEXT, willing INTEGER, removed INTEGER NOT NULL,
    PRIMARY KEY (household_id, position, seq)) WITHOUT ROWID`);
  const tuple = `(${new Array(9).fill('?').join(', ')})`;
  const statement = (n: number): Database.Statement => db.prepare(`INSERT ${values.clause} INTO facts VALUES ${new Array(n).fill(tuple).join(', ')}`);
  const full = statement(per);
  const one = statement(1);
  const params: unknown[] = [];
  const start = cpuClock();
  let made = 0;
  while (made < total) {
    const n = Math.min(page, total - made);
    db.transaction(() => {
      let held = 0;
      for (let i = made; i < made + n; i++) {
        const household = `H${String(Math.floor(i / 40)).padStart(7, '0')}`;
        params.push(household, i >> 2, i & 3, `${household}-M${i & 3}`, '2018-06-01', 1980 + (i % 30), i % 3 === 0 ? 'full' : null, i & 1, 0);
        if (++held === per) {
          full.run(params);
          params.length = 0;
          held = 0;
        }
      }
      for (let r = 0; r < held; r++) one.run(params.slice(r * 9, r * 9 + 9));
      params.length = 0;
    })();
    made += n;
  }
  results.push(((cpuClock() - start) * 1000) / total);
  db.close();
}
for (const s of ['', '-wal', '-shm']) rmSync(`${values.file}${s}`, { force: true });
const sorted = [...results].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ per, clause: values.clause, usPerRow: results.map((r) => Number(r.toFixed(2))), median: Number((sorted[Math.floor(sorted.length / 2)] as number).toFixed(2)) })}\n`);
