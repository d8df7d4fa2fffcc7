import fc from 'fast-check';
import {
  commandEnvelope,
  householdDecider,
  householdStream,
  type DecisionContext,
  type DomainError,
  type HouseholdCommand,
  type HouseholdEvent,
  type HouseholdState,
} from '@hearth/domain';
import { arbContext, householdCommands, propertyRuns } from '@hearth/domain/testing';
import { CommandHandler } from '../src/command-handler';
import type { CommandResult } from '../src/command-result';
import type { EventStore } from '../src/event-store';
import { verifyStream } from '../src/hash-chain';
import { householdEventCodec } from '../src/household-event-codec';
import { InMemoryEventStore } from '../src/in-memory-event-store';

/**
 * The command handler's folded-state cache changes no decision: generated household
 * histories (retries of a commandId, corrections, back-dated commands included), three
 * households interleaved and each command sent through one of three handlers with small
 * caches on one store (so each handler keeps meeting streams the others moved on, and
 * evicting), give the same answers and the same log as a fresh handler — no cache, the
 * stream read and decoded whole — for every command.
 */

type Handler = CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>;

const HOUSEHOLDS = ['h1', 'h2', 'h3'] as const;

const handlerFor = (store: EventStore, cacheSize?: number): Handler =>
  new CommandHandler<HouseholdCommand, HouseholdEvent, HouseholdState, DecisionContext, DomainError>({
    store,
    decider: householdDecider,
    describe: (cmd) => commandEnvelope(cmd, 'clerk-1'),
    now: () => '2020-01-01T00:00:00.000Z',
    schemaVersion: 1,
    codec: householdEventCodec,
    ...(cacheSize === undefined ? {} : { cacheSize }),
  });

/** Each household's commands kept in order, interleaved in a generated order (an order as long as the commands: fast-check's default size would stop it at ten, the rest sent in turn through one handler), each with the handler that sends it. */
const routed = fc
  .tuple(
    householdCommands({ householdId: HOUSEHOLDS[0], maxSteps: 12 }),
    householdCommands({ householdId: HOUSEHOLDS[1], maxSteps: 12 }),
    householdCommands({ householdId: HOUSEHOLDS[2], maxSteps: 12 }),
    fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })), { maxLength: 200, size: 'max' }),
  )
  .map(([a, b, c, order]) => {
    const queues = [[...a], [...b], [...c]];
    const out: [HouseholdCommand, number][] = [];
    for (const [q, via] of order) {
      const next = (queues[q]?.length ? queues[q] : queues.find((x) => x.length > 0))?.shift();
      if (next) out.push([next, via]);
    }
    for (const q of queues) out.push(...q.map((cmd): [HouseholdCommand, number] => [cmd, 0]));
    return out;
  });

const answer = (r: CommandResult<DomainError>): string =>
  r.status === 'rejected' ? `rejected ${r.error.code}` : r.status === 'accepted' ? `accepted ${r.nextExpectedVersion} ${r.events.map((e) => e.type).join(',')}` : r.status;

/** A store's member called on the store itself, not on a proxy of it. */
const bound = (target: EventStore, key: string | symbol): unknown => {
  const value = Reflect.get(target, key, target) as unknown;
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
};
/**
 * `store` as one handler sees it, counting the reads that show what its cache met: a fold
 * caught up with events another handler stored after it (stale), and a stream this handler
 * had folded read again from its start (evicted).
 */
const watched = (store: EventStore, met: { stale: number; evicted: number }): EventStore => {
  const folded = new Set<string>();
  const readStream: EventStore['readStream'] = async (streamId, opts) => {
    const events = await store.readStream(streamId, opts);
    if (opts?.fromVersion !== undefined && opts.fromVersion > 0 && events.length > 0) met.stale++;
    if (opts?.fromVersion === 0 && folded.has(streamId)) met.evicted++;
    folded.add(streamId);
    return events;
  };
  return new Proxy(store, { get: (target, key) => (key === 'readStream' ? readStream : bound(target, key)) });
};

const log = async (store: EventStore) =>
  (await store.readAll()).map((e) => [e.streamId, e.streamVersion, e.type, e.data, e.metadata.occurredOn, e.metadata.commandId]);

describe('property: the command handler with a cache decides as one without', () => {
  it('any interleaving through three caching handlers gives the answers and log of a fresh handler per command', async () => {
    const met = { stale: 0, evicted: 0 };
    await fc.assert(
      fc.asyncProperty(routed, fc.integer({ min: 1, max: 3 }), async (commands, cacheSize) => {
        const cached = new InMemoryEventStore();
        const uncached = new InMemoryEventStore();
        try {
          const handlers = [0, 1, 2].map(() => handlerFor(watched(cached, met), cacheSize));
          for (const [cmd, via] of commands) {
            const got = await (handlers[via] as Handler).handle(cmd, arbContext);
            const oracle = await handlerFor(uncached).handle(cmd, arbContext);
            expect(answer(got)).toBe(answer(oracle));
          }
          expect(await log(cached)).toEqual(await log(uncached));
          for (const id of HOUSEHOLDS) expect(verifyStream(await cached.readStream(householdStream(id)))).toEqual({ ok: true });
        } finally {
          await cached.close();
          await uncached.close();
        }
      }),
      propertyRuns(40, process.env),
    );
    // The handlers met folds other handlers had moved past, and re-read streams their small caches had let go: what the property is about was exercised.
    expect(met.stale).toBeGreaterThan(20);
    expect(met.evicted).toBeGreaterThan(20);
  });
});
