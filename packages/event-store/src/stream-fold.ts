import type { Decider, EventMeta, StoredFact } from './decider';
import type { EventToAppend, RecordedEvent } from './envelope';
import type { EventCodec } from './event-codec';
import { GENESIS_HASH } from './hash-chain';

/** An aggregate's state together with what the next append needs: expected version and chain tip. */
export interface StreamFold<State> {
  state: State;
  /** Version of the last event folded; -1 for a stream with no event. */
  version: number;
  /** Hash of the last event folded, the next event's prevHash. */
  lastHash: string;
}

type Evolver<Evt extends { type: string; data: unknown }, State> = Pick<
  Decider<unknown, Evt, State, unknown, unknown>,
  'evolve' | 'fold'
>;

/** `facts` folded from `state`: by the Decider's `fold` when it has one, else event by event. */
const foldFacts = <Evt extends { type: string; data: unknown }, State>(decider: Evolver<Evt, State>, state: State, facts: readonly StoredFact<Evt>[]): State => {
  if (decider.fold !== undefined) return decider.fold(facts, state);
  let s = state;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i] as StoredFact<Evt>;
    s = decider.evolve(s, f.event, f.meta);
  }
  return s;
};

export const initialFold = <State>(initialState: State): StreamFold<State> => ({
  state: initialState,
  version: -1,
  lastHash: GENESIS_HASH,
});

/**
 * Continues `fold` with events read from the store (in version order, starting right
 * after it). With `history`, also appends each decoded event to it (for a decision that
 * reads the stream's past: Decider.needsHistory), so that it is decoded once.
 */
export const foldRecorded = <Evt extends { type: string; data: unknown }, State>(
  decider: Evolver<Evt, State>,
  codec: EventCodec<Evt>,
  fold: StreamFold<State>,
  events: readonly RecordedEvent[],
  history?: StoredFact<Evt>[],
): StreamFold<State> => {
  if (events.length === 0) return fold;
  const facts: StoredFact<Evt>[] = [];
  for (let i = 0; i < events.length; i++) {
    const recorded = events[i] as RecordedEvent;
    const fact = { event: codec.decode(recorded), meta: metaOf(recorded, recorded.position) };
    facts.push(fact);
    history?.push(fact);
  }
  const last = events[events.length - 1] as RecordedEvent;
  return { state: foldFacts(decider, fold.state, facts), version: last.streamVersion, lastHash: last.metadata.hash };
};

/** Events read from the store, decoded, as a decision that reads the stream's past gets them (Decider.withHistory). */
export const storedFacts = <Evt extends { type: string; data: unknown }>(codec: EventCodec<Evt>, events: readonly RecordedEvent[]): StoredFact<Evt>[] =>
  events.map((recorded) => ({ event: codec.decode(recorded), meta: metaOf(recorded, recorded.position) }));

/** Continues `fold` with events just decided and sealed but not yet stored (no position yet); `history` as in foldRecorded. */
export const foldDecided = <Evt extends { type: string; data: unknown }, State>(
  decider: Evolver<Evt, State>,
  fold: StreamFold<State>,
  events: readonly Evt[],
  sealed: readonly EventToAppend[],
  history?: StoredFact<Evt>[],
): StreamFold<State> => {
  if (events.length === 0) return fold;
  const facts: StoredFact<Evt>[] = [];
  for (let i = 0; i < events.length; i++) {
    const fact = { event: events[i] as Evt, meta: metaOf(sealed[i] as EventToAppend, undefined) };
    facts.push(fact);
    history?.push(fact);
  }
  const last = sealed[events.length - 1] as EventToAppend;
  return { state: foldFacts(decider, fold.state, facts), version: fold.version + events.length, lastHash: last.metadata.hash };
};

const metaOf = (event: EventToAppend, position: number | undefined): EventMeta => {
  const meta: EventMeta = { eventId: event.eventId, occurredOn: event.metadata.occurredOn };
  if (event.metadata.commandId !== undefined) meta.commandId = event.metadata.commandId;
  if (position !== undefined) meta.position = position;
  return meta;
};
