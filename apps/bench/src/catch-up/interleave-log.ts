import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { removeSqliteFile } from '../sqlite-files';

/**
 * A copy of an imported SQLite store whose log holds the same events in the order a ledger
 * written day by day would: by business date (`metadata.occurredOn`), so that households'
 * events interleave (a page of 5,000 events then touches thousands of households, where the
 * import writes each household's events together). A stream's events keep their order: an
 * event is placed at the latest business date of its stream up to it, ties in the old
 * order. Events of other streams (the division tree, an import's checkpoints) come first.
 * Positions are given again from 1; versions, ids, data and metadata are unchanged, so
 * every stream reads and verifies as before and every report answers the same
 * (docs/performance/catch-up.md "What did not pay: the event facts clustered by log
 * position").
 *
 * Written into a new file beside the store, which is only read: the new order is a small
 * temporary table of positions, and each event is copied once, so the disk holds the store,
 * the copy and that table (a copy rewritten in place needed about four times the store:
 * docs/decisions/0115).
 *
 *   npx tsx apps/bench/src/catch-up/interleave-log.ts --store e20k.db --out interleaved.db
 */
const { values } = parseArgs({ options: { store: { type: 'string' }, out: { type: 'string' } } });
if (values.store === undefined || values.out === undefined) throw new Error('usage: interleave-log --store FILE --out FILE');
removeSqliteFile(values.out);
const db = new Database(values.out);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -1000000');
db.prepare('ATTACH ? AS src').run(values.store);
const schema = db.prepare<[], { type: string; name: string; sql: string }>("SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL AND name <> 'sqlite_sequence'").all();
const step = (label: string, run: () => void): void => {
  const started = Date.now();
  run();
  process.stderr.write(`interleave-log: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};
step('tables', () => {
  for (const t of schema.filter((s) => s.type === 'table')) db.exec(t.sql);
  for (const t of schema.filter((s) => s.type === 'table' && s.name !== 'events')) db.exec(`INSERT INTO main."${t.name}" SELECT * FROM src."${t.name}"`);
});
step('new order', () =>
  db.exec(`
    CREATE TEMP TABLE placed AS
      SELECT stream_id LIKE 'household-%' AS household,
             max(coalesce(metadata ->> '$.occurredOn', '')) OVER (PARTITION BY stream_id ORDER BY version ROWS UNBOUNDED PRECEDING) AS on_date,
             position AS old
      FROM src.events;
    CREATE INDEX temp.placed_order ON placed (household, on_date, old);
  `),
);
step('events', () =>
  db.exec(`
    INSERT INTO main.events (stream_id, version, event_id, type, data, metadata)
      SELECT e.stream_id, e.version, e.event_id, e.type, e.data, e.metadata
      FROM temp.placed p JOIN src.events e ON e.position = p.old
      ORDER BY p.household, p.on_date, p.old;
  `),
);
step('indexes', () => {
  for (const i of schema.filter((s) => s.type !== 'table')) db.exec(i.sql);
});
db.exec('DETACH src');
db.pragma('journal_mode = WAL');
const { n, streams } = db.prepare<[], { n: number; streams: number }>('SELECT count(*) AS n, count(DISTINCT stream_id) AS streams FROM events').get() as { n: number; streams: number };
db.close();
process.stdout.write(`${JSON.stringify({ out: values.out, events: n, streams })}\n`);
