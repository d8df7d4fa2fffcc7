import { BusinessDate } from '../dates';
import { withCorrection } from './corrected-state';
import { EventData } from './events';
import { evolve } from './evolve';
import { Fact, HouseholdState, initialState } from './state';

/** A correction dated after the business date asked for, applied to an event dated on or before it. */
export interface LaterCorrection {
  readonly fact: Fact;
  readonly data: EventData<'EventCorrected'>;
}

export interface StateAsOf {
  readonly state: HouseholdState;
  /** The corrections dated after `asOf` that changed how an event dated on or before it reads, in stream order. */
  readonly laterCorrections: readonly LaterCorrection[];
}

/**
 * The household at the end of business date `asOf` as the given history knows it (bitemporal,
 * docs/decisions/0154): the events dated on or before `asOf`, each read with every correction
 * of it in the history applied, whatever the correction's own date. A correction says the
 * data of a fact was wrong, so the fact's truth at `asOf` is the corrected data.
 *
 * The facts are folded in stream order as the live fold does; a correction dated after
 * `asOf` of an event already folded is applied where it stands (`withCorrection`, the one home
 * of what a correction changes in a state), so that two corrections of one event still merge
 * in the order they were recorded, whichever of them is dated after `asOf`. Such a
 * correction is not itself a fact of `asOf`: it moves no date of the state (`latestOn`) and
 * keeps no commandId. With `asOf` on or after every date, this is the live fold.
 */
export const stateAsOf = (facts: readonly Fact[], asOf: BusinessDate): StateAsOf => {
  let state = initialState;
  const folded = new Set<string>();
  const laterCorrections: LaterCorrection[] = [];
  for (const fact of facts) {
    const { event, meta } = fact;
    if (meta.occurredOn <= asOf) {
      state = evolve(state, event, meta);
      folded.add(meta.eventId);
    } else if (event.type === 'EventCorrected' && folded.has(event.data.eventId)) {
      state = withCorrection(state, event.data);
      laterCorrections.push({ fact, data: event.data });
    }
  }
  return { state, laterCorrections };
};
