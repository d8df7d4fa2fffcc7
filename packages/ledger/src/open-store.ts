import { HOUSEHOLD_STREAM_PREFIX, DIVISIONS_STREAM } from '@hearth/domain';
import { EventStore, maskStoreUrl, openEventStore } from '@hearth/event-store';
import type * as Esdb from '@hearth/event-store-esdb';
// The light entry: it loads no client, so importing it statically keeps the adapter lazy (tested in
// test/open-store-loading.spec.ts); the rule cannot tell an entry point from the library's index.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { isEsdbUrl, storeCredentialsFromEnv } from '@hearth/event-store-esdb/connection';
import { BATCH_ANSWER_STREAM_PREFIX } from './batch-answer/batch-answer-stream';
import { IMPORT_STREAM_PREFIX } from './import/import-checkpoint';

/**
 * The stream-name prefixes of every stream Hearth writes. On a KurrentDB server shared
 * with other applications, reads of `$all` are filtered on them (server-side) and events
 * of other streams are passed over; a new kind of stream must be added here.
 */
export const HEARTH_STREAM_PREFIXES: readonly string[] = [HOUSEHOLD_STREAM_PREFIX, DIVISIONS_STREAM, IMPORT_STREAM_PREFIX, BATCH_ANSWER_STREAM_PREFIX];

/**
 * The one setting that chooses the store (architecture.md): `sqlite:PATH` or `memory:`
 * through @hearth/event-store, `kurrentdb://…` / `kurrentdb+discover://…` (and the older
 * `esdb://…` / `esdb+discover://…`) through @hearth/event-store-esdb, with credentials from
 * HEARTH_STORE_USERNAME and HEARTH_STORE_PASSWORD or HEARTH_STORE_PASSWORD_FILE. This is the
 * composition root, so it may know both; the store packages do not know each other.
 */
export const openStore = async (url: string, env: NodeJS.ProcessEnv = process.env): Promise<EventStore> => {
  if (!isEsdbUrl(url)) return openEventStore(url);
  // Loaded here, for a KurrentDB URL only: the client and its gRPC stack took a third of every
  // command's start-up on SQLite. require, not import(): under tsx's require hook (the CLI, no
  // build step) import() goes to Node's ESM loader, which cannot load the package's .ts sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openEsdbEventStore } = require('@hearth/event-store-esdb') as typeof Esdb;
  return openEsdbEventStore(url, { ownStreamPrefixes: HEARTH_STREAM_PREFIXES, ...credentialsOption(env) });
};

const credentialsOption = (env: NodeJS.ProcessEnv) => {
  const credentials = storeCredentialsFromEnv(env);
  return credentials ? { credentials } : {};
};

/** A store URL as it may be printed (user and password masked); see maskStoreUrl. */
export { maskStoreUrl };
