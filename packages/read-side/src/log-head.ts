import type { EventStore, RecordedEvent } from '@hearth/event-store';

const PAGE = 1000;

/**
 * The last global position in the log, read through the port from a position known to
 * be stored (`after`): pages forward to the end, so it costs what lies beyond `after`
 * — next to nothing for read models that follow the log live.
 */
export const logHead = async (store: EventStore, after = 0): Promise<number> => {
  let head = after;
  for (;;) {
    const page = await store.readAll({ after: head, maxCount: PAGE });
    if (page.length > 0) head = (page[page.length - 1] as RecordedEvent).position;
    if (page.length < PAGE) return head;
  }
};
