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
  'evolve'
>;

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
  // One fold object at the end rather than one per event: a household's load folds ~35.
  let { state, version, lastHash } = fold;
  for (let i = 0; i < events.length; i++) {
    const recorded = events[i] as RecordedEvent;
    const event = codec.decode(recorded);
    const meta = metaOf(recorded, recorded.position);
    history?.push({ event, meta });
    state = decider.evolve(state, event, meta);
    version = recorded.streamVersion;
    lastHash = recorded.metadata.hash;
  }
  return events.length === 0 ? fold : { state, version, lastHash };
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
  let { state, version, lastHash } = fold;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Evt;
    const stored = sealed[i] as EventToAppend;
    const meta = metaOf(stored, undefined);
    history?.push({ event, meta });
    state = decider.evolve(state, event, meta);
    version += 1;
    lastHash = stored.metadata.hash;
  }
  return events.length === 0 ? fold : { state, version, lastHash };
};

const metaOf = (event: EventToAppend, position: number | undefined): EventMeta => {
  const meta: EventMeta = { eventId: event.eventId, occurredOn: event.metadata.occurredOn };
  if (event.metadata.commandId !== undefined) meta.commandId = event.metadata.commandId;
  if (position !== undefined) meta.position = position;
  return meta;
};
