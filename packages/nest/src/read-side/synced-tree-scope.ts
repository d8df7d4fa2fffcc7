import { AsyncLocalStorage } from 'node:async_hooks';
import type { Ledger } from '@hearth/ledger';

/**
 * The async scope of work that has already taken in the store's division tree for one
 * ledger: the API syncs once a request (FreshTreeMiddleware), and the checks the module
 * makes for embedders who call it without the API (report queries, the command executor)
 * then skip their own read of the division stream's version — one read a request, not two
 * (docs/decisions/0084). Keyed by the ledger, so a process with two modules on two stores
 * still checks the other one.
 */
const synced = new AsyncLocalStorage<Ledger>();

export const syncedTreeScope = {
  /** Runs `f` (and everything it starts) as work whose tree `ledger` has just synced. */
  run: <T>(ledger: Ledger, f: () => T): T => synced.run(ledger, f),
  /** Whether the current work runs inside `run(ledger, …)`. */
  covers: (ledger: Ledger): boolean => synced.getStore() === ledger,
};
