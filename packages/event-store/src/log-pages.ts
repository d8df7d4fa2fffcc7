import type { RecordedEvent } from './envelope';
import type { EventStore, ReadAllOptions } from './event-store';
import { readFeed, type FeedEvent } from './feed-event';

export interface LogPagesOptions {
  /** Exclusive position to read after (default 0: from the start). */
  readonly after?: number;
  /** Events per read, 1 or more (default 5000). */
  readonly pageSize?: number;
  /** Only these event types (as `readAll`'s `types`: omitted, every type; `[]`, none). */
  readonly types?: readonly string[];
  /**
   * The last position to yield (inclusive): events after it are left out and no read
   * starts at or beyond it, so the walk ends at a head taken before it began however many
   * events are appended meanwhile. Omitted: to the end of the log.
   */
  readonly upTo?: number;
}

const DEFAULT_PAGE_SIZE = 5000;

const wholeNumber = (name: string, value: number, least: number): number => {
  if (!Number.isInteger(value) || value < least) throw new RangeError(`${name} must be a whole number, ${least} or more (got ${value})`);
  return value;
};

/** One read of the log: at most `maxCount` events after `after` (of `types` only, when given), in position order. */
type PageRead<E> = (opts: ReadAllOptions) => Promise<readonly E[]>;

/**
 * The log after `after`, page by page, in position order: every page non-empty and at
 * most `pageSize` long, each read starting after the last position of the page before.
 * It stops after a page shorter than `pageSize`: the port promises that `readAll` returns
 * fewer than `maxCount` events only when no more match, with a `types` filter too
 * (docs/decisions/0066), so that short page is the end of the log as it stood at that read.
 * A caller that breaks out of its `for await` stops the reads there.
 */
async function* pages<E extends { readonly position: number }>(read: PageRead<E>, opts: LogPagesOptions): AsyncGenerator<readonly E[], void, undefined> {
  const pageSize = wholeNumber('pageSize', opts.pageSize ?? DEFAULT_PAGE_SIZE, 1);
  const upTo = opts.upTo === undefined ? Number.POSITIVE_INFINITY : wholeNumber('upTo', opts.upTo, 0);
  const { types } = opts;
  let after = wholeNumber('after', opts.after ?? 0, 0);
  while (after < upTo) {
    const page = await read(types === undefined ? { after, maxCount: pageSize } : { after, maxCount: pageSize, types });
    const last = page.at(-1);
    if (last === undefined) return;
    if (last.position > upTo) {
      const within = page.filter((e) => e.position <= upTo);
      if (within.length > 0) yield within;
      return;
    }
    yield page;
    if (page.length < pageSize) return;
    after = last.position;
  }
}

/** The log's recorded events, page by page (`pages`): what an audit reads, hashes and all. */
export const logPages = (store: Pick<EventStore, 'readAll'>, opts: LogPagesOptions = {}): AsyncGenerator<readonly RecordedEvent[], void, undefined> =>
  pages((o) => store.readAll(o), opts);

/**
 * The log as feed events, page by page (`pages`, through `readFeed`): what a reader that
 * folds the whole log needs, without the metadata it never looks at (docs/decisions/0097).
 */
export const feedPages = (store: Pick<EventStore, 'readAll' | 'readFeed'>, opts: LogPagesOptions = {}): AsyncGenerator<readonly FeedEvent[], void, undefined> =>
  pages((o) => readFeed(store, o), opts);
