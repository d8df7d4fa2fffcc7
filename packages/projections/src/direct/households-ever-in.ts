import { correctedEvent, correctionsIn, type DivisionTree, type Fact, householdIdOf } from '@hearth/domain';
import { feedPages, type EventStore, type FeedEvent } from '@hearth/event-store';
import type { LogReadOptions } from './log-read-options';
import { decodeHouseholdEvent } from '../runner/prepare-events';
import { villagesOf } from './villages-of';

/** The types that say where a household is (corrections included: they can amend where). */
const PLACING = new Set(['HouseholdRegistered', 'HouseholdTransferred', 'EventCorrected']);

export interface HouseholdsEverIn {
  /** The households whose corrected registration or some corrected transfer places them in the division or below it. */
  readonly households: ReadonlySet<string>;
  /** The first and last business dates of the log's household events (corrections left out, as the direct fold leaves them). */
  readonly first: string | undefined;
  readonly last: string | undefined;
}

/**
 * A pass over the log that keeps only what places each household, to find those ever
 * placed in `division`'s subtree: the only households any report of that subtree can
 * count, at any date (a household counts where it is at a period's end). A direct fold of
 * those alone answers every report of the subtree as the fold of every household does, in
 * memory that follows the subtree's households (docs/decisions/0125).
 */
export const householdsEverIn = async (store: EventStore, tree: DivisionTree, division: string, opts: LogReadOptions = {}): Promise<HouseholdsEverIn> => {
  const placing = new Map<string, Fact[]>();
  let first: string | undefined;
  let last: string | undefined;
  for await (const page of feedPages(store, { pageSize: opts.pageSize ?? 5000 })) {
    opts.onPage?.((page[page.length - 1] as FeedEvent).position);
    for (const r of page) {
      const householdId = householdIdOf(r.streamId);
      if (householdId === undefined) continue;
      const on = r.occurredOn;
      if (r.type !== 'EventCorrected') {
        if (first === undefined || on < first) first = on;
        if (last === undefined || on > last) last = on;
      }
      if (!PLACING.has(r.type)) continue;
      const facts = placing.get(householdId) ?? [];
      facts.push({ event: decodeHouseholdEvent(r), meta: { eventId: r.eventId, occurredOn: on } });
      placing.set(householdId, facts);
    }
  }
  const households = new Set<string>();
  for (const [householdId, all] of placing) {
    const corrections = correctionsIn(all);
    const facts = all.filter((f) => f.event.type !== 'EventCorrected').map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta }));
    if (villagesOf(facts).some((v) => tree.get(v) !== undefined && tree.contains(division, v))) households.add(householdId);
  }
  return { households, first, last };
};
