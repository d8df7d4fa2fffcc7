import type { EventStore } from './event-store';
import { maskStoreUrl } from './mask-store-url';
import { InMemoryEventStore } from './in-memory-event-store';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import { sqliteStorePath } from './sqlite-store-path';

/**
 * Chooses the adapter from one setting (HEARTH_STORE):
 * - `memory:` — InMemoryEventStore (nothing persists);
 * - `sqlite:PATH` — SqliteEventStore on the file PATH (`sqlite:///abs/path` and
 *   `sqlite::memory:` work too);
 * - `kurrentdb://…` / `esdb://…` — KurrentDB / EventStoreDB, provided by @hearth/event-store-esdb
 *   (selected by @hearth/ledger's openStore; this package does not know it).
 */
export const openEventStore = async (url: string, opts: { sqlite?: SqliteEventStoreOptions } = {}): Promise<EventStore> => {
  if (url === 'memory:') return new InMemoryEventStore();
  const path = sqliteStorePath(url);
  if (path !== undefined) {
    if (path.length === 0) throw new Error(`missing database path in store url "${url}" (expected sqlite:PATH)`);
    return SqliteEventStore.open(path, opts.sqlite);
  }
  if (/^(?:kurrentdb|esdb)(\+discover)?:\/\//i.test(url)) {
    throw new Error(
      `store url "${maskStoreUrl(url)}" selects KurrentDB / EventStoreDB, whose adapter lives in @hearth/event-store-esdb ` +
        "(open it with @hearth/ledger's openStore, or openEsdbEventStore)",
    );
  }
  throw new Error(`unsupported store url "${maskStoreUrl(url)}": expected sqlite:PATH, memory: or kurrentdb://host:port`);
};
