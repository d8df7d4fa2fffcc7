import { BACKWARDS, END, type AllStreamResolvedEvent, type KurrentDBClient, type Position } from '@kurrent/kurrentdb-client';
import type { StoreNamespace } from './store-namespace';
import { readWithinDeadline } from './read-within-deadline';

/** How much larger each page of the backwards search is than the one before. */
const GROWTH = 16;

/**
 * The sizes of the pages a backwards search of `$all` asks for: 1, 16, 256, … up to
 * `pageSize`. The server-side filter already leaves out most of what is not the store's,
 * so the newest event it sends is nearly always the head: one event, where a page of
 * `pageSize` would send a thousand to find it (a projector asks at every status line).
 */
export const headPageSizes = function* (pageSize: number): Generator<number, never> {
  let size = 1;
  for (;;) {
    yield Math.min(size, pageSize);
    size = Math.min(size * GROWTH, pageSize);
  }
};

/**
 * Reads `$all` backwards from its end, past system events and streams the store does not
 * own, to the last event the store shows; 0 when it has none. `deadline`: how long a page
 * waits on a silent node (ms), as for the store's other reads.
 */
export const readHeadPosition = async (client: KurrentDBClient, namespace: StoreNamespace, pageSize: number, deadline: number): Promise<number> => {
  const filter = namespace.serverFilter(undefined);
  let from: Position | typeof END = END;
  for (const size of headPageSizes(pageSize)) {
    const pageFrom = from;
    const page: AllStreamResolvedEvent[] = await readWithinDeadline(() => client.readAll({ fromPosition: pageFrom, maxCount: size, direction: BACKWARDS, filter }), deadline, 'a read of $all');
    for (const resolved of page) {
      const event = namespace.toRecorded(resolved);
      if (event) return event.position;
    }
    // Backwards, `fromPosition` is exclusive: the next page holds the events before this one's oldest.
    const oldest = page.at(-1)?.event?.position;
    if (page.length < size || !oldest) return 0;
    from = oldest;
  }
  return 0;
};
