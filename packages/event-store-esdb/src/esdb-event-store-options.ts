import type { StoreCredentials } from './esdb-url';

export interface EsdbEventStoreOptions {
  /**
   * A namespace on a shared server: every stream id is stored as `streamPrefix + id`,
   * and `readAll` / `subscribeToAll` only see streams with that prefix (given back
   * without it). Default: none.
   */
  streamPrefix?: string;
  /**
   * Prefixes (inside the namespace) of the streams this store owns, e.g. Hearth's
   * `['household-', 'divisions', 'import-']`. `readAll`, `headPosition` and
   * `subscribeToAll` read `$all` with a server-side filter on them, and pass over events
   * of any other stream whatever their content (another application's, not JSON): those
   * are not this store's. Default: every non-system stream of the namespace is owned, and
   * an owned event that is not JSON is a DamagedEventError.
   */
  ownStreamPrefixes?: readonly string[];
  /** Events per `$all` page read by `readAll` (default 1000, at least 2). */
  readPageSize?: number;
  /**
   * The server's `MaxAppendSize` in bytes (default: the URL's `maxAppendSize`, else 1 MiB):
   * an append over it is refused with an AppendSizeLimitError before anything is sent.
   */
  maxAppendSize?: number;
  /** User and password (e.g. from HEARTH_STORE_USERNAME / HEARTH_STORE_PASSWORD[_FILE]); never printed. */
  credentials?: StoreCredentials;
}
