import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { logOfSqliteFile } from './sqlite-log-identity';
import { testEvents } from './testing/event-factory';

describe('logOfSqliteFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-log-identity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const inFile = (name: string): string | null | undefined => {
    const db = new Database(join(dir, name), { readonly: true });
    try {
      return logOfSqliteFile(db);
    } finally {
      db.close();
    }
  };

  it("names a store's log by its first event, says when a store holds none, and knows a file that is no store's", async () => {
    const store = SqliteEventStore.open(join(dir, 'store.db'));
    const first = testEvents(2);
    await store.appendToStream('a', first, 'no_stream');
    await store.appendToStream('b', testEvents(1), 'no_stream');
    await store.close();
    await SqliteEventStore.open(join(dir, 'empty.db')).close();
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT)');
    other.close();

    expect(inFile('store.db')).toBe(first[0]?.eventId);
    expect(inFile('empty.db')).toBeNull();
    expect(inFile('other.db')).toBeUndefined();
  });
});
