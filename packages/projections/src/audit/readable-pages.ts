import { isDamagedEventError, type DamagedEventError, type EventStore, type RecordedEvent } from '@hearth/event-store';

/** Readable events in position order, and the damaged event that ended them, if one did. */
export interface ReadablePage {
  readonly events: readonly RecordedEvent[];
  readonly damaged?: DamagedEventError;
}

/**
 * A page of the log, or the readable events before a damaged one and that one's error.
 * The adapter refuses a whole read that meets a damaged row, so the events before it are
 * read again one at a time (only ever on a damaged store).
 */
export const readPage = async (store: EventStore, after: number, maxCount: number): Promise<ReadablePage> => {
  try {
    return { events: await store.readAll({ after, maxCount }) };
  } catch (error) {
    if (!isDamagedEventError(error)) throw error;
    const events: RecordedEvent[] = [];
    for (let cursor = after; ; ) {
      let next: RecordedEvent | undefined;
      try {
        [next] = await store.readAll({ after: cursor, maxCount: 1 });
      } catch (again) {
        if (isDamagedEventError(again)) return { events, damaged: again };
        throw again;
      }
      if (next === undefined) return { events };
      events.push(next);
      cursor = next.position;
    }
  }
};

/**
 * The whole log, page by page, reading on past every damaged event: what the audits read
 * (a log's scan, an anchor's check), which must see each readable event and name each
 * damaged one rather than stop at the first. A page that ends on a damaged event is
 * followed by the page after it; otherwise the walk stops on a short page, as `logPages`
 * does (docs/decisions/0066), which cannot be used here because a damaged row fails its read.
 */
export async function* readablePages(store: EventStore, pageSize: number): AsyncGenerator<ReadablePage, void, undefined> {
  for (let after = 0; ; ) {
    const page = await readPage(store, after, pageSize);
    yield page;
    if (page.damaged) {
      after = page.damaged.position;
      continue;
    }
    const last = page.events.at(-1);
    if (last === undefined || page.events.length < pageSize) return;
    after = last.position;
  }
}
