/** The client's own default, which the adapter's timers share: `defaultDeadline` in the store URL. */
export const DEFAULT_DEADLINE_MS = 10_000;

/**
 * An attempt the node sent nothing back to for `ms` milliseconds (the store URL's
 * `defaultDeadline`): a hung node, one that accepts connections and answers nothing.
 * The client does not end such an attempt itself: its appends (BatchAppend on a stream
 * without a deadline, and the server-features call before it) and its native reads wait
 * for the connection's keep-alive, or, on a connection that never got the server's HTTP/2
 * settings, for ever (decision 0155).
 */
export class NoAnswerError extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`the node sent nothing for ${what} in ${ms} ms (defaultDeadline=${ms} in the store URL)`);
    this.name = 'NoAnswerError';
  }
}

/**
 * `answer`, or a NoAnswerError once `ms` pass without it. The abandoned call is left to the
 * client (it ends when the connection does); its later outcome is ignored, never unhandled.
 */
export const answerWithin = <T>(answer: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(what, ms)), ms);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
};

/**
 * The items of `source`, failing with a NoAnswerError when `ms` pass without the next one
 * (or the end). The clock restarts at every item, so a long read that keeps answering is
 * never cut: the bound is on silence, not on the read's length.
 */
export async function* itemsWithin<T>(source: AsyncIterable<T>, ms: number, what: string): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      const next = await answerWithin(iterator.next(), ms, what);
      if (next.done) {
        ended = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Left early (the caller's error, or the timer): the source closes once its pending
    // item comes, as it would under a plain for-await; not awaited, as a silent node never sends it.
    if (!ended) void iterator.return?.()?.catch(() => undefined);
  }
}
