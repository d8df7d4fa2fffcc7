import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { canonicallyEqual } from '../src/canonical-equal';
import { commandBehind } from '../src/household/command-behind';
import { correctedEvent, correctionsIn, isCorrectableField } from '../src/household/correction';
import { DecisionContext } from '../src/household/context';
import { decide } from '../src/household/decide';
import { ev, EventType } from '../src/household/events';
import { evolve } from '../src/household/evolve';
import { Fact, initialState } from '../src/household/state';
import * as V from '../src/household/vocabulary';
import {
  ARB_ALL_VILLAGES, ARB_OTHER_VILLAGE, ARB_VILLAGE, arbContext, birthYear, householdCommands, HouseholdRun, propertyRuns, reorganisedHouseholdCommands, runHousehold, runReorganised,
} from '../src/testing';
import { money } from '../src/testing/command-drafts';

/**
 * ADR 174 as a property: a correction the Decider accepts never leaves a later stored event
 * other than what deciding it again on the corrected history would record — in particular
 * never a stale copy of the corrected field. The oracle does not use the correction rule's
 * own replay (replay.ts): it folds the history as corrected and decides every stored decision
 * again from the command behind it (command-behind.ts), comparing what it records with the
 * stored events as corrected. Each stored event is decided against the tree in force when it
 * was recorded (`divisionsAt`, docs/decisions/0015), as the verifier does.
 */
const mismatchesAfterCorrections = (facts: readonly Fact[], ctx: DecisionContext): string[] => {
  const corrections = correctionsIn(facts);
  const history = facts.filter((f) => f.event.type !== 'EventCorrected').map((f) => ({ event: correctedEvent(f, corrections), meta: f.meta }));
  const found: string[] = [];
  let state = initialState;
  for (let i = 0; i < history.length; ) {
    const { event, meta } = history[i] as Fact;
    const command = commandBehind(event, 'h1', meta.occurredOn);
    const divisions = (meta.position !== undefined ? ctx.divisionsAt?.(meta.position) : undefined) ?? ctx.divisions;
    const decided = command ? decide(command, state, { ...ctx, divisions, history: history.slice(0, i) }) : undefined;
    const taken = decided !== undefined && E.isRight(decided) ? Math.max(1, decided.right.length) : 1;
    const stored = history.slice(i, i + taken);
    if (decided === undefined) found.push(`${meta.eventId} ${event.type}: no decision records it`);
    else if (E.isLeft(decided)) found.push(`${meta.eventId} ${event.type}: refused again with ${decided.left.code}`);
    else if (!canonicallyEqual(stored.map((f) => f.event), decided.right)) found.push(`${meta.eventId}: stored ${JSON.stringify(stored.map((f) => f.event))}, decided again ${JSON.stringify(decided.right)}`);
    for (const f of stored) state = evolve(state, f.event, f.meta);
    i += taken;
  }
  return found;
};

// The events a later event copies from (or derives its copy from), and the copies themselves.
const TRAINING_ENDS: readonly EventType[] = ['TrainingAccepted', 'TrainingDeclined', 'MemberTrained', 'TrainingLeft'];
const copiedLater: Partial<Record<EventType, (target: Fact, later: Fact) => boolean>> = {
  TrainingOffered: (t, l) => TRAINING_ENDS.includes(l.event.type) && (l.event.data as { trainingId: string }).trainingId === (t.event.data as { trainingId: string }).trainingId,
  // A transfer records the division the registration (or an earlier transfer) put the household in.
  HouseholdRegistered: (_, l) => l.event.type === 'HouseholdIdentified' || l.event.type === 'HouseholdTransferred',
  MemberAdded: (_, l) => l.event.type === 'HouseholdIdentified',
  HouseholdSurveyed: (_, l) => l.event.type === 'HouseholdIdentified',
  FollowUpVisited: (t, l) => l.event.type === 'LaborConcernRaised' && (l.event.data as { visitId: string }).visitId === (t.event.data as { visitId: string }).visitId,
};
const COPIES: readonly EventType[] = [...TRAINING_ENDS, 'LaborConcernRaised'];
const isInScope = (f: Fact): boolean => f.event.type in copiedLater || COPIES.includes(f.event.type);
const hasLaterCopy = (facts: readonly Fact[], target: Fact): boolean =>
  COPIES.includes(target.event.type) || facts.slice(facts.indexOf(target) + 1).some((l) => copiedLater[target.event.type]?.(target, l) === true);

const WORDS: Readonly<Record<string, readonly string[]>> = {
  kind: V.TRAINING_KINDS, laborCapacity: V.LABOR_CAPACITIES, health: V.HEALTH, education: V.EDUCATION_LEVELS, sex: V.SEXES, level: V.LANGUAGE_LEVELS,
};
/** The villages a correction of a registration's division may name: the first tree's, or every tree's once a reorganisation is generated. */
type Villages = readonly string[];
const FIRST_TREE_VILLAGES: Villages = [ARB_VILLAGE, ARB_OTHER_VILLAGE];
/** A value a correction may give the field: another word of its vocabulary, birth year, list of indicators, …; free text and months are kept. */
const replacement = (key: string, value: unknown, villages: Villages): fc.Arbitrary<unknown> => {
  const words = key === 'divisionCode' ? villages : WORDS[key];
  if (words) return fc.constantFrom(...words);
  if (key === 'birthYear') return birthYear;
  if (key === 'laborConcerns' || key === 'indicators') return fc.subarray([...V.LABOR_CONCERN_INDICATORS], { minLength: key === 'indicators' ? 1 : 0, maxLength: 3 });
  if (typeof value === 'boolean') return fc.boolean();
  if (typeof value === 'number') return key === 'householdSize' ? fc.integer({ min: 1, max: 8 }) : money;
  if (Array.isArray(value) && key === 'members' && value.length > 0)
    // A registration's or survey's members, each corrected, listed in any order (decision 51; a reorder is decision 175's case).
    return fc.tuple(...value.map((v) => replacement(key, v, villages))).chain((members) => fc.shuffledSubarray(members, { minLength: members.length, maxLength: members.length }));
  if (Array.isArray(value)) return value.length === 0 ? fc.constant(value) : fc.tuple(...value.map((v) => replacement(key, v, villages)));
  if (typeof value === 'object' && value !== null)
    return fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isCorrectableField(k) ? replacement(k, v, villages) : fc.constant(v)])));
  return fc.constant(value);
};

interface Scenario {
  /** The stored stream and the state it folds to (not the run's steps: a counterexample prints what it holds). */
  readonly run: Pick<HouseholdRun, 'facts' | 'state'>;
  readonly target?: Fact;
  readonly correction: Record<string, unknown>;
}
/** A generated history, already run, and the context its events were decided in (the tree in force now and by position). */
interface History {
  readonly run: Pick<HouseholdRun, 'facts' | 'state'>;
  readonly ctx: DecisionContext;
}
const histories = (ctx: DecisionContext): fc.Arbitrary<History> => householdCommands().map((commands) => ({ run: runHousehold(commands, ctx), ctx }));
const reorganisedHistories = (ctx: DecisionContext): fc.Arbitrary<History> => reorganisedHouseholdCommands().map((generated) => runReorganised(generated, ctx));

/** A generated history, one of its events a copy is made from (or a copy), and one or two of its correctable fields given new values. */
const scenarios = (generated: fc.Arbitrary<History>, villages: Villages): fc.Arbitrary<Scenario & History> => generated.chain(({ run: { facts, state }, ctx }) => {
  const run = { facts, state };
  const targets = run.facts.filter(isInScope);
  if (targets.length === 0) return fc.constant({ run, ctx, correction: {} });
  // A type first, then an event of it: surveys and registrations, in every history, would otherwise crowd out the rarer copies.
  const types = [...new Set(targets.map((f) => f.event.type))];
  const target = fc.constantFrom(...types).chain((type) => fc.constantFrom(...targets.filter((f) => f.event.type === type)));
  return target.chain((target) => {
    const data = target.event.data as Readonly<Record<string, unknown>>;
    const fields = Object.keys(data).filter(isCorrectableField);
    return fc
      .subarray(fields, { minLength: 1, maxLength: Math.min(2, fields.length) })
      .chain((picked) => fc.record(Object.fromEntries(picked.map((f) => [f, replacement(f, data[f], villages)]))))
      .map((correction) => ({ run, ctx, target, correction }));
  });
});

const LATER_EVENT_DIFFERS = { path: 'correction', message: 'a later event would be refused, or recorded with other data' };

/** The sources of copies the generator must reach on both sides, or the property says little; and a side's floor over all sources. */
interface Reach {
  readonly sources: readonly string[];
  readonly floor: number;
}
const EVERY_HISTORY: Reach = { sources: ['TrainingOffered', 'HouseholdSurveyed', 'HouseholdRegistered'], floor: 40 };

const isLaterTransfer = (facts: readonly Fact[], target: Fact): boolean =>
  facts.slice(facts.indexOf(target) + 1).some((l) => l.event.type === 'HouseholdTransferred');

/**
 * Runs the property over `generated` histories: an accepted correction leaves every later
 * stored event as the corrected history decides it; one refused for a later event, recorded
 * all the same, would not.
 */
const expectNoStaleCopy = (generated: fc.Arbitrary<History>, villages: Villages, reach: Reach): void => {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  fc.assert(
    fc.property(scenarios(generated, villages), ({ run, ctx, target, correction }) => {
      const on = run.state.latestOn;
      if (target === undefined || on === undefined) return;
      // The oracle agrees with the Decider on the history as generated: what it finds after the correction is the correction's.
      expect(mismatchesAfterCorrections(run.facts, ctx)).toEqual([]);
      const command = { type: 'CorrectEvent' as const, householdId: 'h1', on, eventId: target.meta.eventId, correction, reason: 'property' };
      const decided = decide(command, run.state, { ...ctx, history: run.facts });
      const copied = hasLaterCopy(run.facts, target);
      const side = E.isLeft(decided) ? 'refused: a later event differs' : 'recorded with a later copy';
      if (E.isLeft(decided)) {
        if (!canonicallyEqual(decided.left.fields, [LATER_EVENT_DIFFERS])) return;
        // Refused for a later event: recorded all the same, the oracle would find that event.
        const forced = ev('EventCorrected', { eventId: target.meta.eventId, correctedType: target.event.type, correction, reason: 'property' });
        expect(mismatchesAfterCorrections([...run.facts, { event: forced, meta: { eventId: 'c0', occurredOn: on } }], ctx)).not.toEqual([]);
      } else {
        const facts = [...run.facts, ...decided.right.map((event, k) => ({ event, meta: { eventId: `c${k}`, occurredOn: on } }))];
        expect(mismatchesAfterCorrections(facts, ctx)).toEqual([]);
      }
      if (copied) count(`${target.event.type} ${side}`);
      if (target.event.type === 'HouseholdRegistered' && isLaterTransfer(run.facts, target)) count(`HouseholdRegistered before a transfer ${side}`);
    }),
    // 2,400 runs (~2.5 s a property): the floors below are per source and side, and the rarest met 3-9 in 600 runs
    // (seeds 1-5), a few per cent short of none; 16-38 in 2,400 (seeds 1, 3, 6-8); 34 or more (seeds 4-6) since
    // householdCommands draws histories as long as their maxSteps.
    propertyRuns(2400, process.env),
  );
  for (const type of reach.sources)
    for (const side of ['refused: a later event differs', 'recorded with a later copy'])
      expect([`${type} ${side}`, (seen.get(`${type} ${side}`) ?? 0) > 0]).toEqual([`${type} ${side}`, true]);
  const total = (side: string) => [...seen].filter(([key]) => key.endsWith(side) && !key.includes('before a transfer')).reduce((n, [, k]) => n + k, 0);
  expect([total('refused: a later event differs') > reach.floor, total('recorded with a later copy') > reach.floor]).toEqual([true, true]);
};

describe('ADR 174 over generated histories: an accepted correction leaves no stale copy', () => {
  it('the corrected history, decided again, records every later event as stored; and one refused for a later event would not', () => {
    expectNoStaleCopy(histories(arbContext), FIRST_TREE_VILLAGES, EVERY_HISTORY);
  });

  it("the same under a 30-day back-dating allowance, where a back-dated survey need not be the latest one (decisions 128, 130)", () => {
    expectNoStaleCopy(histories({ ...arbContext, policy: { ...arbContext.policy, backdatingAllowanceDays: 30 } }), FIRST_TREE_VILLAGES, EVERY_HISTORY);
  });

  it('the same where a second tree moves the household to its village\'s successor part-way through, each event decided again against the tree in force when it was recorded (decision 15)', () => {
    expectNoStaleCopy(reorganisedHistories(arbContext), ARB_ALL_VILLAGES, { ...EVERY_HISTORY, sources: [...EVERY_HISTORY.sources, 'HouseholdRegistered before a transfer'] });
  });
});
