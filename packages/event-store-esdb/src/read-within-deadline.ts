import { itemsWithin } from './no-answer';
import { withTransientRetry } from './transient-retry';

/**
 * What a read made with `open` sends, each item passed through `keep` as it arrives (an
 * `undefined` is left out; without `keep`, every item as it is). Each attempt opens its
 * own call and must get its next item, or its end, within `deadlineMs` (`itemsWithin`: a
 * NoAnswerError names `what`); a transient failure is retried as `withTransientRetry` says,
 * with no attempt started after `deadlineMs` since the first (decision 0155).
 *
 * The call is read to its end, never left half-way (which would leave it open), unless the
 * node falls silent or `keep` throws: then the call is left to end with the connection.
 */
export function readWithinDeadline<T>(open: () => AsyncIterable<T>, deadlineMs: number, what: string): Promise<T[]>;
export function readWithinDeadline<T, U>(open: () => AsyncIterable<T>, deadlineMs: number, what: string, keep: (item: T) => U | undefined): Promise<U[]>;
export function readWithinDeadline<T, U>(
  open: () => AsyncIterable<T>,
  deadlineMs: number,
  what: string,
  keep?: (item: T) => U | undefined,
): Promise<(U | T)[]> {
  return withTransientRetry(async () => {
    const kept: (U | T)[] = [];
    for await (const item of itemsWithin(open(), deadlineMs, what)) {
      if (!keep) {
        kept.push(item);
        continue;
      }
      const value = keep(item);
      if (value !== undefined) kept.push(value);
    }
    return kept;
  }, deadlineMs);
}
