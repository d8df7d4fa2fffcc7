import { isDeepStrictEqual } from 'node:util';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  addDays, correctedEvent, correctionsIn, eligibleMembers, Fact, fold, HouseholdCommand, householdStream, isEmployed,
} from '@hearth/domain';
import { propertyRuns } from '@hearth/domain/testing';
import { householdEventCodec, InMemoryEventStore } from '@hearth/event-store';
import { householdHistory, parseKnownAt, type HouseholdHistoryView, type KnownAt } from '../src';
import { feed } from './support/feed';
import { householdHistory as generatedHistory } from './support/histories';
import { context } from './support/region';

/**
 * A generated household, often with a correction of its members (the corrections the
 * generator inserts mostly change what this view does not show: incomes, employments, the
 * division), its corrections either where the generator put them or moved to the end and
 * dated after everything (so that most dates asked for have corrections dated after them),
 * each command recorded at noon UTC of its business date.
 */
const household = fc
  .record({
    commands: generatedHistory('h1', { min: 4, max: 16 }),
    amend: fc.option(fc.tuple(fc.nat(), fc.constantFrom('HouseholdRegistered', 'HouseholdSurveyed')), { freq: 2 }),
    late: fc.boolean(),
  })
  .map(({ commands: generated, amend, late }) => {
    const commands = [...generated];
    if (amend) {
      const [at, type] = amend;
      const i = 1 + (at % commands.length);
      const before = commands[i - 1] as HouseholdCommand;
      commands.splice(i, 0, { type: 'CorrectEvent', householdId: 'h1', on: before.on, eventId: `@${type}#0`, correction: { '@amendMembers': true }, reason: 'data entry error' });
    }
    if (!late) return commands;
    const corrections = commands.filter((c) => c.type === 'CorrectEvent');
    const rest = commands.filter((c) => c.type !== 'CorrectEvent');
    const last = (rest[rest.length - 1] as HouseholdCommand).on;
    return [...rest, ...corrections.map((c, i) => ({ ...c, on: addDays(last, 30 * (i + 1)) }))];
  });

const knownAt = (text: string): KnownAt => {
  const parsed = parseKnownAt(text);
  if (E.isLeft(parsed)) throw new Error(parsed.left);
  return parsed.right;
};

/** What the history says of the household's state (not the timeline). */
const stateOf = (v: HouseholdHistoryView) => ({ status: v.status, divisionCode: v.divisionCode, openLaborConcerns: v.openLaborConcerns, members: v.members });

/**
 * The oracle of "as of D, as the ledger knows it now", by the other road: the events dated on
 * or before D, each rewritten with every correction in the stream (`correctionsIn`,
 * `correctedEvent`), folded as if the right data had been recorded in the first place.
 */
const correctedFoldAsOf = (facts: readonly Fact[], asOf: string) => {
  const corrections = correctionsIn(facts);
  const state = fold(facts.filter((f) => f.event.type !== 'EventCorrected' && f.meta.occurredOn <= asOf).map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta })));
  const eligible = new Set(eligibleMembers(state, asOf, context.policy).map((m) => m.memberId));
  return {
    status: state.status,
    openLaborConcerns: [...state.visits].filter(([, v]) => v.concern?.open).map(([visitId]) => visitId).sort(),
    members: [...state.members.values()].map((m) => ({
      memberId: m.memberId, birthYear: m.birthYear, sex: m.sex ?? null, removed: m.removed, laborCapacity: m.laborCapacity ?? null, willing: m.willing,
      eligible: eligible.has(m.memberId), employed: isEmployed(state, m.memberId, asOf),
    })),
  };
};

describe('householdHistory over generated histories with corrections', () => {
  it('as of the latest business date, and known at the latest recording, it is the live state; as of any date, the corrected fold', async () => {
    const met = { corrected: 0, correctedLater: 0, changed: 0 };
    await fc.assert(
      fc.asyncProperty(household, async (commands) => {
        const store = new InMemoryEventStore();
        await feed(store, commands, context);
        const stored = await store.readStream(householdStream('h1'));
        if (stored.length === 0) return;
        const live = await householdHistory(store, 'h1', undefined, context);
        const latestOn = stored.map((e) => e.metadata.occurredOn).reduce((a, b) => (a > b ? a : b));
        const lastRecorded = stored.map((e) => e.metadata.recordedAt).reduce((a, b) => (a > b ? a : b));

        const asOfLatest = await householdHistory(store, 'h1', latestOn, context);
        expect(stateOf(asOfLatest)).toEqual(stateOf(live));
        expect(asOfLatest.events).toEqual(live.events);
        expect(asOfLatest.laterCorrections).toEqual([]);
        const knownLast = await householdHistory(store, 'h1', undefined, context, knownAt(lastRecorded));
        expect({ ...knownLast, knownAt: null }).toEqual(live);

        const facts: Fact[] = stored.map((e) => ({ event: householdEventCodec.decode(e), meta: { eventId: e.eventId, occurredOn: e.metadata.occurredOn } }));
        const corrections = facts.filter((f) => f.event.type === 'EventCorrected').length;
        if (corrections > 0) met.corrected++;
        let changed = false;
        for (const asOf of new Set(stored.map((e) => addDays(e.metadata.occurredOn, -1)).concat(stored.map((e) => e.metadata.occurredOn)))) {
          const v = await householdHistory(store, 'h1', asOf, context);
          const { divisionCode: _d, ...state } = stateOf(v);
          const corrected = correctedFoldAsOf(facts, asOf);
          expect({ asOf, ...state }).toEqual({ asOf, ...corrected });
          expect(v.laterCorrections.length).toBeLessThanOrEqual(corrections);
          expect(v.laterCorrections.every((l) => l.occurredOn > asOf && v.events.some((e) => e.position === l.correctedPosition))).toBe(true);
          if (v.laterCorrections.length > 0) met.correctedLater++;
          const asRecorded = correctedFoldAsOf(facts.filter((f) => f.event.type !== 'EventCorrected'), asOf);
          if (!isDeepStrictEqual(asRecorded, corrected)) changed = true;
        }
        if (changed) met.changed++;
      }),
      { endOnFailure: true, ...propertyRuns(40, process.env) },
    );
    // Histories held corrections, dates were asked for before some of them, and corrections changed what the view shows:
    // the corrected fold was compared where it differs from the fold as recorded.
    expect(met.corrected).toBeGreaterThan(5);
    expect(met.correctedLater).toBeGreaterThan(20);
    expect(met.changed).toBeGreaterThan(0);
  });
});
