import type { HouseholdEvent } from '@hearth/domain';

/** A stored household event as the projections see it: decoded, with its place in the log. */
export interface ProjectedEvent {
  readonly householdId: string;
  readonly eventId: string;
  /** Global position in the log: with the household id, the key of every row derived from the event. */
  readonly position: number;
  /** Business date: every figure is dated by it, never by the append order. */
  readonly occurredOn: string;
  readonly event: HouseholdEvent;
  /**
   * For `EventCorrected` only: the event it amends, read back from the stream and with
   * every correction recorded up to this one applied. Resolved by the runner before its
   * transaction (reading the store is asynchronous; the transaction must not wait).
   */
  readonly corrected?: CorrectedEvent;
}

export interface CorrectedEvent {
  readonly eventId: string;
  readonly position: number;
  readonly occurredOn: string;
  readonly event: HouseholdEvent;
}
