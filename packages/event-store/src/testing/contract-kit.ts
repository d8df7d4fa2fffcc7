import { BatchCommandHandler } from '../batch-command-handler';
import { CommandHandler } from '../command-handler';
import type { CommandResult } from '../command-result';
import { DuplicateEventIdError } from '../duplicate-event-id-error';
import type { RecordedEvent } from '../envelope';
import type { EventStore, ExpectedVersion } from '../event-store';
import { GENESIS_HASH, verifyStream } from '../hash-chain';
import { WrongExpectedVersionError } from '../wrong-expected-version-error';
import {
  counterDecider,
  counterStream,
  describeCounterCommand,
  increment,
  type CounterError,
  type CounterIncremented,
} from './counter-decider';
import { eventCollector } from './event-collector';
import { lastHash, testEvents } from './event-factory';

export interface EventStoreFixture {
  /** A store over empty storage. */
  store: EventStore;
  /** Persistent adapters: a new store over the same storage (the kit closes `store` first). */
  reopen?: () => Promise<EventStore>;
  /** Removes the storage; the kit has closed every store by then. */
  cleanup(): Promise<void>;
}

const totals = (events: readonly RecordedEvent[]): number[] =>
  events.map((e) => (e.data as CounterIncremented['data']).total);

const statusCount = (results: readonly CommandResult<CounterError>[], status: CommandResult<unknown>['status']): number =>
  results.filter((r) => r.status === status).length;

export interface ContractOptions {
  /** The adapter keeps data across instances: run the reopen case (the fixture must offer `reopen`). */
  persistent?: boolean;
  /**
   * Where the adapter can promise that event ids are unique: in the whole `store`
   * (default: SQLite, memory), or only within one append or batch (`append`: EventStoreDB
   * keeps no index by event id, and stores an id already used in another stream again).
   */
  eventIdScope?: 'store' | 'append';
  /**
   * The adapter numbers positions 1, 2, 3, … over empty storage, with no gap between
   * consecutive appends (default: SQLite, memory). The port itself only promises strictly
   * increasing positions with an exclusive `after`; with `false` (EventStoreDB: log byte
   * offsets shared with system events) the kit asserts only that, from positions it observed.
   */
  contiguousPositions?: boolean;
  /**
   * The adapter offers `issuedPositions` (SQLite, memory), checked here; without this
   * option the kit checks that it does not (a verifier would otherwise trust an untested count).
   */
  countsPositions?: boolean;
}

/** Fails unless every position is greater than the one before it. */
const expectStrictlyIncreasing = (positions: readonly number[]): void => {
  positions.forEach((p, i) => {
    expect(Number.isSafeInteger(p)).toBe(true);
    expect(p).toBeGreaterThan(i === 0 ? 0 : (positions[i - 1] ?? 0));
  });
};

const positionsOf = (events: readonly RecordedEvent[]): number[] => events.map((e) => e.position);

/** The position of the i-th event (a test that asks for an event that is not there fails here). */
const positionAt = (events: readonly RecordedEvent[], i: number): number => {
  const event = events[i];
  if (!event) throw new Error(`expected at least ${i + 1} events, got ${events.length}`);
  return event.position;
};

/**
 * The behaviour every EventStore adapter must have, as one jest `describe` block. Call
 * it at the top level of a spec file; `factory` is called once per test.
 */
export const runEventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreFixture>,
  options: ContractOptions = {},
): void => {
  const storeWide = (options.eventIdScope ?? 'store') === 'store';
  const contiguous = options.contiguousPositions ?? true;
  describe(`${name} (EventStore contract)`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await store.close();
      await fixture.store.close();
      await fixture.cleanup();
    });

    describe('appending and reading a stream', () => {
      const positionsPhrase = contiguous ? 'global positions from 1' : 'strictly increasing global positions';
      it(`stores events in order with 0-based versions and ${positionsPhrase}`, async () => {
        const events = testEvents(3);
        const result = await store.appendToStream('s-1', events, 'no_stream');
        const read = await store.readStream('s-1');
        expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(read.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
        expectStrictlyIncreasing(positionsOf(read));
        if (contiguous) expect(positionsOf(read)).toEqual([1, 2, 3]);
        expect(read.every((e) => e.streamId === 's-1')).toBe(true);
        expect(result).toEqual({ nextExpectedVersion: 2, lastPosition: read[2]?.position });
        expect(positionsOf(await store.readAll())).toEqual(positionsOf(read));
        expect(await store.streamVersion('s-1')).toBe(2);
      });

      it('gives back type, data and metadata exactly as appended', async () => {
        const [event] = testEvents([
          { type: 'Odd', data: { zeta: [1, 'two', null, { b: true, a: 0.1 }], alpha: 'ünïcødé ✓', big: 1e21 } },
        ]);
        if (!event) throw new Error('no event');
        const withOptional = {
          ...event,
          metadata: { ...event.metadata, note: 'n', commandId: 'c', causationId: 'x', correlationId: 'y' },
        };
        const { lastPosition } = await store.appendToStream('s-1', [withOptional], 'any');
        const [read] = await store.readStream('s-1');
        expect(read).toEqual({ ...withOptional, streamId: 's-1', streamVersion: 0, position: lastPosition });
        expect(await store.readAll()).toEqual([read]);
        if (contiguous) expect(lastPosition).toBe(1);
      });

      it('reads nothing and version -1 for a stream that does not exist', async () => {
        await store.appendToStream('s-1', testEvents(1), 'any');
        expect(await store.readStream('nope')).toEqual([]);
        expect(await store.streamVersion('nope')).toBe(-1);
      });

      it('reads a slice of a stream with fromVersion and maxCount', async () => {
        await store.appendToStream('s-1', testEvents(10), 'no_stream');
        const slice = await store.readStream('s-1', { fromVersion: 4, maxCount: 3 });
        expect(slice.map((e) => e.streamVersion)).toEqual([4, 5, 6]);
        expect(await store.readStream('s-1', { fromVersion: 10 })).toEqual([]);
      });

      it('keeps streams apart while positions interleave globally', async () => {
        const a = testEvents(2);
        const b = testEvents(2);
        const p1 = (await store.appendToStream('a', a.slice(0, 1), 'no_stream')).lastPosition;
        const p2 = (await store.appendToStream('b', b.slice(0, 1), 'no_stream')).lastPosition;
        const p3 = (await store.appendToStream('a', a.slice(1), 0)).lastPosition;
        const p4 = (await store.appendToStream('b', b.slice(1), 0)).lastPosition;
        expectStrictlyIncreasing([p1, p2, p3, p4]);
        if (contiguous) expect([p1, p2, p3, p4]).toEqual([1, 2, 3, 4]);
        expect((await store.readStream('a')).map((e) => [e.streamVersion, e.position])).toEqual([
          [0, p1],
          [1, p3],
        ]);
        expect((await store.readStream('b')).map((e) => [e.streamVersion, e.position])).toEqual([
          [0, p2],
          [1, p4],
        ]);
        expect(positionsOf(await store.readAll())).toEqual([p1, p2, p3, p4]);
      });

      it(`rejects an eventId used twice ${storeWide ? 'in the store' : 'in one append'}, storing nothing of that append`, async () => {
        const [first] = testEvents(1);
        if (!first) throw new Error('no event');
        await store.appendToStream('s-1', [first], 'any');
        if (storeWide) {
          const again = [...testEvents(1), first];
          await expect(store.appendToStream('s-2', again, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        }
        const twins = testEvents(2).map((e) => ({ ...e, eventId: 'same' }));
        await expect(store.appendToStream('s-3', twins, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readAll()).toHaveLength(1);
        expect(await store.streamVersion('s-2')).toBe(-1);
      });

      it('rejects undefined data, which JSON cannot store', async () => {
        const [event] = testEvents(1);
        if (!event) throw new Error('no event');
        await expect(store.appendToStream('s-1', [{ ...event, data: undefined }], 'any')).rejects.toBeInstanceOf(TypeError);
      });

      it('checks the expected version of an empty append without writing anything', async () => {
        expect(await store.appendToStream('s-1', [], 'no_stream')).toEqual({ nextExpectedVersion: -1, lastPosition: 0 });
        const written = await store.appendToStream('s-1', testEvents(2), 'no_stream');
        expect(await store.appendToStream('s-1', [], 1)).toEqual({ nextExpectedVersion: 1, lastPosition: written.lastPosition });
        expect(written.lastPosition).toBe((await store.readStream('s-1'))[1]?.position);
        await expect(store.appendToStream('s-1', [], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readAll()).toHaveLength(2);
      });
    });

    describe('expected version', () => {
      const conflict = async (streamId: string, expected: ExpectedVersion): Promise<WrongExpectedVersionError> => {
        const error: unknown = await store.appendToStream(streamId, testEvents(1), expected).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (!(error instanceof WrongExpectedVersionError)) throw new Error(`expected a WrongExpectedVersionError, got ${String(error)}`);
        return error;
      };

      it('no_stream (and -1) accept a new stream and refuse an existing one', async () => {
        await store.appendToStream('s-1', testEvents(2), 'no_stream');
        await store.appendToStream('s-2', testEvents(1), -1);
        const error = await conflict('s-1', 'no_stream');
        expect(error).toMatchObject({ streamId: 's-1', expected: 'no_stream', actual: 1 });
        expect((await conflict('s-2', -1)).actual).toBe(0);
      });

      it('a number must equal the version of the last event', async () => {
        await store.appendToStream('s-1', testEvents(2), 'no_stream');
        expect((await store.appendToStream('s-1', testEvents(1), 1)).nextExpectedVersion).toBe(2);
        expect(await conflict('s-1', 1)).toMatchObject({ expected: 1, actual: 2 });
        expect(await conflict('s-1', 3)).toMatchObject({ expected: 3, actual: 2 });
        expect(await conflict('new', 0)).toMatchObject({ expected: 0, actual: -1 });
      });

      it('any never conflicts', async () => {
        await store.appendToStream('s-1', testEvents(1), 'any');
        await store.appendToStream('s-1', testEvents(1), 'any');
        expect(await store.streamVersion('s-1')).toBe(1);
      });

      it('stream_exists refuses a new stream and accepts an existing one', async () => {
        expect(await conflict('s-1', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: -1 });
        await store.appendToStream('s-1', testEvents(1), 'no_stream');
        expect((await store.appendToStream('s-1', testEvents(1), 'stream_exists')).nextExpectedVersion).toBe(1);
      });

      it('a refused append stores nothing', async () => {
        await store.appendToStream('s-1', testEvents(1), 'no_stream');
        await conflict('s-1', 5);
        expect(await store.readAll()).toHaveLength(1);
      });

      it('rejects malformed expected versions as caller errors', async () => {
        await expect(store.appendToStream('s-1', testEvents(1), -2)).rejects.toBeInstanceOf(RangeError);
        await expect(store.appendToStream('s-1', testEvents(1), 0.5)).rejects.toBeInstanceOf(RangeError);
      });
    });

    describe('appendBatch', () => {
      it('applies appends in order, one result each', async () => {
        await store.appendToStream('a', testEvents(1), 'no_stream');
        const results = await store.appendBatch([
          { streamId: 'a', expectedVersion: 0, events: testEvents(2) },
          { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) },
        ]);
        const all = await store.readAll();
        expect(results).toEqual([
          { nextExpectedVersion: 2, lastPosition: all[2]?.position },
          { nextExpectedVersion: 0, lastPosition: all[3]?.position },
        ]);
        expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@0', 'a@1', 'a@2', 'b@0']);
        expectStrictlyIncreasing(positionsOf(all));
        if (contiguous) expect(results.map((r) => r.lastPosition)).toEqual([3, 4]);
      });

      it('checks each append against the state the previous ones left (same stream twice)', async () => {
        const first = testEvents(2);
        const second = testEvents(1, lastHash(first));
        const results = await store.appendBatch([
          { streamId: 'a', expectedVersion: 'no_stream', events: first },
          { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) },
          { streamId: 'a', expectedVersion: 1, events: second },
        ]);
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([1, 0, 2]);
        expect(verifyStream(await store.readStream('a'))).toEqual({ ok: true });
      });

      it('is all-or-nothing: one wrong expected version stores nothing from the batch', async () => {
        await store.appendToStream('a', testEvents(1), 'no_stream');
        const before = await store.readAll();
        await expect(
          store.appendBatch([
            { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(3) },
            { streamId: 'a', expectedVersion: 0, events: testEvents(1) },
            { streamId: 'c', expectedVersion: 'no_stream', events: testEvents(1) },
            { streamId: 'a', expectedVersion: 0, events: testEvents(1) },
          ]),
        ).rejects.toMatchObject({ streamId: 'a', expected: 0, actual: 1 });
        expect(await store.readAll()).toEqual(before);
        expect(await store.streamVersion('b')).toBe(-1);
        expect(await store.streamVersion('c')).toBe(-1);
      });

      it('is all-or-nothing on a duplicate eventId too', async () => {
        const [stored] = testEvents(1);
        if (!stored) throw new Error('no event');
        await store.appendToStream('a', [stored], 'no_stream');
        // Store-wide: an id already stored; append-scoped: an id used twice within the batch.
        const [twin] = testEvents(1);
        if (!twin) throw new Error('no event');
        await expect(
          store.appendBatch([
            { streamId: 'b', expectedVersion: 'any', events: storeWide ? testEvents(2) : [twin] },
            { streamId: 'c', expectedVersion: 'any', events: [storeWide ? stored : twin] },
          ]),
        ).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readAll()).toHaveLength(1);
      });

      it('keeps positions usable after a failed batch', async () => {
        await expect(
          store.appendBatch([
            { streamId: 'a', expectedVersion: 'no_stream', events: testEvents(2) },
            { streamId: 'a', expectedVersion: 'no_stream', events: testEvents(1) },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store.appendToStream('a', testEvents(1), 'no_stream');
        const [event] = await store.readAll();
        expect(event?.position).toBeGreaterThan(0);
        expect(event?.streamVersion).toBe(0);
      });
    });

    describe('readAll', () => {
      const seed = async (): Promise<RecordedEvent[]> => {
        await store.appendToStream('a', testEvents([{ type: 'A' }, { type: 'B' }]), 'no_stream');
        await store.appendToStream('b', testEvents([{ type: 'C' }, { type: 'A' }, { type: 'B' }]), 'no_stream');
        await store.appendToStream('a', testEvents([{ type: 'C' }], (await store.readStream('a')).at(-1)?.metadata.hash), 1);
        return store.readAll();
      };

      it('returns every event in strictly increasing position order', async () => {
        const all = await seed();
        expect(all).toHaveLength(6);
        expectStrictlyIncreasing(positionsOf(all));
        if (contiguous) expect(positionsOf(all)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@0', 'a@1', 'b@0', 'b@1', 'b@2', 'a@2']);
      });

      it(options.countsPositions ? 'counts the positions it hands out (issuedPositions)' : 'does not claim to count positions (no issuedPositions)', async () => {
        if (!options.countsPositions || !store.issuedPositions) {
          expect({ offered: store.issuedPositions !== undefined }).toEqual({ offered: options.countsPositions === true });
          return;
        }
        expect(await store.issuedPositions.highest()).toBe(0);
        const all = await seed();
        expect(await store.issuedPositions.highest()).toBe(positionAt(all, all.length - 1));
        // A refused append hands out nothing.
        await expect(store.appendToStream('a', testEvents(1), 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.issuedPositions.highest()).toBe(positionAt(all, all.length - 1));
      });

      it('treats `after` as exclusive, from any position it handed out', async () => {
        const all = await seed();
        for (const [i, event] of all.entries()) {
          expect(await store.readAll({ after: event.position })).toEqual(all.slice(i + 1));
        }
        if (contiguous) expect(positionsOf(await store.readAll({ after: 2 }))).toEqual([3, 4, 5, 6]);
        expect(await store.readAll({ after: 0 })).toEqual(all);
      });

      it('pages with maxCount from observed positions, covering every event once', async () => {
        const all = await seed();
        const pagesFrom = async (start: number, maxCount: number): Promise<RecordedEvent[][]> => {
          const pages: RecordedEvent[][] = [];
          let after = start;
          for (;;) {
            const page = await store.readAll({ after, maxCount });
            if (page.length === 0) return pages;
            expect(page.length).toBeLessThanOrEqual(maxCount);
            pages.push(page);
            after = page.at(-1)?.position ?? after;
          }
        };
        const fours = await pagesFrom(0, 4);
        expect(fours.map((p) => p.length)).toEqual([4, 2]);
        expect(fours.flat()).toEqual(all);
        for (const maxCount of [1, 2, 5, 6, 7]) expect((await pagesFrom(0, maxCount)).flat()).toEqual(all);
        const fromSecond = await pagesFrom(positionAt(all, 1), 3);
        expect(fromSecond.map((p) => p.length)).toEqual([3, 1]);
        expect(fromSecond.flat()).toEqual(all.slice(2));
        expect(await store.readAll({ after: positionAt(all, 1), maxCount: 0 })).toEqual([]);
      });

      it('names the head: 0 when empty, then the position of the last event appended', async () => {
        expect(await store.headPosition()).toBe(0);
        const all = await seed();
        expect(await store.headPosition()).toBe(all.at(-1)?.position);
        const more = await store.appendToStream('c', testEvents([{ type: 'A' }]), 'no_stream');
        expect(await store.headPosition()).toBe(more.lastPosition);
        expect(more.lastPosition).toBeGreaterThan(all.at(-1)?.position ?? 0);
      });

      it('filters by type, after and maxCount included', async () => {
        const all = await seed();
        const aOrC = all.filter((e) => e.type === 'A' || e.type === 'C');
        expect(await store.readAll({ types: ['A', 'C'] })).toEqual(aOrC);
        expect(aOrC.map((e) => e.type)).toEqual(['A', 'C', 'A', 'C']);
        // After b@0 (a C, the 3rd event): the next A or C is b@1.
        const after = positionAt(all, 2);
        expect(await store.readAll({ types: ['A', 'C'], after, maxCount: 1 })).toEqual([all[3]]);
        expect(await store.readAll({ types: ['A', 'C'], after })).toEqual([all[3], all[5]]);
        // `after` on an event the filter excludes (a@1, a B) is as good a starting point.
        expect(await store.readAll({ types: ['C'], after: positionAt(all, 1) })).toEqual([all[2], all[5]]);
        if (contiguous) expect(positionsOf(await store.readAll({ types: ['A', 'C'], after: 3, maxCount: 1 }))).toEqual([4]);
        expect(await store.readAll({ types: ['Z'] })).toEqual([]);
        expect(await store.readAll({ types: [] })).toEqual([]);
      });

      it('matches a model for any sequence of appends (property)', async () => {
        // Loaded here, not at the top: the kit is reachable from the package index, and
        // production code importing @hearth/event-store must not need a dev dependency.
        const { default: fc } = await import('fast-check');
        let run = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.record({ stream: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 0, max: 4 }) }), {
              maxLength: 12,
            }),
            async (appends) => {
              run += 1;
              const start = (await store.readAll()).at(-1)?.position ?? 0;
              const expected: string[] = [];
              const versions = new Map<string, number>();
              for (const { stream, count } of appends) {
                const streamId = `p${run}-${stream}`;
                const events = testEvents(count);
                await store.appendToStream(streamId, events, 'any');
                const base = versions.get(streamId) ?? -1;
                events.forEach((_, i) => expected.push(`${streamId}@${base + 1 + i}`));
                versions.set(streamId, base + count);
              }
              const read = await store.readAll({ after: start });
              expect(read.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(expected);
              read.forEach((e, i) => expect(e.position).toBeGreaterThan(i === 0 ? start : (read[i - 1]?.position ?? 0)));
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    describe('subscribeToAll', () => {
      it('catches up over stored events, reports it once, then delivers live appends in order', async () => {
        await store.appendToStream('a', testEvents(3), 'no_stream');
        await store.appendToStream('b', testEvents(2), 'no_stream');
        const collector = eventCollector();
        const caughtUpAt: number[] = [];
        let resolveCaughtUp!: () => void;
        const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
        const subscription = store.subscribeToAll({
          onEvent: collector.onEvent,
          onCaughtUp: () => {
            caughtUpAt.push(collector.events.length);
            resolveCaughtUp();
          },
        });
        await caughtUp;
        const a = await store.readStream('a');
        await store.appendToStream('a', testEvents(2, a.at(-1)?.metadata.hash), 2);
        await store.appendToStream('c', testEvents(1), 'no_stream');
        await collector.until(8);
        await subscription.close();
        expect(caughtUpAt).toEqual([5]);
        expect(collector.events).toEqual(await store.readAll());
      });

      it('starts after the given position and filters by type', async () => {
        await store.appendToStream('a', testEvents([{ type: 'A' }, { type: 'B' }, { type: 'A' }]), 'no_stream');
        const collector = eventCollector();
        const after = positionAt(await store.readStream('a'), 0);
        const subscription = store.subscribeToAll({ after, types: ['A'], onEvent: collector.onEvent });
        await store.appendToStream('b', testEvents([{ type: 'B' }, { type: 'A' }]), 'no_stream');
        await collector.until(2);
        await subscription.close();
        const all = await store.readAll();
        expect(collector.events).toEqual([all[2], all[4]]);
        expect(collector.events.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@2', 'b@1']);
        if (contiguous) expect(positionsOf(collector.events)).toEqual([3, 5]);
      });

      it('awaits each onEvent before the next, with no duplicate or gap while appends race it', async () => {
        let inFlight = 0;
        let maxInFlight = 0;
        const collector = eventCollector();
        const subscription = store.subscribeToAll({
          onEvent: async (event) => {
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((resolve) => setImmediate(resolve));
            collector.onEvent(event);
            inFlight -= 1;
          },
        });
        for (let i = 0; i < 20; i++) {
          await store.appendToStream(`s-${i % 3}`, testEvents(1), 'any');
          if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        await collector.until(20);
        await subscription.close();
        expect(maxInFlight).toBe(1);
        expect(collector.events).toEqual(await store.readAll());
        expect(collector.events).toHaveLength(20);
        expectStrictlyIncreasing(positionsOf(collector.events));
        if (contiguous) expect(positionsOf(collector.events)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('delivers nothing once close() has resolved', async () => {
        const collector = eventCollector();
        const subscription = store.subscribeToAll({ onEvent: collector.onEvent });
        await store.appendToStream('a', testEvents(1), 'any');
        await collector.until(1);
        await subscription.close();
        await store.appendToStream('a', testEvents(1), 'any');
        await new Promise((resolve) => setImmediate(resolve));
        expect(collector.events).toHaveLength(1);
      });

      it('stops and reports through onError when onEvent throws', async () => {
        await store.appendToStream('a', testEvents(3), 'any');
        const seen: number[] = [];
        const failure = new Promise<Error>((resolve) => {
          store.subscribeToAll({
            onEvent: (event) => {
              seen.push(event.position);
              // Fails on the second event, whatever its position.
              if (seen.length === 2) throw new Error('projection failed');
            },
            onError: resolve,
          });
        });
        expect((await failure).message).toBe('projection failed');
        // Nothing after the failing event is delivered once the error is reported.
        await store.appendToStream('a', testEvents(1), 'any');
        await new Promise((resolve) => setImmediate(resolve));
        expect(seen).toEqual(positionsOf((await store.readAll()).slice(0, 2)));
        if (contiguous) expect(seen).toEqual([1, 2]);
      });

      it('is closed by closing the store', async () => {
        const collector = eventCollector();
        store.subscribeToAll({ onEvent: collector.onEvent });
        await store.appendToStream('a', testEvents(1), 'any');
        await collector.until(1);
        await store.close();
        expect(collector.events).toHaveLength(1);
      });
    });

    describe('hash chain', () => {
      it('stored streams verify after the round trip, including awkward data', async () => {
        const first = testEvents([
          { data: { z: 1, a: { y: [3, 2, 1], b: -0 }, s: 'quote " and \\ and \u2028' } },
          { data: [{ b: 1, a: 2 }], actor: 'someone else' },
        ]);
        await store.appendToStream('a', first, 'no_stream');
        await store.appendToStream('a', testEvents([{ data: 0.1 + 0.2 }], lastHash(first)), 1);
        const stored = await store.readStream('a');
        expect(stored[0]?.metadata.prevHash).toBe(GENESIS_HASH);
        expect(verifyStream(stored)).toEqual({ ok: true });
      });
    });

    describe('through the command handlers', () => {
      it('8 concurrent writers on one stream lose no update', async () => {
        const handler = new CommandHandler({
          store,
          decider: counterDecider,
          describe: describeCounterCommand,
          schemaVersion: 1,
        });
        const writers = 8;
        const perWriter = 5;
        const results = (
          await Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              const out: CommandResult<CounterError>[] = [];
              for (let i = 0; i < perWriter; i++) out.push(await handler.handle(increment('c', `w${w}-${i}`), undefined));
              return out;
            }),
          )
        ).flat();
        const accepted = statusCount(results, 'accepted');
        expect(accepted + statusCount(results, 'conflict')).toBe(writers * perWriter);
        expect(accepted).toBeGreaterThan(0);
        const stream = await store.readStream(counterStream('c'));
        expect(totals(stream)).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
        const acceptedIds = results.flatMap((r) => (r.status === 'accepted' ? r.events.map((e) => e.eventId) : []));
        expect(new Set(stream.map((e) => e.eventId))).toEqual(new Set(acceptedIds));
        expect(verifyStream(stream)).toEqual({ ok: true });
      });

      it('BatchCommandHandler writes a batch in command order and redoes it after an outside write', async () => {
        const batch = new BatchCommandHandler({
          store,
          decider: counterDecider,
          describe: describeCounterCommand,
          schemaVersion: 1,
        });
        const first = await batch.handleMany([increment('x', 'x1'), increment('y', 'y1'), increment('x', 'x2')], undefined);
        expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
        // Another writer moves x on while x is cached by the batch handler.
        const single = new CommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
        expect((await single.handle(increment('x', 'outside'), undefined)).status).toBe('accepted');
        const second = await batch.handleMany([increment('x', 'x3'), increment('y', 'y2')], undefined);
        expect(second.map((r) => r.status)).toEqual(['accepted', 'accepted']);
        expect(totals(await store.readStream(counterStream('x')))).toEqual([1, 2, 3, 4]);
        expect(totals(await store.readStream(counterStream('y')))).toEqual([1, 2]);
        expect((await store.readAll()).map((e) => e.streamId)).toEqual(
          ['x', 'y', 'x', 'x', 'x', 'y'].map((id) => counterStream(id)),
        );
        for (const id of ['x', 'y']) expect(verifyStream(await store.readStream(counterStream(id)))).toEqual({ ok: true });
      });
    });

    if (options.persistent) {
      describe('reopening', () => {
        it('sees the same data and continues positions and versions', async () => {
          const reopen = fixture.reopen;
          if (!reopen) throw new Error(`${name} is declared persistent but its fixture has no reopen()`);
          const events = testEvents(3);
          await store.appendToStream('a', events, 'no_stream');
          await store.appendToStream('b', testEvents(1), 'no_stream');
          const before = await store.readAll();
          await store.close();
          store = await reopen();
          expect(await store.readAll()).toEqual(before);
          expect(await store.streamVersion('a')).toBe(2);
          const result = await store.appendToStream('a', testEvents(1, lastHash(events)), 2);
          expect(result.nextExpectedVersion).toBe(3);
          expect(result.lastPosition).toBeGreaterThan(positionAt(before, before.length - 1));
          if (contiguous) expect(result.lastPosition).toBe(5);
          const after = await store.readAll();
          expect(after.slice(0, before.length)).toEqual(before);
          expect(after.slice(before.length).map((e) => [e.streamId, e.streamVersion, e.position])).toEqual([
            ['a', 3, result.lastPosition],
          ]);
          expect(verifyStream(await store.readStream('a'))).toEqual({ ok: true });
        });
      });
    }

    // Last: on a server shared between tests (a stream namespace each) it leaves 20 000
    // events in `$all` that every later `readAll` from the start would page through.
    describe('a large stream', () => {
      it('reads 20 000 events back in order with an intact chain', async () => {
        let prev = GENESIS_HASH;
        for (let chunk = 0; chunk < 10; chunk++) {
          const events = testEvents(
            Array.from({ length: 2000 }, (_, i) => ({ data: { n: chunk * 2000 + i } })),
            prev,
          );
          await store.appendToStream('big', events, chunk * 2000 - 1);
          prev = lastHash(events);
        }
        const read = await store.readStream('big');
        expect(read).toHaveLength(20_000);
        expect(read.every((e, i) => e.streamVersion === i && (e.data as { n: number }).n === i)).toBe(true);
        expect(verifyStream(read)).toEqual({ ok: true });
        expect((await store.readStream('big', { fromVersion: 19_998 })).map((e) => e.streamVersion)).toEqual([19_998, 19_999]);
      });
    });
  });
};
