/**
 * The store's server could not be reached, after the adapter's own retries: the machine
 * or the network failed, not the input or the code. What was committed stays committed,
 * and the same call made again once the server answers carries on (appends are
 * idempotent by their event ids). `code` is how the CLI tells it from a bug
 * (apps/cli/src/system-failure.ts); `cause` is the client's own error.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'HEARTH_STORE_UNAVAILABLE';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
