import {
  DecisionContext, eligibleMembers, evolve, householdStream, initialState, isEmployed, LaborCapacity, Sex, Status,
} from '@hearth/domain';
import { readStreamAsStored, type EventStore } from '@hearth/event-store';
import { decodedOrUndefined } from './decoded-or-undefined';
import type { LogFinding } from './finding';
import { checkStream } from './stream-check';

export class UnknownHouseholdError extends Error {
  constructor(readonly householdId: string) {
    super(`unknown household "${householdId}"`);
    this.name = 'UnknownHouseholdError';
  }
}

/** `hearth history --json` (cli.md). */
export interface HouseholdHistoryView {
  readonly householdId: string;
  readonly divisionCode: string | null;
  readonly asOf: string | null;
  readonly status: Status;
  readonly openLaborConcerns: readonly string[];
  readonly members: readonly {
    memberId: string; birthYear: number; sex: Sex | null; removed: boolean; laborCapacity: LaborCapacity | null; willing: boolean;
    /** Of working age, able and willing at the end of asOf (or of the latest business date), under the policy given. */
    eligible: boolean;
    employed: boolean;
  }[];
  readonly events: readonly {
    position: number; type: string; occurredOn: string; recordedAt: string; actor: string; note: string | null; data: unknown; hashOk: boolean;
  }[];
  /**
   * What `hearth verify`'s check of this household's stream finds, all of it whatever
   * `asOf`: a broken hash, an event that does not decode, an event dated after it was
   * recorded, an event the Decider would not have produced from the history before it. A
   * forged event with its chain recomputed passes the hash check; only the replay shows it.
   * (The checks across the whole log, such as a missing position, are verify's alone.)
   */
  readonly anomalies: readonly LogFinding[];
}

/**
 * The audit timeline of one household. With `asOf`, the events stop at the end of that
 * business date and the state is the domain's fold of exactly those events (corrections
 * recorded later are not yet in it: this is what the ledger said then). The whole stream is
 * checked as `hearth verify` checks it, whatever `asOf`: every event's hash against the
 * whole chain, and every event decided again against the history before it (`ctx`: the
 * policy, and the division tree in force at each position).
 */
export const householdHistory = async (store: EventStore, householdId: string, asOf: string | undefined, ctx: DecisionContext): Promise<HouseholdHistoryView> => {
  // With the stored text where the store keeps it: the chain judged as `hearth verify` judges it.
  const stream = await readStreamAsStored(store, householdStream(householdId));
  const recorded = stream.events;
  if (recorded.length === 0) throw new UnknownHouseholdError(householdId);
  const { anomalies } = checkStream(stream, ctx);
  const broken = new Set(anomalies.filter((a) => a.kind === 'hash-break').map((a) => a.position));
  const shown = recorded.map((r) => ({ r, hashOk: !broken.has(r.position) })).filter(({ r }) => asOf === undefined || r.metadata.occurredOn <= asOf);
  let state = initialState;
  for (const { r } of shown) {
    // A stored event that no longer decodes (edited by hand) is listed, with its broken hash, but not folded.
    const decoded = decodedOrUndefined(r);
    if (decoded !== undefined) state = evolve(state, decoded, { eventId: r.eventId, occurredOn: r.metadata.occurredOn, ...(r.metadata.commandId ? { commandId: r.metadata.commandId } : {}) });
  }
  const on = asOf ?? state.latestOn ?? '1900-01-01';
  const eligible = new Set(eligibleMembers(state, on, ctx.policy).map((m) => m.memberId));
  const registration = recorded.find((r) => r.type === 'HouseholdRegistered')?.data as { divisionCode?: string } | undefined;
  return {
    householdId,
    divisionCode: state.divisionCode ?? registration?.divisionCode ?? null,
    asOf: asOf ?? null,
    status: state.status,
    openLaborConcerns: [...state.visits].filter(([, v]) => v.concern?.open).map(([visitId]) => visitId).sort(),
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
    events: shown.map(({ r, hashOk }) => ({
      position: r.position,
      type: r.type,
      occurredOn: r.metadata.occurredOn,
      recordedAt: r.metadata.recordedAt,
      actor: r.metadata.actor,
      note: r.metadata.note ?? null,
      data: r.data,
      hashOk,
    })),
    anomalies,
  };
};
