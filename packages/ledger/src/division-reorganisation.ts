import * as E from 'fp-ts/Either';
import {
  decide, DecisionContext, DivisionHistory, divisionHistoryOfStream, DIVISIONS_STREAM, DivisionTree, FieldError, fold,
  HouseholdCommand, HouseholdState, householdStream, Fact,
} from '@hearth/domain';
import { DamagedEventError, EventStore, householdEventCodec, logPages, RecordedEvent, sealEvents, StreamAppend, uuidV7 } from '@hearth/event-store';

/**
 * The history of trees the events of the division stream record, whole trees and trees
 * in parts alike. Throws DamagedEventError when the stream does not decode or a stored tree
 * is invalid: the ledger records neither, so the log was edited or damaged, and every
 * command says so in one line with exit 5 (docs/decisions/0013), not as a store it cannot open.
 */
export const divisionHistoryOfEvents = (events: readonly RecordedEvent[]): DivisionHistory => {
  const history = divisionHistoryOfStream(events.map((e) => ({ position: e.position, occurredOn: e.metadata.occurredOn, type: e.type, data: e.data })));
  if (E.isLeft(history)) {
    const fields = history.left.map((f) => `${f.path}: ${f.message}`).join('; ');
    throw new DamagedEventError(positionNamed(history.left) ?? events.at(-1)?.position ?? 0, DIVISIONS_STREAM, `not a valid division tree (${fields})`);
  }
  return history.right;
};

/** The position the first error names (`position N: …`); none for a clash between trees (every division ever recorded), which the last one made. */
const positionNamed = (errors: readonly FieldError[]): number | undefined => {
  for (const f of errors) {
    const named = /^position (\d+):/.exec(f.path);
    if (named) return Number(named[1]);
  }
  return undefined;
};

/** A household a new tree would leave in a division it does not have. */
export interface HouseholdOutside {
  readonly householdId: string;
  readonly divisionCode: string;
  readonly state: HouseholdState;
  readonly version: number;
  readonly lastHash: string;
}

const factOf = (r: RecordedEvent): Fact => ({
  event: householdEventCodec.decode(r),
  meta: { eventId: r.eventId, occurredOn: r.metadata.occurredOn, position: r.position, ...(r.metadata.commandId ? { commandId: r.metadata.commandId } : {}) },
});

/**
 * The households still open (not deregistered) whose division `tree` does not have. Only
 * a tree that drops a division ever recorded can leave one behind, so any other tree
 * costs no read of the household streams.
 */
export const householdsOutside = async (store: EventStore, tree: DivisionTree, history: DivisionHistory, pageSize = 5000): Promise<HouseholdOutside[]> => {
  if ((history.everRecorded?.all ?? []).every((d) => tree.get(d.code) !== undefined)) return [];
  const streams: string[] = [];
  for await (const page of logPages(store, { pageSize, types: ['HouseholdRegistered'] })) for (const r of page) streams.push(r.streamId);
  const out: HouseholdOutside[] = [];
  for (const streamId of [...new Set(streams)]) {
    const events = await store.readStream(streamId);
    const last = events[events.length - 1];
    if (!last) continue;
    const state = fold(events.map(factOf));
    if (state.status === 'deregistered' || state.householdId === undefined || state.divisionCode === undefined) continue;
    if (tree.get(state.divisionCode)) continue;
    out.push({ householdId: state.householdId, divisionCode: state.divisionCode, state, version: last.streamVersion, lastHash: last.metadata.hash });
  }
  return out.sort((a, b) => (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0));
};

/** Why a household stops a new tree. */
export interface HouseholdRefusal {
  readonly householdId: string;
  readonly divisionCode: string;
  readonly code: string;
  readonly message: string;
}

export interface EnvelopeDefaults {
  readonly recordedAt: string;
  readonly actor: string;
  readonly schemaVersion: number;
}

/**
 * Decides the transfer of every household left outside the new tree, with the household
 * Decider and the new tree in force. Either every one of them is accepted (and the appends
 * are returned, sealed onto each stream's chain), or the refusals say who stops the tree.
 */
export const decideTransfers = (
  outside: readonly HouseholdOutside[],
  ctx: DecisionContext,
  effectiveFrom: string,
  envelope: EnvelopeDefaults,
): E.Either<HouseholdRefusal[], StreamAppend[]> => {
  const refusals: HouseholdRefusal[] = [];
  const appends: StreamAppend[] = [];
  for (const h of outside) {
    const to = ctx.divisions.successorOf(h.divisionCode);
    if (to === undefined) {
      refusals.push({ householdId: h.householdId, divisionCode: h.divisionCode, code: 'NOT_A_SUCCESSOR', message: `the new tree drops "${h.divisionCode}" and names no successor for it` });
      continue;
    }
    const command: HouseholdCommand = { type: 'TransferHousehold', householdId: h.householdId, on: effectiveFrom, to };
    const decided = decide(command, h.state, ctx);
    if (E.isLeft(decided)) {
      refusals.push({ householdId: h.householdId, divisionCode: h.divisionCode, code: decided.left.code, message: decided.left.message });
      continue;
    }
    const events = sealEvents(
      h.lastHash,
      decided.right.map((e) => ({
        eventId: uuidV7(),
        type: e.type,
        data: e.data,
        metadata: { occurredOn: effectiveFrom, recordedAt: envelope.recordedAt, actor: envelope.actor, schemaVersion: envelope.schemaVersion },
      })),
    );
    appends.push({ streamId: householdStream(h.householdId), expectedVersion: h.version, events });
  }
  return refusals.length > 0 ? E.left(refusals) : E.right(appends);
};
