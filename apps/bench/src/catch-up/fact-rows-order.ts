import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { cpuClock } from '../harness';
import { writtenBytes } from '../written-bytes';

/**
 * SQLite alone, with a caught-up read-model table's own rows (`--table`, one of the event
 * facts' tables keyed by household_id, position[, seq]) inserted as a catch-up from zero
 * writes them: in log order, one transaction a page of 5,000 log positions, 32 rows an
 * `INSERT OR REPLACE`, into a fresh `WITHOUT ROWID` table clustered either by household as
 * today (`--key household`: household_id, position[, seq]) or by log position (`--key
 * position`: position[, seq], then the (household_id, position[, seq]) index the readers
 * would need, created at the end by one sort as decision 75 creates secondary indexes).
 * `--log date`: the rows arrive as from a log appended day by day rather than imported a
 * household at a time: ordered by business date, then position, and each event given the
 * position of its rank in that order (households interleaved, as live appends over the
 * years would leave them), in as many transactions as the stored log has pages. Prints, a
 * round, the inserts' CPU ms, the index build's and the bytes written (WAL and
 * checkpoints): docs/performance/catch-up.md "What did not pay: the event facts clustered
 * by log position".
 *
 *   npx tsx apps/bench/src/catch-up/fact-rows-order.ts --from CAUGHT-UP.db --table proj_status_changes --key position --file /tmp/x.db [--log date] [--rounds 3]
 */
const PAGE = 5000;
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    table: { type: 'string' },
    key: { type: 'string', default: 'household' },
    log: { type: 'string', default: 'store' },
    file: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
if (values.from === undefined || values.table === undefined || values.file === undefined) throw new Error('usage: fact-rows-order --from DB --table NAME --key household|position --file PATH [--rounds N]');
const out = values.file;
const source = new Database(values.from, { readonly: true });
const columns = source.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(values.table).map((c) => c.name);
const logKey = columns.includes('seq') ? ['position', 'seq'] : ['position'];
const order = values.log === 'date' ? ['occurred_on', ...logKey] : logKey;
const rows = source.prepare(`SELECT ${columns.join(', ')} FROM ${values.table} ORDER BY ${order.join(', ')}`).raw().all() as unknown[][];
source.close();
const positionAt = columns.indexOf('position');
let page = PAGE;
if (values.log === 'date') {
  // Each event's rows take the next position, in the order they now arrive; as many pages as the stored log's.
  const pages = Math.ceil(rows.reduce((most, row) => Math.max(most, row[positionAt] as number), 0) / PAGE);
  let stored: unknown;
  let rank = 0;
  for (const row of rows) {
    if (row[positionAt] !== stored) {
      stored = row[positionAt];
      rank++;
    }
    row[positionAt] = rank;
  }
  page = Math.ceil(rank / pages);
}
const pageOf = (row: readonly unknown[]): number => Math.floor(((row[positionAt] as number) - 1) / page);
const removeFiles = (): void => {
  for (const s of ['', '-wal', '-shm']) rmSync(`${out}${s}`, { force: true });
};
for (let round = 0; round < Number(values.rounds); round++) {
  removeFiles();
  const db = new Database(out);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const key = values.key === 'position' ? logKey : ['household_id', ...logKey];
  db.exec(`CREATE TABLE t (${columns.join(', ')}, PRIMARY KEY (${key.join(', ')})) WITHOUT ROWID`);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const many = db.prepare(`INSERT OR REPLACE INTO t VALUES ${new Array<string>(32).fill(tuple).join(', ')}`);
  const one = db.prepare(`INSERT OR REPLACE INTO t VALUES ${tuple}`);
  const writtenBefore = writtenBytes();
  const start = cpuClock();
  let i = 0;
  while (i < rows.length) {
    const current = pageOf(rows[i] as unknown[]);
    db.transaction(() => {
      const params: unknown[] = [];
      let held = 0;
      for (; i < rows.length && pageOf(rows[i] as unknown[]) === current; i++) {
        params.push(...(rows[i] as unknown[]));
        if (++held === 32) {
          many.run(params);
          params.length = 0;
          held = 0;
        }
      }
      for (let r = 0; r < held; r++) one.run(params.slice(r * columns.length, (r + 1) * columns.length));
    })();
  }
  const insertsMs = cpuClock() - start;
  const writtenMiB = (writtenBytes() - writtenBefore) / 2 ** 20;
  const indexStart = cpuClock();
  if (values.key === 'position') db.exec(`CREATE INDEX t_by_household ON t (household_id, ${logKey.join(', ')})`);
  const indexMs = cpuClock() - indexStart;
  db.close();
  process.stdout.write(`${JSON.stringify({ table: values.table, key: values.key, log: values.log, rows: rows.length, insertsMs: Math.round(insertsMs), indexMs: Math.round(indexMs), writtenMiB: Math.round(writtenMiB) })}\n`);
}
removeFiles();
