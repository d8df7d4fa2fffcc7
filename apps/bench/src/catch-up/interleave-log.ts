import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { copySqliteFile } from '../sqlite-files';

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
 *   npx tsx apps/bench/src/catch-up/interleave-log.ts --store e20k.db --out interleaved.db
 */
const { values } = parseArgs({ options: { store: { type: 'string' }, out: { type: 'string' } } });
if (values.store === undefined || values.out === undefined) throw new Error('usage: interleave-log --store FILE --out FILE');
const db = new Database(copySqliteFile(values.store, values.out));
db.pragma('journal_mode = WAL');
db.transaction(() => {
  db.exec(`
    CREATE TEMP TABLE placed AS
      SELECT position AS old,
             max(coalesce(metadata ->> '$.occurredOn', '')) OVER (PARTITION BY stream_id ORDER BY version ROWS UNBOUNDED PRECEDING) AS on_date
      FROM events;
    CREATE TEMP TABLE reordered AS
      SELECT e.stream_id, e.version, e.event_id, e.type, e.data, e.metadata FROM events e JOIN placed p ON p.old = e.position
      ORDER BY e.stream_id LIKE 'household-%', p.on_date, e.position;
    DELETE FROM events;
    DELETE FROM sqlite_sequence WHERE name = 'events';
    INSERT INTO events (stream_id, version, event_id, type, data, metadata)
      SELECT stream_id, version, event_id, type, data, metadata FROM reordered ORDER BY rowid;
  `);
})();
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('VACUUM');
const { n, streams } = db.prepare<[], { n: number; streams: number }>('SELECT count(*) AS n, count(DISTINCT stream_id) AS streams FROM events').get() as { n: number; streams: number };
db.close();
process.stdout.write(`${JSON.stringify({ out: values.out, events: n, streams })}\n`);
