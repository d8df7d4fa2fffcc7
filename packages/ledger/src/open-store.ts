import { HOUSEHOLD_STREAM_PREFIX, DIVISIONS_STREAM } from '@hearth/domain';
import { EventStore, maskStoreUrl, openEventStore } from '@hearth/event-store';
import { isEsdbUrl, openEsdbEventStore, storeCredentialsFromEnv } from '@hearth/event-store-esdb';
import { IMPORT_STREAM_PREFIX } from './import/import-checkpoint';

/**
 * The stream-name prefixes of every stream Hearth writes. On a KurrentDB server shared
 * with other applications, reads of `$all` are filtered on them (server-side) and events
 * of other streams are passed over; a new kind of stream must be added here.
 */
export const HEARTH_STREAM_PREFIXES: readonly string[] = [HOUSEHOLD_STREAM_PREFIX, DIVISIONS_STREAM, IMPORT_STREAM_PREFIX];

/**
 * The one setting that chooses the store (architecture.md): `sqlite:PATH` or `memory:`
 * through @hearth/event-store, `kurrentdb://…` / `kurrentdb+discover://…` (and the older
 * `esdb://…` / `esdb+discover://…`) through @hearth/event-store-esdb, with credentials from
 * HEARTH_STORE_USERNAME and HEARTH_STORE_PASSWORD or HEARTH_STORE_PASSWORD_FILE. This is the
 * composition root, so it may know both; the store packages do not know each other.
 */
export const openStore = (url: string, env: NodeJS.ProcessEnv = process.env): Promise<EventStore> =>
  isEsdbUrl(url)
    ? openEsdbEventStore(url, { ownStreamPrefixes: HEARTH_STREAM_PREFIXES, ...credentialsOption(env) })
    : openEventStore(url);

const credentialsOption = (env: NodeJS.ProcessEnv) => {
  const credentials = storeCredentialsFromEnv(env);
  return credentials ? { credentials } : {};
};

/** A store URL as it may be printed (user and password masked); see maskStoreUrl. */
export { maskStoreUrl };
