import { CommandHandler } from './command-handler';
import type { CommandHandlerOptions } from './folding-command-handler';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import type { EventStore } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import {
  counterDecider,
  counterStream,
  describeCounterCommand,
  increment,
  type CounterError,
  type CounterIncremented,
  type CounterState,
  type IncrementCounter,
} from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';
import { WrongExpectedVersionError } from './wrong-expected-version-error';

const ids = (): (() => string) => {
  let n = 0;
  return () => `event-${++n}`;
};

type CounterOptions = CommandHandlerOptions<IncrementCounter, CounterIncremented, CounterState, unknown, CounterError>;

const handlerFor = (store: EventStore, extra: Partial<CounterOptions> = {}) =>
  new CommandHandler({
    store,
    decider: counterDecider,
    describe: describeCounterCommand,
    newEventId: ids(),
    now: () => '2016-08-02T09:00:00.000Z',
    schemaVersion: 3,
    ...extra,
  });

describe('CommandHandler', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  it('appends what the decider decides, in the envelope the command describes', async () => {
    const handler = new CommandHandler({
      store,
      decider: counterDecider,
      describe: (cmd: IncrementCounter) => ({
        ...describeCounterCommand(cmd),
        note: 'first visit',
        causationId: 'cause',
        correlationId: 'corr',
      }),
      newEventId: ids(),
      now: () => '2016-08-02T09:00:00.000Z',
      schemaVersion: 3,
    });
    const result = await handler.handle(increment('c', 'cmd-1', 2), undefined);
    const [stored] = await store.readStream(counterStream('c'));
    expect(result).toEqual({
      status: 'accepted',
      streamId: 'counter-c',
      events: [{ eventId: 'event-1', type: 'CounterIncremented', streamVersion: 0, hash: stored?.metadata.hash }],
      nextExpectedVersion: 0,
      lastPosition: 1,
    });
    expect(stored).toMatchObject({
      eventId: 'event-1',
      type: 'CounterIncremented',
      data: { by: 2, total: 2 },
      metadata: {
        occurredOn: '2016-08-01',
        recordedAt: '2016-08-02T09:00:00.000Z',
        actor: 'contract-kit',
        note: 'first visit',
        schemaVersion: 3,
        commandId: 'cmd-1',
        causationId: 'cause',
        correlationId: 'corr',
      },
    });
  });

  it('continues the hash chain of the stored stream', async () => {
    const handler = handlerFor(store);
    for (let i = 0; i < 3; i++) await handler.handle(increment('c'), undefined);
    const stream = await store.readStream(counterStream('c'));
    expect(stream.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    expect(verifyStream(stream)).toEqual({ ok: true });
  });

  it('returns a rejection as a value and appends nothing', async () => {
    const result = await handlerFor(store).handle(increment('c', undefined, 0), undefined);
    expect(result).toEqual({ status: 'rejected', streamId: 'counter-c', error: 'NON_POSITIVE_INCREMENT' });
    expect(await store.readAll()).toEqual([]);
  });

  it('reports an idempotent repeat as unchanged and appends nothing', async () => {
    const handler = handlerFor(store);
    await handler.handle(increment('c', 'once'), undefined);
    expect(await handler.handle(increment('c', 'once'), undefined)).toEqual({
      status: 'unchanged',
      streamId: 'counter-c',
      version: 0,
    });
    expect(await store.readAll()).toHaveLength(1);
  });

  it('after a conflict re-reads only what was written meanwhile and decides again', async () => {
    const reads: (number | undefined)[] = [];
    let interfered = false;
    const racing = interceptedStore(store, {
      readStream: (streamId, opts) => {
        reads.push(opts?.fromVersion);
        return store.readStream(streamId, opts);
      },
      appendToStream: async (...args) => {
        if (!interfered) {
          interfered = true;
          await handlerFor(store, { newEventId: () => 'outside' }).handle(increment('c'), undefined);
        }
        return store.appendToStream(...args);
      },
    });
    await handlerFor(store).handle(increment('c'), undefined);
    const result = await handlerFor(racing).handle(increment('c'), undefined);
    expect(result).toMatchObject({ status: 'accepted', nextExpectedVersion: 2 });
    expect(reads).toEqual([0, 1]);
    const totals = (await store.readStream(counterStream('c'))).map((e) => (e.data as CounterIncremented['data']).total);
    expect(totals).toEqual([1, 2, 3]);
  });

  it('reports a conflict, not a crash, after maxRetries more attempts', async () => {
    let appends = 0;
    const alwaysBehind = interceptedStore(store, {
      appendToStream: async (streamId) => {
        appends += 1;
        throw new WrongExpectedVersionError(streamId, 0, 1);
      },
    });
    const result = await handlerFor(alwaysBehind, { maxRetries: 2 }).handle(increment('c'), undefined);
    expect(result).toEqual({ status: 'conflict', streamId: 'counter-c', attempts: 3 });
    expect(appends).toBe(3);
  });

  it('lets other store failures through: they are not conflicts', async () => {
    const handler = handlerFor(store, { newEventId: () => 'always-the-same' });
    await handler.handle(increment('c'), undefined);
    await expect(handler.handle(increment('c'), undefined)).rejects.toBeInstanceOf(DuplicateEventIdError);
  });

  it('decodes stored events and encodes new ones through the codec', async () => {
    const decoded: string[] = [];
    const newEventId = ids();
    const withCodec = () => handlerFor(store, {
      newEventId,
      codec: {
        decode: (e) => {
          decoded.push(e.eventId);
          const data = e.data as { amount: number; total: number };
          return { type: 'CounterIncremented', data: { by: data.amount, total: data.total } };
        },
        encode: (e) => {
          const data = (e as CounterIncremented).data;
          return { type: 'counter.incremented.v1', data: { amount: data.by, total: data.total } };
        },
      },
    });
    await withCodec().handle(increment('c'), undefined);
    // Another handler: the first one's cache holds the state it folded, so this one reads and decodes the stored event.
    await withCodec().handle(increment('c'), undefined);
    const stream = await store.readStream(counterStream('c'));
    expect(stream.map((e) => [e.type, e.data])).toEqual([
      ['counter.incremented.v1', { amount: 1, total: 1 }],
      ['counter.incremented.v1', { amount: 1, total: 2 }],
    ]);
    expect(decoded).toEqual(['event-1']);
  });

  it('describes each command once, including commands that wait for their turn on a busy stream', async () => {
    let described = 0;
    const handler = handlerFor(store, {
      describe: (cmd: IncrementCounter) => {
        described += 1;
        return describeCounterCommand(cmd);
      },
    });
    const results = await Promise.all([increment('c'), increment('c'), increment('d')].map((cmd) => handler.handle(cmd, undefined)));
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(described).toBe(3);
    expect(await store.streamVersion(counterStream('c'))).toBe(1);
  });

  it('defaults to time-ordered UUIDv7 event ids and the wall clock', async () => {
    const handler = new CommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
    await handler.handle(increment('c'), undefined);
    await handler.handle(increment('c'), undefined);
    const [first, second] = await store.readAll();
    for (const e of [first, second]) expect(e?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((first?.eventId ?? '') < (second?.eventId ?? '')).toBe(true);
    expect(Number.isNaN(Date.parse(first?.metadata.recordedAt ?? ''))).toBe(false);
  });
});
