import { readFeed, type EventStore, type FeedEvent } from '@hearth/event-store';
import type { ProjectedEvent } from '../projected-event';
import { prepareEvents } from './prepare-events';

/** A page of the log, decoded: its household events, how many events were read and the position of the last. */
export interface PreparedPage {
  readonly events: readonly ProjectedEvent[];
  readonly count: number;
  readonly last: number;
}

/** `page` decoded (`prepareEvents`), with its count and last position. */
export const preparedPage = async (store: EventStore, page: readonly FeedEvent[]): Promise<PreparedPage> => {
  const count = page.length;
  const last = count === 0 ? 0 : (page[count - 1] as FeedEvent).position;
  return { events: await prepareEvents(store, page), count, last };
};

/**
 * The page of the log after `after`, decoded. It is read as feed events (`readFeed`): of
 * the metadata only the business date, which SQLite reads without parsing the hashes,
 * actor and command id (docs/decisions/0097). The feed events are let go before the page's
 * transaction: only the decoded events live through it, so the garbage collector copies
 * less at each scavenge meanwhile.
 */
export const readPreparedPage = async (store: EventStore, after: number, size: number): Promise<PreparedPage> =>
  preparedPage(store, await readFeed(store, { after, maxCount: size }));
