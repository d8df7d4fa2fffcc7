import { feedPages, type EventStore, type FeedEvent } from '@hearth/event-store';

/** How the direct computation reads the log: its page size, and a call after each page is read (its last position), for progress. */
export interface LogReadOptions {
  readonly pageSize?: number;
  readonly onPage?: (position: number) => void;
  /** The last log position to read (inclusive): the figures as the ledger stood at that event, as an export names it. Omitted: the whole log. */
  readonly upTo?: number;
}

/** The direct computation's page of the log unless told otherwise. */
const DIRECT_PAGE = 5000;

/** The log as feed events, page by page, as the direct computation reads it: `onPage` is told each page's last position before the page is used. */
export async function* directLogPages(store: EventStore, opts: LogReadOptions = {}): AsyncGenerator<readonly FeedEvent[], void, undefined> {
  for await (const page of feedPages(store, { pageSize: opts.pageSize ?? DIRECT_PAGE, ...(opts.upTo !== undefined ? { upTo: opts.upTo } : {}) })) {
    // feedPages yields no empty page.
    opts.onPage?.((page[page.length - 1] as FeedEvent).position);
    yield page;
  }
}
