import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { correctedEvent } from '../../src/household/correction';
import { decide } from '../../src/household/decide';
import { evolve, fold } from '../../src/household/evolve';
import { correctionsIn } from '../../src/household/replay';
import { Fact, HouseholdState } from '../../src/household/state';
import { ARB_ALL_VILLAGES, birthYear, propertyRuns, reorganisedHouseholdCommands, runReorganised } from '../../src/testing';
import { keyOrders, plain, structurallyEqual } from './support';

/**
 * The state applies a correction in place (corrected-state.ts): a correction of the
 * registration's division moves the household only while the registration is where its
 * division comes from, not once a transfer moved it. Oracle, as in
 * correction-fold.property: the fold of the history as corrected, with the stored dates and
 * commandIds.
 */
const refold = (facts: readonly Fact[]): HouseholdState => {
  const corrections = correctionsIn(facts);
  const corrected = fold(facts.filter((f) => f.event.type !== 'EventCorrected').map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta })));
  const stored = fold(facts);
  return { ...corrected, latestOn: stored.latestOn, commandIds: stored.commandIds };
};

const COVERAGE_FLOOR = 3;

const expectSameState = (state: HouseholdState, facts: readonly Fact[]): void => {
  const expected = refold(facts);
  if (!structurallyEqual(state, expected)) expect(plain(state)).toEqual(plain(expected));
  expect(keyOrders(state)).toEqual(keyOrders(expected));
};

describe('a correction applied in place across a division reorganisation gives the state a refold of the corrected history gives', () => {
  it("for histories that corrected the registration's village before the tree, and for a correction of the registration now", () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    const correction = fc.oneof(fc.record({ divisionCode: fc.constantFrom(...ARB_ALL_VILLAGES) }), fc.record({ birthYear }));
    fc.assert(
      fc.property(reorganisedHouseholdCommands(), correction, (generated, picked) => {
        const { run, ctx } = runReorganised(generated);
        expectSameState(run.state, run.facts);
        const moved = run.facts.some((f) => f.event.type === 'HouseholdTransferred');
        if (moved && run.facts.some((f) => f.event.type === 'EventCorrected')) count('moved after a correction');
        const registration = run.facts[0] as Fact;
        const on = run.state.latestOn as string;
        const members = (correctedEvent(registration, correctionsIn(run.facts)).data as { members: { memberId: string; birthYear: number }[] }).members;
        const amend = 'divisionCode' in picked ? picked : { members: members.map((m, i) => (i === 0 ? { ...m, birthYear: picked.birthYear } : m)) };
        const decided = decide({ type: 'CorrectEvent', householdId: 'h1', on, eventId: registration.meta.eventId, correction: amend, reason: 'property' }, run.state, { ...ctx, history: run.facts });
        if (E.isLeft(decided)) return;
        let state = run.state;
        const facts = [...run.facts];
        for (const event of decided.right) {
          const meta = { eventId: `c${facts.length}`, occurredOn: on };
          state = evolve(state, event, meta);
          facts.push({ event, meta });
        }
        expectSameState(state, facts);
        count(`${moved ? 'moved' : 'not moved'}, ${Object.keys(amend)[0]} corrected`);
      }),
      propertyRuns(600, process.env),
    );
    // Each case is reached, not merely possible. The rarest, a village correction accepted for a
    // household no transfer moved, came 8 to 28 times in 600 runs over 40 seeds (17 on average; 10 to 21 over seeds
    // 3-6 since householdCommands draws histories as long as their maxSteps);
    // a floor of 10 failed about one run in ten, so the floor is 3 (below 3 about once in 10^5).
    for (const key of ['moved after a correction', 'moved, divisionCode corrected', 'moved, members corrected', 'not moved, divisionCode corrected'])
      expect([key, (seen.get(key) ?? 0) >= COVERAGE_FLOOR]).toEqual([key, true]);
  });
});
