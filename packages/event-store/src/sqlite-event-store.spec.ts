import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from './command-handler';
import { DamagedEventError } from './damaged-event-error';
import type { CommandResult } from './command-result';
import { verifyStream } from './hash-chain';
import { SqliteEventStore } from './sqlite-event-store';
import { SQLITE_QUERIES } from './sqlite-queries';
import { LATEST_SCHEMA_VERSION, UnsupportedSchemaVersionError } from './sqlite-schema';
import { runEventStoreContract } from './testing';
import { counterDecider, counterStream, describeCounterCommand, increment, type CounterError } from './testing/counter-decider';
import { eventCollector } from './testing/event-collector';
import { testEvents } from './testing/event-factory';

const tempFile = (): { file: string; remove(): void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-event-store-'));
  return { file: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

runEventStoreContract(
  'SqliteEventStore on a file',
  async () => {
    const { file, remove } = tempFile();
    return {
      store: SqliteEventStore.open(file),
      reopen: async () => SqliteEventStore.open(file),
      openCopy: async (path) => SqliteEventStore.open(path),
      cleanup: async () => remove(),
    };
  },
  { persistent: true, countsPositions: true, storesText: true, readsByStream: true, copiesOnline: true },
);

runEventStoreContract(
  'SqliteEventStore in memory',
  async () => ({ store: SqliteEventStore.open(':memory:'), cleanup: async () => undefined }),
  { countsPositions: true, storesText: true, readsByStream: true },
);

describe('SqliteEventStore specifics', () => {
  let file: string;
  let remove: () => void;
  const open: SqliteEventStore[] = [];
  const openStore = (opts?: Parameters<typeof SqliteEventStore.open>[1]): SqliteEventStore => {
    const store = SqliteEventStore.open(file, opts);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    ({ file, remove } = tempFile());
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    remove();
  });

  it('still counts the position of a last event deleted by hand (AUTOINCREMENT)', async () => {
    const store = openStore();
    await store.appendToStream('a', testEvents(3), 'no_stream');
    store.db.prepare('DELETE FROM events WHERE position = 3').run();
    expect(await store.issuedPositions.highest()).toBe(3);
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2]);
  });

  it.each([
    ['data', 'not JSON', "its data is not JSON"],
    ['metadata', '{"occurredOn":', "its metadata is not JSON"],
    ['metadata', '[]', 'metadata is not a JSON object'],
    ['metadata', '{"occurredOn":"2016-08-01","actor":"a","recordedAt":"r","prevHash":"p","schemaVersion":1}', 'metadata.hash is missing or not text'],
  ])('names a row whose %s was damaged by hand (%s) instead of throwing a SyntaxError', async (column, text, reason) => {
    const store = openStore();
    await store.appendToStream('a', testEvents(3), 'no_stream');
    store.db.prepare(`UPDATE events SET ${column} = ? WHERE position = 2`).run(text);
    const expected = { name: 'DamagedEventError', position: 2, streamId: 'a', reason };
    await expect(store.readAll()).rejects.toMatchObject(expected);
    await expect(store.readStream('a')).rejects.toMatchObject(expected);
    await expect(store.readAll()).rejects.toBeInstanceOf(DamagedEventError);
    // What is before and after it stays readable.
    expect((await store.readAll({ maxCount: 1 })).map((e) => e.position)).toEqual([1]);
    expect((await store.readAll({ after: 2 })).map((e) => e.position)).toEqual([3]);
  });

  it('runs in WAL mode with synchronous=NORMAL', () => {
    const { db } = openStore();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('records its schema version once and refuses a file from a newer version', async () => {
    const first = openStore();
    openStore();
    expect(first.db.prepare('SELECT version FROM event_store_schema').pluck().all()).toEqual([LATEST_SCHEMA_VERSION]);
    first.db.prepare("INSERT INTO event_store_schema VALUES (?, 'later')").run(LATEST_SCHEMA_VERSION + 1);
    expect(() => SqliteEventStore.open(file)).toThrow(UnsupportedSchemaVersionError);
  });

  it('answers every query through an index, never a full scan of events', () => {
    const { db } = openStore();
    const plans = Object.entries(SQLITE_QUERIES).map(([name, sql]) => {
      const params = (sql.match(/\?/g) ?? []).map((_, i) => (name === 'readAllOfTypes' && i === 1 ? '["A"]' : 1));
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return [name, plan.map((row) => row.detail)] as const;
    });
    for (const [name, details] of plans) {
      expect({ name, scans: details.filter((d) => /^SCAN events\b/.test(d)) }).toEqual({ name, scans: [] });
    }
    const byName = Object.fromEntries(plans);
    expect(byName.readStream?.join('\n')).toMatch(/SEARCH events USING INDEX \S+ \(stream_id=\? AND version>\?\)/);
    expect(byName.readAll?.join('\n')).toMatch(/SEARCH events USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(byName.readAllOfTypes?.join('\n')).toMatch(/SEARCH events USING INDEX events_type_position \(type=\? AND position>\?\)/);
    expect(byName.streamVersion?.join('\n')).toMatch(/SEARCH events USING COVERING INDEX/);
    // Stream by stream in the index's order: no sort of the log (docs/decisions/0119).
    expect(byName.readFeedByStream?.join('\n')).toMatch(/SEARCH events USING INDEX \S+ \(\(stream_id,version\)>\(\?,\?\)\)/);
    expect(byName.readFeedByStream?.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('shares its connection so that read models can commit in the same transaction', async () => {
    const store = openStore();
    store.db.exec('CREATE TABLE read_model (position INTEGER NOT NULL)');
    await store.appendToStream('a', testEvents(2), 'no_stream');
    const events = await store.readAll();
    store.db.transaction(() => {
      for (const e of events) store.db.prepare('INSERT INTO read_model VALUES (?)').run(e.position);
    })();
    expect(store.db.prepare('SELECT count(*) FROM read_model').pluck().get()).toBe(2);
  });

  it('a subscription sees appends made through another connection by polling', async () => {
    const writer = openStore();
    const reader = openStore({ pollIntervalMs: 10 });
    await writer.appendToStream('a', testEvents(1), 'no_stream');
    const collector = eventCollector();
    const subscription = reader.subscribeToAll({ onEvent: collector.onEvent });
    await collector.until(1);
    await writer.appendToStream('b', testEvents(2), 'no_stream');
    await collector.until(3);
    await subscription.close();
    expect(collector.events.map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('two store instances on one file racing on one stream lose no update', async () => {
    const stores = [openStore(), openStore()];
    const handlers = stores.map(
      (store) => new CommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 }),
    );
    const results = (
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const handler = handlers[w % 2] as (typeof handlers)[number];
          const out: CommandResult<CounterError>[] = [];
          for (let i = 0; i < 5; i++) out.push(await handler.handle(increment('c', `w${w}-${i}`), undefined));
          return out;
        }),
      )
    ).flat();
    const accepted = results.filter((r) => r.status === 'accepted').length;
    expect(accepted + results.filter((r) => r.status === 'conflict').length).toBe(40);
    for (const store of stores) {
      const stream = await store.readStream(counterStream('c'));
      expect(stream.map((e) => (e.data as { total: number }).total)).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
      expect(verifyStream(stream)).toEqual({ ok: true });
    }
  });

  it('refuses to work once closed', async () => {
    const store = openStore();
    await store.close();
    await expect(store.streamVersion('a')).rejects.toThrow(/closed/);
  });
});
