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

/** The most events any one page of such a catch-up held: more than the runner's `batchSize` only if it read a bulk page. */
export const largestPage = async (store: EventStore, pageEnds: readonly number[], from = 0): Promise<number> => {
  const sizes = pageEnds.map(() => 0);
  for (const e of await store.readAll()) {
    if (e.position <= from || e.position > (pageEnds.at(-1) ?? 0)) continue;
    const page = pageEnds.findIndex((end) => e.position <= end);
    sizes[page] = (sizes[page] ?? 0) + 1;
  }
  return Math.max(0, ...sizes);
};
