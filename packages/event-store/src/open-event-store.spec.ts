import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from './in-memory-event-store';
import { openEventStore } from './open-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from './testing/event-factory';

describe('openEventStore', () => {
  it('memory: gives an in-memory store', async () => {
    const store = await openEventStore('memory:');
    expect(store).toBeInstanceOf(InMemoryEventStore);
    await store.close();
  });

  it('sqlite:PATH opens (and reopens) that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-open-'));
    try {
      const file = join(dir, 'hearth.db');
      const store = await openEventStore(`sqlite:${file}`);
      expect(store).toBeInstanceOf(SqliteEventStore);
      await store.appendToStream('a', testEvents(1), 'no_stream');
      await store.close();
      const again = await openEventStore(`sqlite://${file}`);
      expect(await again.streamVersion('a')).toBe(0);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sqlite::memory: gives a private in-memory SQLite database', async () => {
    const store = await openEventStore('sqlite::memory:');
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it.each(['kurrentdb://admin:changeit@localhost:2113?tls=false', 'esdb://admin:changeit@localhost:2113'])(
    'points %p at the adapter package that provides it, without printing the password',
    async (url) => {
      await expect(openEventStore(url)).rejects.toThrow(/@hearth\/event-store-esdb.*/);
      await expect(openEventStore(url)).rejects.toThrow(/:\/\/\*\*\*@localhost/);
    },
  );

  it.each(['postgres://x', 'sqlite:', ''])('rejects %p with the forms it accepts', async (url) => {
    await expect(openEventStore(url)).rejects.toThrow(/sqlite:PATH/);
  });
});
