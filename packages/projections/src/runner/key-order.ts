import type { ProjectedEvent } from '../projected-event';

/**
 * How a page's registrations fell in the read models' key order, the household id: a
 * household's rows sit where its id sorts in every table keyed by household. A log whose
 * households are registered in the order of their ids (one import of a file in household
 * order) only ever adds rows after the last one, and a page fills leaves no other page
 * touches. A log imported in parts (`hearth import --workers 2`: each part the households
 * of a hash, one part running ~800 households ahead of the other at 20,000) or whose ids
 * are not given in registration order adds rows between rows other pages wrote, and each
 * commit rewrites leaves an earlier one wrote: at 20,000 households, twice the bytes and a
 * fifth more CPU of a catch-up (docs/decisions/0190).
 */
export interface KeyOrder {
  /** The page's registrations. */
  readonly registrations: number;
  /** Those whose household id sorts before one registered earlier, in this page or before it. */
  readonly behind: number;
  /** The highest household id registered so far, this page's included. */
  readonly highest: string | undefined;
}

export const keyOrderOf = (events: readonly ProjectedEvent[], highestBefore: string | undefined): KeyOrder => {
  let registrations = 0;
  let behind = 0;
  let highest = highestBefore;
  for (const e of events) {
    if (e.event.type !== 'HouseholdRegistered') continue;
    registrations++;
    if (highest !== undefined && e.householdId < highest) behind++;
    else highest = e.householdId;
  }
  return { registrations, behind, highest };
};

/**
 * Whether a page's households came out of key order: a quarter or more of its registrations
 * sort before a household registered earlier (about half of them in a log imported in two
 * parts, nearly all where ids are random, none in one imported in the order of its ids).
 */
export const isOutOfKeyOrder = (page: KeyOrder): boolean => page.behind > 0 && 4 * page.behind >= page.registrations;
