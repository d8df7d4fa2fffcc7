import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { logPages, SqliteEventStore } from '@hearth/event-store';
import { cpuClock } from '../harness';
import { CATCH_UP_PAGE } from '../read-bench';
import { copySqliteFile, removeSqliteFile } from '../sqlite-files';

/**
 * Ways to read the log as the projections' catch-up needs it (position, stream, version,
 * event id, type, parsed data and the metadata's `occurredOn`), each over the whole log in
 * pages of 5,000, in CPU time, round after round in turn (docs/decisions/0097, docs/performance/catch-up.md):
 *
 * - `readAll`: the store's `readAll` (both columns parsed, the envelope checked): the bench's floor;
 * - `rows`: the rows of every column and nothing done with them;
 * - `arrow`: `metadata ->> '$.occurredOn'` read by SQLite, `data` parsed;
 * - `extract`: the same with `json_extract`;
 * - `valid-arrow`: `->>` behind `json_valid(metadata)` (a metadata that is not JSON reads as NULL rather than failing the page);
 * - `arrow-raw`: `arrow` with the rows as arrays (better-sqlite3's `raw` mode) rather than objects;
 * - `valid-arrow-raw`, `rows-raw`, `scan-raw`, `valid-scan-raw` (the scan behind `json_valid`): those in `raw` mode (`rows-raw` parses nothing);
 * - `valid-window-raw`: SQLite cuts the 26 characters around the only `"occurredOn":"` of JSON text with no nested object;
 * - `scan`: the metadata's text read and its `"occurredOn":"` looked up in JavaScript, `data` parsed;
 * - `feed`: the store's `readFeed` as it stands.
 *
 *   node --require tsx/cjs apps/bench/src/catch-up/feed-read-options.ts --store FILE [--rounds 3] [--work DIR] [--only a,b]
 */

const SELECT = 'SELECT position, stream_id, version, event_id, type, data';
const WHERE = 'FROM events WHERE position > ? ORDER BY position LIMIT ?';

type Reader = (db: Database.Database, store: SqliteEventStore) => Promise<number>;

/** Pages through the log with one statement, handing each row to `take`. */
const paged = <R extends { position: number }>(sql: string, take: (row: R) => unknown): Reader => async (db) => {
  const statement = db.prepare<[number, number], R>(sql);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = statement.all(after, CATCH_UP_PAGE);
    for (const row of rows) if (take(row) === undefined) throw new Error(`no occurredOn at ${row.position}`);
    count += rows.length;
    if (rows.length < CATCH_UP_PAGE) break;
    after = (rows[rows.length - 1] as R).position;
  }
  return count;
};

/** As `paged`, the rows as arrays (better-sqlite3's `raw` mode): the first column the position, the last two data and occurredOn. */
const pagedRaw = (sql: string, parse = true, scan: boolean | 'window' = false): Reader => async (db) => {
  const statement = db.prepare<[number, number], unknown[]>(sql).raw(true);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = statement.all(after, CATCH_UP_PAGE);
    if (parse) {
      for (const row of rows) {
        const on = scan === 'window' ? windowOn(row[6] as string | null) : scan ? scannedOn(row[6] as string) : row[6];
        if (typeof on !== 'string' || JSON.parse(row[5] as string) === undefined) throw new Error(`no occurredOn at ${String(row[0])}`);
      }
    }
    count += rows.length;
    if (rows.length < CATCH_UP_PAGE) break;
    after = (rows[rows.length - 1] as unknown[])[0] as number;
  }
  return count;
};

interface LeanRow {
  position: number;
  data: string;
  occurred_on: unknown;
}

const parsed = (row: LeanRow): unknown => (typeof row.occurred_on === 'string' ? (JSON.parse(row.data) as unknown) : undefined);

const OCCURRED = '"occurredOn":"';
/**
 * The metadata around its only `"occurredOn":"` (the character before it to the quote after
 * ten characters), cut by SQLite when the text is JSON with no `{` but the first.
 */
const WINDOW = `CASE WHEN json_valid(metadata) AND instr(substr(metadata, 2), '{') = 0
  AND length(metadata) - length(replace(metadata, '"occurredOn":', '')) = 13
  THEN substr(metadata, instr(metadata, '"occurredOn":"') - 1, 26) END`;
const windowOn = (around: string | null): string | undefined =>
  around !== null && around.length === 26 && (around.charCodeAt(0) === 0x7b || around.charCodeAt(0) === 0x2c) && around.charCodeAt(25) === 0x22 ? around.slice(15, 25) : undefined;
const scannedOn = (metadata: string | null): string | undefined => {
  if (metadata === null) return undefined;
  const at = metadata.indexOf(OCCURRED);
  return at < 0 ? undefined : metadata.slice(at + OCCURRED.length, at + OCCURRED.length + 10);
};
const scanned = (row: { position: number; data: string; metadata: string }): unknown => {
  const at = row.metadata.indexOf(OCCURRED);
  if (at < 0) return undefined;
  const on = row.metadata.slice(at + OCCURRED.length, at + OCCURRED.length + 10);
  return on.length === 10 ? (JSON.parse(row.data) as unknown) : undefined;
};

const READERS: Record<string, Reader> = {
  readAll: async (_db, store) => {
    let events = 0;
    for await (const page of logPages(store, { pageSize: CATCH_UP_PAGE })) events += page.length;
    return events;
  },
  rows: paged(`${SELECT}, metadata ${WHERE}`, (row) => row),
  arrow: paged(`${SELECT}, metadata ->> '$.occurredOn' AS occurred_on ${WHERE}`, parsed),
  extract: paged(`${SELECT}, json_extract(metadata, '$.occurredOn') AS occurred_on ${WHERE}`, parsed),
  'valid-arrow': paged(`${SELECT}, CASE WHEN json_valid(metadata) THEN metadata ->> '$.occurredOn' END AS occurred_on ${WHERE}`, parsed),
  'arrow-raw': pagedRaw(`${SELECT}, metadata ->> '$.occurredOn' AS occurred_on ${WHERE}`),
  'valid-arrow-raw': pagedRaw(`${SELECT}, CASE WHEN json_valid(metadata) THEN metadata ->> '$.occurredOn' END AS occurred_on ${WHERE}`),
  'rows-raw': pagedRaw(`${SELECT}, metadata ${WHERE}`, false),
  'scan-raw': pagedRaw(`${SELECT}, metadata ${WHERE}`, true, true),
  'valid-window-raw': pagedRaw(`${SELECT}, ${WINDOW} ${WHERE}`, true, 'window'),
  'valid-scan-raw': pagedRaw(`${SELECT}, CASE WHEN json_valid(metadata) THEN metadata END ${WHERE}`, true, true),
  scan: paged(`${SELECT}, metadata ${WHERE}`, scanned),
  feed: async (_db, store) => {
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await store.readFeed({ after, maxCount: CATCH_UP_PAGE });
      count += page.length;
      if (page.length < CATCH_UP_PAGE) return count;
      after = (page[page.length - 1] as { position: number }).position;
    }
  },
};

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { store: { type: 'string' }, rounds: { type: 'string', default: '3' }, work: { type: 'string' }, only: { type: 'string' } } });
  if (values.store === undefined) throw new Error('usage: feed-read-options --store FILE [--rounds N] [--work DIR] [--only a,b]');
  const names = values.only?.split(',') ?? Object.keys(READERS);
  const path = copySqliteFile(values.store, `${values.work ?? `${values.store}.work`}-feed-${process.pid}.db`);
  const store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
  const db = store.db;
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  try {
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const name of names) {
        const read = READERS[name];
        if (read === undefined) throw new Error(`unknown reader ${name} (known: ${Object.keys(READERS).join(', ')})`);
        global.gc?.();
        const before = cpuClock();
        const events = await read(db, store);
        const ms = cpuClock() - before;
        times.get(name)?.push(Math.round(ms));
        process.stderr.write(`round ${round + 1} ${name}: ${Math.round(ms)} ms CPU, ${events} events\n`);
      }
    }
  } finally {
    await store.close();
    removeSqliteFile(path);
  }
  const out: Record<string, { cpuMs: number[]; median: number }> = {};
  for (const [name, ms] of times) out[name] = { cpuMs: ms, median: median(ms) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
