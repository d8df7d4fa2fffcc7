import type { ProjectedEvent } from '../../src/projected-event';

/** An event as the runner's page rules read it (its household and type), nothing else filled in. */
export const pageEvent = (householdId: string, type: string): ProjectedEvent =>
  ({ householdId, eventId: 'e', position: 1, occurredOn: '2016-01-01', event: { type } }) as unknown as ProjectedEvent;
