import type { EventStore } from './event-store';
import { readFeed } from './feed-event';
import { InMemoryEventStore } from './in-memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from './testing/event-factory';
import { interceptedStore } from './testing/intercepted-store';

describe('interceptedStore', () => {
  it("forwards the store's own readFeed: readers read the feed the store reads, not one cut from readAll", async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      await store.appendToStream('s-1', testEvents([{ type: 'A' }, { type: 'B' }]), 'no_stream');
      const feed = jest.spyOn(store, 'readFeed');
      const all = jest.spyOn(store, 'readAll');
      const intercepted = interceptedStore(store, {});
      expect(intercepted.readFeed).toBeDefined();
      const read = await readFeed(intercepted, { after: 1 });
      expect(feed).toHaveBeenCalledWith({ after: 1 });
      expect(all).not.toHaveBeenCalled();
      expect(read).toEqual(await store.readFeed({ after: 1 }));
    } finally {
      await store.close();
    }
  });

  it('claims no readFeed over a store without one, so readers cut the feed from readAll', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s-1', testEvents([{ type: 'A' }]), 'no_stream');
    const intercepted = interceptedStore(store, {});
    expect('readFeed' in intercepted).toBe(false);
    expect((await readFeed(intercepted)).map((e) => e.type)).toEqual(['A']);
  });

  it("forwards the store's other capabilities, so callers over it take the paths they take over the store", async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      await store.appendToStream('s-1', testEvents([{ type: 'A' }, { type: 'B' }]), 'no_stream');
      const intercepted = interceptedStore(store, {});
      expect(intercepted.embeddedReadModels?.database).toBe(store.embeddedReadModels.database);
      expect(intercepted.issuedPositions).toBe(store.issuedPositions);
      expect(intercepted.storedText).toBe(store.storedText);
      const appended = await intercepted.writeSession?.(async (session) => session.append({ streamId: 's-2', events: testEvents([{ type: 'C' }]), expectedVersion: 'no_stream' }));
      expect(appended?.nextExpectedVersion).toBe(0);
      expect((await store.readStream('s-2')).map((e) => e.type)).toEqual(['C']);
    } finally {
      await store.close();
    }
  });

  it('claims only the capabilities its store has', () => {
    const store: EventStore = new InMemoryEventStore();
    const intercepted = interceptedStore(store, {});
    const capabilities = ['readFeed', 'issuedPositions', 'storedText', 'embeddedReadModels', 'writeSession'] as const;
    expect(capabilities.filter((c) => c in intercepted)).toEqual(capabilities.filter((c) => store[c] !== undefined));
    expect(capabilities.filter((c) => c in intercepted)).not.toContain('embeddedReadModels');
  });

  it('takes a capability away when a test overrides it with undefined, to reach the path without it', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      const intercepted = interceptedStore(store, { writeSession: undefined });
      expect('writeSession' in intercepted).toBe(false);
      expect(intercepted.storedText).toBe(store.storedText);
    } finally {
      await store.close();
    }
  });

  it('lets an override of readFeed stand in for the store’s', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      const intercepted = interceptedStore(store, { readFeed: () => Promise.reject(new Error('injected')) });
      await expect(readFeed(intercepted)).rejects.toThrow('injected');
    } finally {
      await store.close();
    }
  });
});
