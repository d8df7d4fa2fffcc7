import type { EventStore } from './event-store';
import { InMemoryEventStore } from './in-memory-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/**
 * Chooses the adapter from one setting (HEARTH_STORE):
 * - `memory:` — InMemoryEventStore (nothing persists);
 * - `sqlite:PATH` — SqliteEventStore on the file PATH (`sqlite:///abs/path` and
 *   `sqlite::memory:` work too);
 * - `esdb://…` — EventStoreDB, provided by @hearth/event-store-esdb.
 */
export const openEventStore = async (url: string, opts: { sqlite?: SqliteEventStoreOptions } = {}): Promise<EventStore> => {
  if (url === 'memory:') return new InMemoryEventStore();
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path.length === 0) throw new Error(`missing database path in store url "${url}" (expected sqlite:PATH)`);
    return SqliteEventStore.open(path, opts.sqlite);
  }
  if (/^esdb(\+discover)?:\/\//.test(url)) {
    throw new Error(
      `store url "${url}" selects EventStoreDB, whose adapter lives in @hearth/event-store-esdb (to be added); ` +
        'until then use sqlite:PATH or memory:',
    );
  }
  throw new Error(`unsupported store url "${url}": expected sqlite:PATH, memory: or esdb://host:port`);
};
