import fc from 'fast-check';
import { householdDecider } from '../../src/household/household.decider';
import { snapshotOf, stateOfSnapshot } from '../../src/household/state-snapshot';
import { HouseholdState } from '../../src/household/state';
import { arbContext, householdCommands, runHousehold } from '../../src/testing';

/** A state through its snapshot and a structured clone of it: what a process keeps of a state as bytes (v8.serialize) and reads back. */
const restored = (state: HouseholdState): HouseholdState => stateOfSnapshot(structuredClone(snapshotOf(state)));

/*
 * The importer keeps states it has no room for as bytes (docs/decisions/0107) and decides on
 * what it reads back: that must be the fold itself. Any cut of a generated sequence (re-sent
 * commandIds, corrections of ids, back-dated commands among them): the restored state equals
 * the folded one, and every later command is decided, and every later event folded, alike.
 */
describe('a household state restored from its snapshot', () => {
  it('equals the fold it was taken of, and decides every later command as that fold does', () => {
    fc.assert(
      fc.property(householdCommands(), fc.nat(), (commands, at) => {
        const cut = at % (commands.length + 1);
        const before = runHousehold(commands.slice(0, cut));
        const copy = restored(before.state);
        expect(copy).toStrictEqual(before.state);
        const next = before.facts.length + 1;
        const fromFold = runHousehold(commands.slice(cut), arbContext, householdDecider, before.state, next);
        const fromCopy = runHousehold(commands.slice(cut), arbContext, householdDecider, copy, next);
        expect(fromCopy.steps.map((s) => s.decision)).toEqual(fromFold.steps.map((s) => s.decision));
        expect(fromCopy.facts).toEqual(fromFold.facts);
        expect(fromCopy.state).toStrictEqual(fromFold.state);
      }),
      { numRuns: 300 },
    );
  });

  /** The entities' contents that are also, the very same object, a commandId's trace. */
  const sharedContents = (state: HouseholdState): number => {
    const traces = new Set<unknown>(state.commandIds.entries().map(([, trace]) => trace));
    const contents = [
      state.registrationFingerprint,
      ...[state.members, state.trainings, state.referrals, state.employments, state.visits].flatMap((m) => [...m.values()].map((e) => e.fingerprint)),
    ];
    return contents.filter((c) => c !== undefined && traces.has(c)).length;
  };

  it("keeps the objects the state shares between its maps shared (a trace is its entity's content)", () => {
    let shared = 0;
    fc.assert(
      fc.property(householdCommands({ minSteps: 3 }), (commands) => {
        const { state } = runHousehold(commands);
        expect(sharedContents(restored(state))).toBe(sharedContents(state));
        shared += sharedContents(state);
      }),
      { numRuns: 100 },
    );
    expect(shared).toBeGreaterThan(100);
  });
});
