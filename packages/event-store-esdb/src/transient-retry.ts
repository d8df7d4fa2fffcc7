import { NotLeaderError, UnavailableError } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '@hearth/event-store';

/** Attempts of a call that failed because the node was unreachable or not the leader. */
const ATTEMPTS = 4;

/**
 * Runs `call` again (up to four attempts in all, 50 ms, 200 ms, 800 ms apart) when the
 * node answered UNAVAILABLE or "not leader"; the client has reconnected by then (to the
 * leader it was told of, or by rediscovering the cluster). Safe for reads, and for appends
 * because they are resent with the same event ids: if the lost attempt was in fact
 * written, the server treats the repeat as the same append (idempotent) and answers as
 * for the first. After the last attempt the port's StoreUnavailableError is thrown (the
 * client's error its cause), so that callers tell an unreachable server from a bug
 * without knowing the client. Any other error is thrown at once.
 */
export const withTransientRetry = async <T>(call: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= ATTEMPTS) throw new StoreUnavailableError(`the store's server did not answer after ${ATTEMPTS} attempts (${(error as Error).message})`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** (attempt - 1)));
    }
  }
};

export const isTransient = (error: unknown): boolean => error instanceof UnavailableError || error instanceof NotLeaderError;
