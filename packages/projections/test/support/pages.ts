import type { EventStore } from '@hearth/event-store';

/**
 * How many households have events in more than one page of a catch-up of `store`'s whole log
 * from zero, its pages ending after `pageEnds` events (cumulative, as the runner's progress
 * reports them): the households a page's end falls inside.
 */
export const householdsAcrossPages = async (store: EventStore, pageEnds: readonly number[]): Promise<number> => {
  const pages = new Map<string, Set<number>>();
  for (const [k, e] of (await store.readAll()).entries()) {
    if (!e.streamId.startsWith('household-')) continue;
    const page = pageEnds.findIndex((end) => k < end);
    pages.set(e.streamId, (pages.get(e.streamId) ?? new Set()).add(page));
  }
  return [...pages.values()].filter((p) => p.size > 1).length;
};
