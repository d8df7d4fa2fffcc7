import { type DivisionTree, type Fact, type HouseholdEvent, householdIdOf } from '@hearth/domain';
import type { EventStore } from '@hearth/event-store';
import { directLogPages, type LogReadOptions } from './log-read-options';
import { decodeHouseholdEvent } from '../runner/prepare-events';
import { villagesOf } from './villages-of';

/** The types that say where a household is (corrections included: they can amend where). */
const PLACING = new Set(['HouseholdRegistered', 'HouseholdTransferred', 'EventCorrected']);

export interface HouseholdsEverIn {
  /** The households a registration, a transfer or a correction of either places in the division or below it. */
  readonly households: ReadonlySet<string>;
  /** The first and last business dates of the log's household events (corrections left out, as the direct fold leaves them). */
  readonly first: string | undefined;
  readonly last: string | undefined;
}

/** The villages one stored event names for its household: a registration's, a transfer's, or those a correction of either amends them to. */
const villagesNamedBy = (event: HouseholdEvent, meta: Fact['meta']): string[] => {
  if (event.type !== 'EventCorrected') return villagesOf([{ event, meta }]);
  // The correction's fields, read as the event they amend (`correctedEvent` merges them so): only a village it amends is there.
  const amended = { type: event.data.correctedType, data: event.data.correction } as unknown as HouseholdEvent;
  return villagesOf([{ event: amended, meta }]).filter((v) => typeof v === 'string');
};

/**
 * A pass over the log that finds the households ever placed in `division`'s subtree: the
 * only households any report of that subtree can count, at any date (a household counts
 * where it is at a period's end). A direct fold of those alone answers every report of the
 * subtree as the fold of every household does, in memory that follows the subtree's
 * households (docs/decisions/0125). It keeps nothing of the others: a household is taken
 * when any registration, transfer or correction of one names a village there, before or
 * after correction, so the set holds every household whose corrected facts place it there
 * (and those a correction moved away, which count in none of the subtree's reports).
 */
export const householdsEverIn = async (store: EventStore, tree: DivisionTree, division: string, opts: LogReadOptions = {}): Promise<HouseholdsEverIn> => {
  const households = new Set<string>();
  const inside = (village: string): boolean => tree.get(village) !== undefined && tree.contains(division, village);
  let first: string | undefined;
  let last: string | undefined;
  for await (const page of directLogPages(store, opts)) {
    for (const r of page) {
      const householdId = householdIdOf(r.streamId);
      if (householdId === undefined) continue;
      const on = r.occurredOn;
      if (r.type !== 'EventCorrected') {
        if (first === undefined || on < first) first = on;
        if (last === undefined || on > last) last = on;
      }
      if (!PLACING.has(r.type) || households.has(householdId)) continue;
      if (villagesNamedBy(decodeHouseholdEvent(r), { eventId: r.eventId, occurredOn: on }).some(inside)) households.add(householdId);
    }
  }
  return { households, first, last };
};
