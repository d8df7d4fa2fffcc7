import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { isCorrectableField } from '../../src/household/correction';
import { decide } from '../../src/household/decide';
import { evolve, fold } from '../../src/household/evolve';
import { householdDecider } from '../../src/household/household.decider';
import { Fact, HouseholdState, initialState } from '../../src/household/state';
import { arbContext, householdRuns, propertyRuns } from '../../src/testing';
import { keyOrders, plain, structurallyEqual } from './support';

/**
 * `fold` builds a whole stream's state in one draft (state-draft.ts), copying each entity
 * map once, where `evolve` copies per event. Oracle: the reduce of the same facts with
 * `evolve`, the fold's definition.
 */
const reduced = (facts: readonly Fact[], from: HouseholdState = initialState): HouseholdState => facts.reduce((s, f) => evolve(s, f.event, f.meta), from);

/**
 * The stream with EventCorrected facts spliced in, so that the draft's fold meets them
 * too: each amends an earlier event with the correctable fields of another event of the
 * same type (a real correction is validated by `decide`; the fold is total over any).
 */
const withCorrections = (facts: readonly Fact[], picks: readonly [number, number, number][]): Fact[] => {
  const out = [...facts];
  for (const [at, target, source] of picks) {
    const correctable = out.filter((f) => f.event.type !== 'EventCorrected' && Object.keys(f.event.data).some(isCorrectableField));
    if (correctable.length === 0) break;
    const t = correctable[target % correctable.length] as Fact;
    const sameType = correctable.filter((f) => f.event.type === t.event.type);
    const s = sameType[source % sameType.length] as Fact;
    const correction = Object.fromEntries(Object.entries(s.event.data).filter(([k]) => isCorrectableField(k)));
    const position = Math.min(out.indexOf(t) + 1 + (at % out.length), out.length);
    const on = (out[position - 1] as Fact).meta.occurredOn;
    out.splice(position, 0, { event: { type: 'EventCorrected', data: { eventId: t.meta.eventId, correctedType: t.event.type, correction, reason: 'property' } }, meta: { eventId: `x${out.length}`, occurredOn: on, commandId: `x${out.length}` } });
  }
  return out;
};

const picture = (s: HouseholdState): string => JSON.stringify(plain(s));

describe('a stream folded in one draft', () => {
  it('is the state evolve gives event by event, from the empty state or from any state of the stream', () => {
    let corrected = 0;
    fc.assert(
      fc.property(householdRuns(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 3 }), fc.nat(), ({ run }, picks, cut) => {
        const facts = withCorrections(run.facts, picks);
        if (facts.some((f) => f.event.type === 'EventCorrected')) corrected++;
        const whole = fold(facts);
        const expected = reduced(facts);
        if (!structurallyEqual(whole, expected)) expect(plain(whole)).toEqual(plain(expected));
        expect(keyOrders(whole)).toEqual(keyOrders(expected));
        // From a state part-way (itself folded in a draft) with the rest: the handlers' catch-up.
        const k = facts.length === 0 ? 0 : cut % (facts.length + 1);
        const resumed = fold(facts.slice(k), fold(facts.slice(0, k)));
        if (!structurallyEqual(resumed, expected)) expect(plain(resumed)).toEqual(plain(expected));
        expect(keyOrders(resumed)).toEqual(keyOrders(expected));
        // And the Decider's `fold`, which the handlers call (event-store's Decider.fold).
        expect(structurallyEqual(householdDecider.fold(facts.slice(k), reduced(facts.slice(0, k))), expected)).toBe(true);
      }),
      propertyRuns(300, process.env),
    );
    expect(corrected).toBeGreaterThan(100);
  });

  it('an empty run gives back the state it starts from', () => {
    fc.assert(
      fc.property(householdRuns(), ({ run }) => {
        expect(fold([], run.state)).toBe(run.state);
      }),
      propertyRuns(20, process.env),
    );
  });

  it('never writes a state once handed out: folding, evolving or deciding from it leaves it as it was', () => {
    const empty = picture(initialState);
    let checked = 0;
    fc.assert(
      fc.property(householdRuns({ minSteps: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 2 }), fc.nat(), ({ commands, run }, picks, cut) => {
        const facts = withCorrections(run.facts, picks);
        if (facts.length === 0) return;
        const k = cut % facts.length;
        // Every state handed out along the way: evolve's, the run's, and a draft fold's.
        const handedOut: HouseholdState[] = [initialState, ...run.steps.map((s) => s.after), fold(facts.slice(0, k)), fold(facts.slice(0, k + 1))];
        let s = initialState;
        for (const f of facts) handedOut.push((s = evolve(s, f.event, f.meta)));
        const before = handedOut.map(picture);
        // Fold on from each of them with the rest of the stream (and with all of it again,
        // so that every map and entity a later event touches is one the earlier state holds),
        // evolve on from them, and decide every command on them.
        for (const [i, h] of handedOut.entries()) {
          fold(facts.slice(k), h);
          fold(facts, h);
          const f = facts[i % facts.length] as Fact;
          evolve(h, f.event, f.meta);
          for (const c of commands) {
            const d = decide(c, h, { ...arbContext, history: facts });
            if (E.isRight(d)) fold(d.right.map((event, n) => ({ event, meta: { eventId: `d${n}`, occurredOn: c.on } })), h);
          }
        }
        handedOut.forEach((h, i) => {
          if (picture(h) !== before[i]) expect(picture(h)).toEqual(before[i]);
        });
        if (facts.length >= 5) checked++;
      }),
      propertyRuns(150, process.env),
    );
    expect(picture(initialState)).toEqual(empty);
    // Streams long enough to write every kind of map, or the property says little.
    expect(checked).toBeGreaterThan(100);
  });
});
