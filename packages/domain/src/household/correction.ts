import { HouseholdEvent } from './events';
import { Fact } from './state';

/**
 * Fields a correction may amend. Identifiers link events together and the type says
 * what happened, so neither can be "corrected": a wrong one is a different fact, and
 * the business date lives in the envelope, outside `data`.
 */
export const isCorrectableField = (field: string): boolean =>
  !/Ids?$/.test(field) && field !== 'type';

/** The event as it reads once every correction recorded for it is applied. */
export const correctedEvent = (fact: Fact, corrections: ReadonlyMap<string, Readonly<Record<string, unknown>>>): HouseholdEvent => {
  const amended = corrections.get(fact.meta.eventId);
  return amended ? ({ ...fact.event, data: { ...fact.event.data, ...amended } } as HouseholdEvent) : fact.event;
};

/** eventId → the fields amended by every EventCorrected in the stream, merged in order. */
export const correctionsIn = (facts: readonly Fact[]): ReadonlyMap<string, Readonly<Record<string, unknown>>> => {
  const out = new Map<string, Record<string, unknown>>();
  for (const f of facts)
    if (f.event.type === 'EventCorrected') out.set(f.event.data.eventId, { ...(out.get(f.event.data.eventId) ?? {}), ...f.event.data.correction });
  return out;
};
