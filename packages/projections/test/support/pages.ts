import type { EventStore } from '@hearth/event-store';

/**
 * How many households have events in more than one page of a catch-up of `store`'s log from
 * position `from`, its pages ending at the positions in `pageEnds` (as the runner's progress
 * reports them): the households a page's end falls inside.
 */
export const householdsAcrossPages = async (store: EventStore, pageEnds: readonly number[], from = 0): Promise<number> => {
  const pages = new Map<string, Set<number>>();
  for (const e of await store.readAll()) {
    if (!e.streamId.startsWith('household-') || e.position <= from || e.position > (pageEnds.at(-1) ?? 0)) continue;
    const page = pageEnds.findIndex((end) => e.position <= end);
    pages.set(e.streamId, (pages.get(e.streamId) ?? new Set()).add(page));
  }
  return [...pages.values()].filter((p) => p.size > 1).length;
};

/**
 * The most events any one page of such a catch-up held, from the positions its pages ended at
 * (a SQLite or in-memory log numbers its events without gaps): more than the runner's
 * `batchSize` only if it read a bulk page.
 */
export const largestPage = (pageEnds: readonly number[], from = 0): number =>
  pageEnds.reduce((most, end, i) => Math.max(most, end - (i === 0 ? from : (pageEnds[i - 1] as number))), 0);
