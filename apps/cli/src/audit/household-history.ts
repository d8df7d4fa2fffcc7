import {
  BusinessDate, eligibleMembers, evolve, HouseholdEvent, householdStream, initialState, isEmployed, Policy,
} from '@hearth/domain';
import { eventHash, EventStore, GENESIS_HASH, RecordedEvent } from '@hearth/event-store';
import { householdEventCodec } from '../ledger/household-codec';

export interface HistoryEvent {
  readonly position: number;
  readonly type: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly note: string | null;
  readonly data: unknown;
  /** The event's hash is what its content and its predecessor's hash give. */
  readonly hashOk: boolean;
}

export interface HouseholdHistory {
  readonly householdId: string;
  readonly divisionCode: string | null;
  readonly asOf: string | null;
  readonly status: string;
  readonly openLaborConcerns: string[];
  readonly members: {
    memberId: string; birthYear: number; sex: string | null; removed: boolean;
    laborCapacity: string | null; willing: boolean; eligible: boolean; employed: boolean;
  }[];
  readonly events: HistoryEvent[];
}

const hashOk = (e: RecordedEvent, expectedPrev: string): boolean =>
  e.metadata.prevHash === expectedPrev &&
  eventHash(e.metadata.prevHash, { type: e.type, data: e.data, occurredOn: e.metadata.occurredOn, actor: e.metadata.actor }) === e.metadata.hash;

/**
 * The auditor's timeline of one household: every event with its business date, recording
 * time, recorder, note and hash check, and the household's state at the end of `asOf`
 * (events after that business date are left out). Undefined for an unknown household.
 */
export const householdHistory = async (store: EventStore, householdId: string, policy: Policy, asOf?: BusinessDate): Promise<HouseholdHistory | undefined> => {
  const recorded = await store.readStream(householdStream(householdId));
  if (recorded.length === 0) return undefined;
  let state = initialState;
  let prev = GENESIS_HASH;
  const events: HistoryEvent[] = [];
  for (const e of recorded) {
    const ok = hashOk(e, prev);
    prev = e.metadata.hash;
    if (asOf !== undefined && e.metadata.occurredOn > asOf) continue;
    let event: HouseholdEvent | undefined;
    try {
      event = householdEventCodec.decode(e);
    } catch {
      event = undefined; // shown with hashOk as recorded; the verifier reports it
    }
    if (event) state = evolve(state, event, { eventId: e.eventId, occurredOn: e.metadata.occurredOn, ...(e.metadata.commandId ? { commandId: e.metadata.commandId } : {}) });
    events.push({ position: e.position, type: e.type, occurredOn: e.metadata.occurredOn, recordedAt: e.metadata.recordedAt, actor: e.metadata.actor, note: e.metadata.note ?? null, data: e.data, hashOk: ok });
  }
  const on = asOf ?? state.latestOn ?? '1900-01-01';
  const eligible = new Set(eligibleMembers(state, on, policy).map((m) => m.memberId));
  return {
    householdId,
    divisionCode: state.divisionCode ?? null,
    asOf: asOf ?? null,
    status: state.status,
    openLaborConcerns: [...state.visits.entries()].filter(([, v]) => v.concern?.open).map(([id]) => id),
    members: [...state.members.values()].map((m) => ({
      memberId: m.memberId,
      birthYear: m.birthYear,
      sex: m.sex ?? null,
      removed: m.removed,
      laborCapacity: m.laborCapacity ?? null,
      willing: m.willing,
      eligible: eligible.has(m.memberId),
      employed: isEmployed(state, m.memberId, on),
    })),
    events,
  };
};
