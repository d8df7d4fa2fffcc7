import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
type Row = [string, number, string, string, string, string];
const rows = new Database(process.argv[2] as string, { readonly: true }).prepare(`SELECT stream_id, version, event_id, type, data, metadata FROM events WHERE stream_id LIKE 'household-%' ORDER BY position LIMIT 100000`).raw().all() as Row[];
const cpu = () => { const c = process.cpuUsage(); return c.user + c.system; };
const ev = `CREATE TABLE t (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, version)); CREATE INDEX t_tp ON t (type, position);`;
const go = (n: number, pragma: string) => {
  const f = '/work/data-imp2/tmp/mr3.db'; for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
  const db = new Database(f); db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); if (pragma) db.pragma(pragma); db.exec(ev);
  const one = (process.env.OR ? 'INSERT OR FAIL INTO t' : 'INSERT INTO t') + ' (stream_id, version, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'; const oneX = one;
  const st = db.prepare(oneX + ', (?, ?, ?, ?, ?, ?)'.repeat(n - 1));
  const begin = db.prepare('BEGIN IMMEDIATE'); const commit = db.prepare('COMMIT');
  const flat: unknown[] = [];
  const t0 = cpu();
  for (let i = 0; i < rows.length; i += 1000) { begin.run(); for (let j = i; j + n <= Math.min(rows.length, i + 1000); j += n) { flat.length = 0; for (let k = 0; k < n; k++) flat.push(...rows[j + k]!); st.run(flat); } commit.run(); }
  const us = (cpu() - t0) / rows.length; db.close(); return us.toFixed(2);
};
for (let r = 0; r < 3; r++) console.log('n1', go(1, ''), 'n8', go(8, ''), 'n40', go(40, ''));
