/**
 * The store's server could not be reached, after the adapter's own retries: the machine
 * or the network failed, not the input or the code. What was committed stays committed,
 * and the same call made again once the server answers carries on (appends are
 * idempotent by their event ids). `code` is how the CLI tells it from a bug
 * (packages/ledger/src/machine-failure.ts); `cause` is the client's own error.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'HEARTH_STORE_UNAVAILABLE';
  /** Why, as far as the adapter could tell from this machine (e.g. "nothing listens on db:2113 (connection refused)"). */
  readonly reason: string | undefined;
  /** What to do about it, when the adapter knows better than "check that the server runs" (e.g. "add tls=false to the URL"). */
  readonly remedy: string | undefined;

  constructor(message: string, options?: { readonly cause?: unknown; readonly reason?: string; readonly remedy?: string }) {
    super(options?.reason === undefined ? message : `${message}: ${options.reason}`, options);
    this.name = 'StoreUnavailableError';
    this.reason = options?.reason;
    this.remedy = options?.remedy;
  }
}
