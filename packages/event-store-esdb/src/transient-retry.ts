import { convertToCommandError, DeadlineExceededError, isCommandError, NotLeaderError, TimeoutError, UnavailableError, UnknownError } from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '@hearth/event-store';
import { DEFAULT_DEADLINE_MS, NoAnswerError } from './no-answer';

/** Attempts of a call that failed because the node was unreachable, hung or not the leader. */
const ATTEMPTS = 4;

/**
 * Runs `call` again (up to four attempts in all, 50 ms, 200 ms, 800 ms apart) when the
 * node answered UNAVAILABLE or "not leader" (the client has reconnected by then, to the
 * leader it was told of, or by rediscovering the cluster), or did not complete the call in
 * time: a deadline passed (a read's, the client's), the node sent nothing for
 * `deadlineMs` (a NoAnswerError, from the call's own timer), or an append was answered
 * `Timeout` (its prepare, forward or commit timed out: it may have been written all the
 * same) or "Server Is Busy" / "Server Is Not Ready" (refused unwritten). Safe for reads,
 * and for appends because they are resent with the same event ids: if the lost attempt
 * was in fact written, the server treats the repeat as the same append (idempotent) and
 * answers as for the first.
 *
 * No attempt starts once `deadlineMs` (the store URL's `defaultDeadline`) have passed
 * since the first: waiting again on a node that already held an attempt that long would
 * only double the wait, so a hung node costs one deadline, and never more than about two
 * (the last attempt starts before the first deadline and has one of its own). After the
 * last attempt the port's StoreUnavailableError is thrown (the client's error its cause),
 * so that callers tell an unreachable server from a bug without knowing the client. Any
 * other error is thrown at once.
 */
export const withTransientRetry = async <T>(call: () => Promise<T>, deadlineMs: number = DEFAULT_DEADLINE_MS): Promise<T> => {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (thrown) {
      const error = asClientError(thrown);
      if (!isTransient(error)) throw thrown;
      const pause = 50 * 4 ** (attempt - 1);
      const spent = Date.now() - started;
      if (attempt >= ATTEMPTS || spent + pause >= deadlineMs) {
        throw new StoreUnavailableError(`the store's server did not answer after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${spent} ms (${(error as Error).message})`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
};

/**
 * The client's own error for what a call threw. Most calls throw the client's errors, but
 * the server-features call it makes before the first append on a new connection (after a
 * lost one, or a move to the leader) rejects with gRPC's raw error (`code` 14 for a node
 * out of reach), which would otherwise escape the retries as a plain Error.
 */
const asClientError = (error: unknown): unknown =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && !isCommandError(error) ? convertToCommandError(error) : error;

export const isTransient = (error: unknown): boolean =>
  error instanceof NoAnswerError ||
  error instanceof UnavailableError ||
  error instanceof NotLeaderError ||
  // A read's deadline, or an append the server answered `Timeout` (BatchAppend) …
  error instanceof DeadlineExceededError ||
  // … or `Aborted`, "timed out" (the older Append call).
  error instanceof TimeoutError ||
  // A BatchAppend answered NotHandled: the client knows no detail for it and says "Could not recognize Server Is Busy".
  (error instanceof UnknownError && /Server Is (Busy|Not Ready)/.test(error.message));
