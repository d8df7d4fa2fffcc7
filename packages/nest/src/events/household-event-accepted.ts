import type { IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '@hearth/event-store';

/**
 * Published on the EventBus once per event appended by an accepted household command,
 * in stream order, after the append committed: what an embedding application's sagas
 * and event handlers react to.
 */
export class HouseholdEventAccepted implements IEvent {
  constructor(
    readonly householdId: string,
    readonly type: string,
    readonly data: unknown,
    /** Business date of the fact. */
    readonly occurredOn: string,
    /** 0-based version of the event in the household's stream. */
    readonly streamVersion: number,
    /** Global position in the log (what ReadModelStatusQuery's `position` is compared with). */
    readonly position: number,
    readonly actor: string,
    readonly eventId: string,
    /** System time at which it was recorded. */
    readonly recordedAt: string,
  ) {}

  static from(householdId: string, e: RecordedEvent): HouseholdEventAccepted {
    return new HouseholdEventAccepted(householdId, e.type, e.data, e.metadata.occurredOn, e.streamVersion, e.position, e.metadata.actor, e.eventId, e.metadata.recordedAt);
  }
}
