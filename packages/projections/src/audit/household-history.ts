import {
  DecisionContext, eligibleMembers, Fact, fold, householdStream, isEmployed, LaborCapacity, Sex, stateAsOf, Status,
} from '@hearth/domain';
import { readStreamAsStored, type EventStore, type RecordedEvent } from '@hearth/event-store';
import { decodedOrUndefined } from './decoded-or-undefined';
import type { LogFinding } from './finding';
import { knownPrefix, type KnownAt } from './known-at';
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
  /** The recording-time instant asked for (`--known-at`), in UTC; null: everything recorded so far. */
  readonly knownAt: string | null;
  readonly status: Status;
  readonly openLaborConcerns: readonly string[];
  readonly members: readonly {
    memberId: string; birthYear: number; sex: Sex | null; removed: boolean; laborCapacity: LaborCapacity | null; willing: boolean;
    /** Of working age, able and willing at the end of asOf (or of the latest business date), under the policy given. */
    eligible: boolean;
    employed: boolean;
  }[];
  readonly events: readonly {
    position: number;
    /** The id a CorrectEvent names to amend this event, and a `laterCorrections` entry's `correctedEventId`. */
    eventId: string;
    type: string; occurredOn: string; recordedAt: string; actor: string; note: string | null; data: unknown; hashOk: boolean;
  }[];
  /**
   * The corrections dated after `asOf` (so not in `events`) that the state above applies to
   * an event in `events`: the state reads every fact as corrected, whatever the
   * correction's date, and the auditor sees which correction made it so. Empty without `asOf`.
   */
  readonly laterCorrections: readonly {
    position: number; occurredOn: string; recordedAt: string; actor: string; note: string | null;
    /** The event it corrects, and that event's position in `events`. */
    correctedEventId: string; correctedPosition: number; correctedType: string;
    /** The fields it amends, as recorded. */
    correction: Readonly<Record<string, unknown>>;
    reason: string;
  }[];
  /**
   * What `hearth verify`'s check of this household's stream finds, all of it whatever
   * `asOf` and `knownAt`: a broken hash, an event that does not decode, an event dated after
   * it was recorded, an event the Decider would not have produced from the history before it.
   * A forged event with its chain recomputed passes the hash check; only the replay shows it.
   * (The checks across the whole log, such as a missing position, are verify's alone.)
   */
  readonly anomalies: readonly LogFinding[];
}

/**
 * The audit timeline of one household, bitemporal (docs/decisions/0154). `knownAt` (recording
 * time) cuts the stream to what the ledger held at that instant (`knownPrefix`); without it,
 * everything recorded so far. `asOf` (business time) then keeps the events dated on or before
 * the end of that date, and the state is the domain's `stateAsOf`: each of those events as
 * corrected by every correction in the stream so cut, whatever the correction's date (the
 * ones dated after `asOf` are listed in `laterCorrections`). So `asOf` alone is the household
 * at that date as the ledger knows it now, and `knownAt` is what the ledger said then. The
 * whole stored stream is checked as `hearth verify` checks it, whatever `asOf` and `knownAt`:
 * every event's hash against the whole chain, and every event decided again against the
 * history before it (`ctx`: the policy, and the division tree in force at each position).
 */
export const householdHistory = async (
  store: EventStore, householdId: string, asOf: string | undefined, ctx: DecisionContext, knownAt?: KnownAt,
): Promise<HouseholdHistoryView> => {
  // With the stored text where the store keeps it: the chain judged as `hearth verify` judges it.
  const stream = await readStreamAsStored(store, householdStream(householdId));
  const recorded = stream.events;
  if (recorded.length === 0) throw new UnknownHouseholdError(householdId);
  const { anomalies } = checkStream(stream, ctx);
  const broken = new Set(anomalies.filter((a) => a.kind === 'hash-break').map((a) => a.position));
  const known = knownAt === undefined ? recorded : knownPrefix(recorded, knownAt);
  const shown = known.filter((r) => asOf === undefined || r.metadata.occurredOn <= asOf);
  // A stored event that no longer decodes (edited by hand) is listed, with its broken hash, but not folded.
  const facts: Fact[] = [];
  for (const r of known) {
    const event = decodedOrUndefined(r);
    if (event !== undefined) facts.push({ event, meta: { eventId: r.eventId, occurredOn: r.metadata.occurredOn, position: r.position, ...(r.metadata.commandId ? { commandId: r.metadata.commandId } : {}) } });
  }
  const { state, laterCorrections } = asOf === undefined ? { state: fold(facts), laterCorrections: [] } : stateAsOf(facts, asOf);
  const on = asOf ?? state.latestOn ?? '1900-01-01';
  const eligible = new Set(eligibleMembers(state, on, ctx.policy).map((m) => m.memberId));
  const registration = recorded.find((r) => r.type === 'HouseholdRegistered')?.data as { divisionCode?: string } | undefined;
  const byPosition = new Map(known.map((r) => [r.position, r]));
  const positionOf = new Map(known.map((r) => [r.eventId, r.position]));
  return {
    householdId,
    divisionCode: state.divisionCode ?? registration?.divisionCode ?? null,
    asOf: asOf ?? null,
    knownAt: knownAt?.instant ?? null,
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
    events: shown.map((r) => ({
      position: r.position,
      eventId: r.eventId,
      type: r.type,
      occurredOn: r.metadata.occurredOn,
      recordedAt: r.metadata.recordedAt,
      actor: r.metadata.actor,
      note: r.metadata.note ?? null,
      data: r.data,
      hashOk: !broken.has(r.position),
    })),
    laterCorrections: laterCorrections.map(({ fact, data }) => ({
      ...correctionEnvelope(byPosition.get(fact.meta.position as number) as RecordedEvent),
      correctedEventId: data.eventId,
      correctedPosition: positionOf.get(data.eventId) as number,
      correctedType: data.correctedType,
      correction: data.correction,
      reason: data.reason,
    })),
    anomalies,
  };
};

const correctionEnvelope = (r: RecordedEvent) => ({
  position: r.position,
  occurredOn: r.metadata.occurredOn,
  recordedAt: r.metadata.recordedAt,
  actor: r.metadata.actor,
  note: r.metadata.note ?? null,
});
