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
 * transaction (decision 75 measured it: more CPU, ~700 MB more peak RSS). Short runs alone
 * do not tell a log of tiny households imported one by one, so `isSpread` also asks that
 * most runs continue a household rather than open it.
 */
export const SPREAD_RUN = 4;

/**
 * The households a bulk page is sized to touch at most (decision 115): the counter
 * projections hold each of a page's households' records parsed through the page, before
 * and after (~35 KB a household in all, measured), besides the `KEPT_RECORDS` kept from page to
 * page. Pages of 50,000 events of a log written day by day touch ~16,500 households at
 * 20,000 households, but ~40,000 at 100,000, where a rebuild peaked at 2.5 GiB.
 */
export const BULK_HOUSEHOLDS = 16_384;

/** How a page's events fell: how many household events, in how many runs of one household, of how many households. */
export interface PageSpread {
  readonly events: number;
  readonly runs: number;
  readonly households: number;
  /** The runs that open their household: its first event, the registration. */
  readonly opening: number;
}

export const spreadOf = (events: readonly ProjectedEvent[]): PageSpread => {
  let runs = 0;
  let opening = 0;
  let household: string | undefined;
  const households = new Set<string>();
  for (const e of events) {
    if (e.householdId !== household) {
      runs++;
      if (e.event.type === 'HouseholdRegistered') opening++;
      households.add(e.householdId);
    }
    household = e.householdId;
  }
  return { events: events.length, runs, households: households.size, opening };
};

/**
 * Whether a page's households came spread over the log, as in a log written day by day:
 * runs of one household shorter than `SPREAD_RUN` on average, most of which continue a
 * household begun earlier in the log. Imported household by household, each run opens its
 * household with the registration, however few events the household has.
 */
export const isSpread = (page: PageSpread): boolean => page.events < SPREAD_RUN * page.runs && 2 * page.opening < page.runs;

/**
 * The size of the next page of a catch-up, `ahead` events behind the head. After a page
 * that showed the households spread over the log, or registered out of the read models' key
 * order (`outOfKeyOrder`, key-order.ts; decision 190): as large as `bulk`, but no larger than
 * would touch `households` (`BULK_HOUSEHOLDS`) at that page's households an event (fewer,
 * since a larger page has more events a household), and only when a whole such page is
 * ahead. Else `size` (the first page of a catch-up, near the head, a log in household
 * order registered in the order of its ids). Never below `size`.
 */
export const nextPageSize = (size: number, bulk: number, ahead: number, before: PageSpread | undefined, households = BULK_HOUSEHOLDS, outOfKeyOrder = false): number => {
  if (before === undefined || !(isSpread(before) || outOfKeyOrder)) return size;
  const fitting = before.households === 0 ? bulk : Math.floor((before.events * households) / before.households);
  const page = Math.max(size, Math.min(bulk, fitting));
  return ahead >= page ? page : size;
};
