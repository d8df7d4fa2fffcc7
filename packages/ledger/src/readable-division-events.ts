import { isDamagedEventError, RecordedEvent } from '@hearth/event-store';
import { divisionHistoryOfEvents } from './division-reorganisation';

/**
 * The longest run of the division stream's first events whose trees read as a history: all
 * of them when none is damaged. For the audit only: a damaged tree event stops every command
 * that decides or reports (decision 13), and `verify` is what names it, so `verify` reads the
 * trees recorded before it and goes on (docs/decisions/0180). Trees are few (one a
 * reorganisation, or a few parts of a large one), so the run is found by trying shorter ones.
 */
export const readableDivisionEvents = (events: readonly RecordedEvent[]): readonly RecordedEvent[] => {
  for (let n = events.length; n > 0; n--) {
    try {
      divisionHistoryOfEvents(events.slice(0, n));
      return n === events.length ? events : events.slice(0, n);
    } catch (error) {
      if (!isDamagedEventError(error)) throw error;
    }
  }
  return [];
};
