import type { ProjectedEvent } from '../projected-event';

/**
 * Events a page of a catch-up from far behind through a log whose households are spread
 * over it (decision 106): on a log written day by day (20,000 households), pages of 50,000
 * touch a household ~12 times against ~29 in pages of 5,000, and the counters rewrite their
 * household records (nearly every leaf of their tables) at a tenth as many commits.
 */
export const BULK_PAGE = 50_000;

/**
 * A page's households are spread over the log when its events come in runs of one
 * household shorter than this on average: ~1 on a log written day by day, ~35 on one
 * imported household by household, where a larger page buys nothing (each household is in
 * one page already) and costs the garbage collector a larger page alive through its
 * transaction (decision 75 measured it: more CPU, ~700 MB more peak RSS).
 */
export const SPREAD_RUN = 4;

/** How a page's events fell: how many household events, in how many runs of one household. */
export interface PageSpread {
  readonly events: number;
  readonly runs: number;
}

export const spreadOf = (events: readonly ProjectedEvent[]): PageSpread => {
  let runs = 0;
  let household: string | undefined;
  for (const e of events) {
    if (e.householdId !== household) runs++;
    household = e.householdId;
  }
  return { events: events.length, runs };
};

/**
 * The size of the next page of a catch-up, `ahead` events behind the head: `bulk` when a
 * whole bulk page or more is ahead and the page before showed the households spread over
 * the log, else `size` (the first page of a catch-up, near the head, a log in household
 * order).
 */
export const nextPageSize = (size: number, bulk: number, ahead: number, before: PageSpread | undefined): number =>
  ahead >= bulk && before !== undefined && before.events < SPREAD_RUN * before.runs ? bulk : size;
