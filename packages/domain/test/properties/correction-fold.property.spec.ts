import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { HouseholdCommand } from '../../src/household/commands';
import { correctedEvent, isCorrectableField } from '../../src/household/correction';
import { decide } from '../../src/household/decide';
import { HouseholdEvent } from '../../src/household/events';
import { evolve, fold } from '../../src/household/evolve';
import { correctionsIn } from '../../src/household/replay';
import { Fact, HouseholdState } from '../../src/household/state';
import * as V from '../../src/household/vocabulary';
import { arbContext, householdCommands, propertyRuns, runHousehold } from '../../src/testing';
import { keyOrders, plain, structurallyEqual } from './support';

/**
 * The state keeps no log, so an EventCorrected is applied to what the event it names made
 * (corrected-state.ts) rather than by refolding the history. Oracle: what the state must
 * be is the fold of the history as corrected — every correction applied to the event it
 * amends, as if the right facts had been recorded in the first place (the refold the
 * state used to do). The commandIds keep the commands as they were sent (a retry of the
 * original command stays a retry), so they come from the stored, uncorrected events.
 */
const refold = (facts: readonly Fact[]): HouseholdState => {
  const corrections = correctionsIn(facts);
  const corrected = fold(facts.filter((f) => f.event.type !== 'EventCorrected').map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta })));
  const stored = fold(facts);
  return { ...corrected, latestOn: stored.latestOn, commandIds: stored.commandIds };
};

const VOCABULARIES: readonly (readonly string[])[] = (Object.values(V) as unknown[]).filter((v): v is readonly string[] => Array.isArray(v));

/**
 * Another valid value of the same kind: a word of the same vocabulary, the month before (an
 * income's month must not lie after the month it was recorded in, decision 131, so a later
 * one is nearly always refused), another number, the other boolean.
 */
const tweak = (value: unknown, key: string, seed: number): unknown => {
  if (typeof value === 'boolean') return seed % 3 === 0 ? value : !value;
  if (typeof value === 'number') return key === 'birthYear' ? value - 1 - (seed % 30) : value + 1 + (seed % 500);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}$/.test(value)) {
      const before = Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 2;
      return `${Math.floor(before / 12)}-${String((before % 12) + 1).padStart(2, '0')}`;
    }
    const words = VOCABULARIES.find((w) => w.includes(value));
    if (words) return words[(words.indexOf(value) + 1 + (seed % words.length)) % words.length];
    return `${value} (corrected)`;
  }
  if (Array.isArray(value) && key === 'members' && Math.floor(seed / 7) % 2 === 1)
    // Listed in another order too (decision 51 allows any): decisions copy members in the state's order (decision 175).
    return [...value.slice(1), ...value.slice(0, 1)].map((v, i) => tweak(v, key, seed + i));
  if (Array.isArray(value)) return value.map((v, i) => tweak(v, key, seed + i));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v], i) => [k, isCorrectableField(k) ? tweak(v, k, seed + i * 7) : v]));
  return value;
};

/** A correction of one or two correctable fields of `event`. */
const correctionOf = (event: HouseholdEvent, seed: number): Record<string, unknown> => {
  const fields = Object.keys(event.data).filter(isCorrectableField);
  const data = event.data as Record<string, unknown>;
  const picked = fields.filter((_, i) => (seed >> i) % 2 === 1 || fields.length === 1);
  return Object.fromEntries((picked.length > 0 ? picked : fields.slice(0, 1)).map((f) => [f, tweak(data[f], f, seed)]));
};

describe('a correction applied in place gives the state a refold of the corrected history gives', () => {
  const accepted = new Map<string, number>();

  it('for any accepted correction (one or two in a row) of any event of a generated history', () => {
    fc.assert(
      fc.property(householdCommands(), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 2 }), (commands, cut, picks) => {
        // Corrected part-way through as often as at the end: before an identification, say, which then copies what the state holds.
        const run = runHousehold(cut % 2 === 0 ? commands : commands.slice(0, 1 + (cut % commands.length)));
        let facts: Fact[] = [...run.facts];
        let state = run.state;
        for (const [targetSeed, fieldSeed] of picks) {
          const on = state.latestOn;
          if (on === undefined) return;
          const candidates = facts.filter((f) => f.event.type !== 'EventCorrected' && f.event.type !== 'HouseholdTransferred' && Object.keys(f.event.data).some(isCorrectableField));
          if (candidates.length === 0) return;
          const target = candidates[targetSeed % candidates.length] as Fact;
          const command: HouseholdCommand = { type: 'CorrectEvent', householdId: 'h1', on, eventId: target.meta.eventId, correction: correctionOf(correctedEvent(target, correctionsIn(facts)), fieldSeed), reason: 'property' };
          const decision = decide(command, state, { ...arbContext, history: facts });
          if (E.isLeft(decision)) continue;
          for (const [k, event] of decision.right.entries()) {
            const meta = { eventId: `c${facts.length}-${k}`, occurredOn: command.on };
            state = evolve(state, event, meta);
            facts = [...facts, { event, meta }];
          }
          accepted.set(target.event.type, (accepted.get(target.event.type) ?? 0) + 1);
          for (const field of Object.keys(command.correction)) accepted.set(`${target.event.type}.${field}`, (accepted.get(`${target.event.type}.${field}`) ?? 0) + 1);
          const expected = refold(facts);
          if (!structurallyEqual(state, expected)) expect(plain(state)).toEqual(plain(expected));
          // structurallyEqual reads a Map as a set of entries; the order is decided on (an identification copies the members').
          expect(keyOrders(state)).toEqual(keyOrders(expected));
        }
      }),
      // 2,000 runs (~3 s): an income is a few events of a generated history, and a correction of its month reached
      // 1–7 times in 400 runs (seeds 1–8), none in one CI run; 15–19 in 2,000 (seeds 1, 7–10); 29–31 in 2,000 (seeds
      // 3–6) since householdCommands draws histories as long as their maxSteps.
      propertyRuns(2000, process.env),
    );
    // The generator must reach the events whose fields the state holds, or the property says little.
    // (MemberAdded is rare in generated histories: decide.spec.ts corrects one by example.)
    for (const type of ['HouseholdRegistered', 'HouseholdSurveyed', 'TrainingOffered', 'MemberReferred', 'MemberEmployed', 'IncomeRecorded', 'IncomeRecorded.month'])
      expect([type, (accepted.get(type) ?? 0) > 0]).toEqual([type, true]);
    expect([...accepted].filter(([key]) => !key.includes('.')).reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(100);
  });
});
