import type { Decider, StoredFact } from './decider';
import type { RecordedEvent } from './envelope';
import { passThroughCodec } from './event-codec';
import { foldDecided, foldRecorded, initialFold } from './stream-fold';
import { counterDecider, type CounterIncremented, type CounterState } from './testing/counter-decider';
import { testEvents } from './testing/event-factory';

type Folding = Pick<Decider<unknown, CounterIncremented, CounterState, unknown, unknown>, 'evolve' | 'fold'>;

/** The counter with a `fold` of its own that says what it was given (the household's folds a run in one draft). */
const withFold = (): Folding & { runs: StoredFact<CounterIncremented>[][] } => {
  const runs: StoredFact<CounterIncremented>[][] = [];
  return {
    runs,
    evolve: counterDecider.evolve,
    fold: (facts, state) => {
      runs.push([...facts]);
      return facts.reduce((s, f) => counterDecider.evolve(s, f.event, f.meta), state);
    },
  };
};

const sealed = testEvents([1, 2, 3].map((by) => ({ type: 'CounterIncremented', data: { by, total: 0 } })));
const events = sealed.map((e) => ({ type: 'CounterIncremented' as const, data: e.data as { by: number; total: number } }));
const recorded: RecordedEvent[] = sealed.map((e, v) => ({ ...e, metadata: { ...e.metadata, commandId: `c${v}` }, streamId: 'counter-a', streamVersion: v, position: 10 + v }));

describe('folding a run of events', () => {
  it('hands a Decider with `fold` the whole run once, with what evolve would be told of each event', () => {
    const decider = withFold();
    const history: StoredFact<CounterIncremented>[] = [];
    const fold = foldRecorded(decider, passThroughCodec<CounterIncremented>(), initialFold(counterDecider.initialState), recorded, history);
    expect(decider.runs).toHaveLength(1);
    expect(decider.runs[0]?.map((f) => f.meta)).toEqual(recorded.map((r) => ({ eventId: r.eventId, occurredOn: r.metadata.occurredOn, commandId: r.metadata.commandId, position: r.position })));
    expect(history).toEqual(decider.runs[0]);
    expect(fold).toEqual({ state: { count: 6, commandIds: ['c0', 'c1', 'c2'] }, version: 2, lastHash: recorded[2]?.metadata.hash });
  });

  it('gives the fold evolve gives, event by event, for a Decider without one', () => {
    const start = initialFold(counterDecider.initialState);
    const one = withFold();
    expect(foldRecorded(one, passThroughCodec<CounterIncremented>(), start, recorded)).toEqual(foldRecorded(counterDecider, passThroughCodec<CounterIncremented>(), start, recorded));
    expect(foldDecided(one, start, events, sealed)).toEqual(foldDecided(counterDecider, start, events, sealed));
    expect(one.runs).toHaveLength(2);
  });

  it('decided events: one run, the version moved by their number, the chain tip the last one sealed', () => {
    const decider = withFold();
    const from = { state: { count: 4, commandIds: [] }, version: 6, lastHash: 'h' };
    const fold = foldDecided(decider, from, events, sealed);
    expect(decider.runs.map((r) => r.length)).toEqual([3]);
    expect(fold).toEqual({ state: { count: 10, commandIds: [] }, version: 9, lastHash: sealed[2]?.metadata.hash });
  });

  it('no events: the fold it was given, and `fold` is not asked', () => {
    const decider = withFold();
    const from = initialFold(counterDecider.initialState);
    expect(foldRecorded(decider, passThroughCodec<CounterIncremented>(), from, [])).toBe(from);
    expect(foldDecided(decider, from, [], [])).toBe(from);
    expect(decider.runs).toHaveLength(0);
  });
});
