import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  householdDecider,
  commandEnvelope,
  householdStream,
  type DecisionContext,
  type DomainError,
  type HouseholdCommand,
  type HouseholdEvent,
  type HouseholdState,
} from '@hearth/domain';
import { arbContext, householdCommands, propertyRuns, runHousehold } from '@hearth/domain/testing';
import { CommandHandler } from '../src/command-handler';
import type { RecordedEvent } from '../src/envelope';
import { householdEventCodec } from '../src/household-event-codec';
import { verifyStream } from '../src/hash-chain';
import { InMemoryEventStore } from '../src/in-memory-event-store';

/**
 * Generated household histories (the domain's own arbitraries) fed through the real
 * CommandHandler into an InMemoryEventStore, several households interleaved: every
 * stream's hash chain verifies, the handler agrees with the pure Decider on every
 * command, and altering the data of any one stored event breaks the chain right there.
 */

const handlerFor = (store: InMemoryEventStore) => {
  let n = 0;
  return new CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>({
    store,
    decider: householdDecider,
    describe: (cmd) => commandEnvelope(cmd, 'clerk-1'),
    newEventId: () => `ev-${++n}`,
    now: () => '2020-01-01T00:00:00.000Z',
    schemaVersion: 1,
    codec: householdEventCodec,
  });
};

const HOUSEHOLDS = ['h1', 'h2', 'h3'] as const;

/** The households' sequences interleaved in a generated order (each keeps its own order). */
const interleaved = fc
  .tuple(
    householdCommands({ householdId: HOUSEHOLDS[0] }),
    householdCommands({ householdId: HOUSEHOLDS[1] }),
    householdCommands({ householdId: HOUSEHOLDS[2] }),
    // size 'max': otherwise at most about ten picks, and the rest of the three histories would follow one after another.
    fc.array(fc.nat({ max: 2 }), { maxLength: 400, size: 'max' }),
  )
  .map(([a, b, c, order]) => {
    const queues = [[...a], [...b], [...c]];
    const out: HouseholdCommand[] = [];
    for (const q of order) {
      const from = queues[q]?.length ? queues[q] : queues.find((x) => x.length > 0);
      const next = from?.shift();
      if (next) out.push(next);
    }
    for (const q of queues) out.push(...q);
    return { perHousehold: [a, b, c], all: out };
  });

/** A copy of `event` whose data differs in one place chosen by `seed`. */
const tampered = (event: RecordedEvent, seed: number): RecordedEvent => {
  const copy = JSON.parse(JSON.stringify(event)) as RecordedEvent;
  const data = copy.data as Record<string, unknown>;
  const keys = Object.keys(data);
  const key = keys[seed % Math.max(1, keys.length)];
  if (key === undefined || seed % 5 === 0) data['tampered'] = true;
  else {
    const v = data[key];
    data[key] =
      typeof v === 'string' ? `${v}x` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v, v[0] ?? 'x'] : null;
  }
  return copy;
};

describe('property (f): household streams written by the CommandHandler keep a verifiable hash chain', () => {
  it('every stream verifies, matches the pure Decider, and breaks exactly where any one event’s data is altered', async () => {
    let events = 0;
    await fc.assert(
      fc.asyncProperty(interleaved, fc.nat(), async ({ perHousehold, all }, seed) => {
        const store = new InMemoryEventStore();
        try {
          const handler = handlerFor(store);
          const results = new Map<string, string[]>();
          for (const cmd of all) {
            const r = await handler.handle(cmd, arbContext);
            const summary = r.status === 'rejected' ? `rejected ${r.error.code}` : r.status === 'accepted' ? `accepted ${r.events.map((e) => e.type).join(',')}` : r.status;
            results.set(cmd.householdId, [...(results.get(cmd.householdId) ?? []), summary]);
          }
          for (const [i, householdId] of HOUSEHOLDS.entries()) {
            const pure = runHousehold(perHousehold[i] as HouseholdCommand[]);
            // The handler, folding what it reads back from the store, decides as the pure run did.
            expect(results.get(householdId) ?? []).toEqual(
              pure.steps.map((s) =>
                E.isLeft(s.decision) ? `rejected ${s.decision.left.code}` : s.decision.right.length === 0 ? 'unchanged' : `accepted ${s.decision.right.map((e) => e.type).join(',')}`,
              ),
            );
            const stored = await store.readStream(householdStream(householdId));
            events += stored.length;
            expect(stored.map(({ type, data }) => ({ type, data }))).toEqual(pure.facts.map((f) => f.event));
            expect(stored.map((e) => e.metadata.occurredOn)).toEqual(pure.facts.map((f) => f.meta.occurredOn));
            expect(verifyStream(stored)).toEqual({ ok: true });
            stored.forEach((event, v) => {
              const broken = [...stored.slice(0, v), tampered(event, seed + v), ...stored.slice(v + 1)];
              expect(verifyStream(broken)).toEqual(expect.objectContaining({ ok: false, streamVersion: v, reason: 'hash-mismatch' }));
            });
          }
        } finally {
          await store.close();
        }
      }),
      propertyRuns(100, process.env),
    );
    // Not vacuous: the runs together stored a few hundred events at least (typically ~1,000).
    expect(events).toBeGreaterThan(300);
  });
});
