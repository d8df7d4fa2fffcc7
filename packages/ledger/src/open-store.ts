import { EventStore, openEventStore } from '@hearth/event-store';
import { openEsdbEventStore } from '@hearth/event-store-esdb';

/**
 * The one setting that chooses the store (architecture.md): `sqlite:PATH` or `memory:`
 * through @hearth/event-store, `esdb://…` through @hearth/event-store-esdb. This is the
 * composition root, so it may know both; the store packages do not know each other.
 */
export const openStore = (url: string): Promise<EventStore> =>
  /^esdb(\+discover)?:\/\//.test(url) ? openEsdbEventStore(url) : openEventStore(url);
