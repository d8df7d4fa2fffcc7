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
   * `['household-', 'divisions', 'import-', 'batch-']`. `readAll`, `headPosition` and
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
  /**
   * How long (ms) a store call waits for a node that sends nothing before it gives up
   * with StoreUnavailableError (default: the URL's `defaultDeadline`, else the client's
   * 10 000): an append's answer, or a read's next event. A read that keeps sending is
   * never cut; no retry starts after this long (decision 0155).
   */
  deadline?: number;
  /** User and password (e.g. from HEARTH_STORE_USERNAME / HEARTH_STORE_PASSWORD[_FILE]); never printed. */
  credentials?: StoreCredentials;
}
