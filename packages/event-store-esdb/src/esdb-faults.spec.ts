import { type RecordedEvent, StoreUnavailableError } from '@hearth/event-store';
import * as kit from '@hearth/event-store/testing';
import { openEsdbEventStore } from './open-esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';
import type { EsdbEventStore } from './esdb-event-store';

jest.setTimeout(30_000);

describe('EsdbEventStore when the node fails', () => {
  let server: EsdbStandIn;
  let store: EsdbEventStore;
  beforeEach(async () => {
    server = await startEsdbStandIn();
    store = await openEsdbEventStore(server.url);
  });
  afterEach(async () => {
    await store.close();
    await server.close();
  });

  it.each(['unavailable', 'not-leader'] as const)('retries a read the node answered %s', async (kind) => {
    await store.appendToStream('a', kit.testEvents(3), 'no_stream');
    const before = server.calls.read;
    server.faults.failNext('read', kind);
    expect(await store.readAll()).toHaveLength(3);
    expect(server.calls.read - before).toBe(2);
    server.faults.failNext('read', kind);
    expect(await store.readStream('a')).toHaveLength(3);
  });

  // A node out of reach or not the leader answers UNAVAILABLE or "not leader". A real server
  // also answers an append it did not complete in time with a Timeout status, and one it has
  // no room for with "Server Is Busy" (Streams.BatchAppend.cs); a commit timeout may still
  // have written the append. The outcome is unknown, not a bug: the append is sent again with
  // the same ids, and the server answers a written one as the same append.
  it.each(['unavailable', 'not-leader', 'timeout', 'commit-timeout', 'busy'] as const)('retries an append the node answered %s, storing it once', async (kind) => {
    await store.appendToStream('a', kit.testEvents(1), 'no_stream');
    const before = server.calls.batchAppend;
    server.faults.failNext('batchAppend', kind);
    const result = await store.appendToStream('a', kit.testEvents(2), 0);
    expect(result.nextExpectedVersion).toBe(2);
    expect(server.calls.batchAppend - before).toBe(2);
    expect((await store.readStream('a')).map((e) => e.streamVersion)).toEqual([0, 1, 2]);
  });

  it('retries a read whose deadline passed', async () => {
    await store.appendToStream('a', kit.testEvents(3), 'no_stream');
    server.faults.failNext('read', 'timeout');
    expect(await store.readStream('a')).toHaveLength(3);
  });

  it.each(['timeout', 'commit-timeout', 'busy'] as const)('reports an append the node kept answering %s as the store unavailable, not as a bug', async (kind) => {
    server.faults.failNext('batchAppend', kind, 4);
    const error: unknown = await store.appendToStream('a', kit.testEvents(1), 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    // A commit timeout wrote the first attempt; the later attempts were answered the same way.
    expect(server.size).toBe(kind === 'commit-timeout' ? 1 : 0);
  });

  // After a lost connection the client asks the server's features again before its next
  // append, and that call fails with gRPC's own error (code 14), not the client's
  // UnavailableError: it escaped the retries as a plain Error (a 500 INTERNAL, "a bug").
  it('reports an append to a server that has gone away as the store unavailable', async () => {
    const gone = await startEsdbStandIn();
    const other = await openEsdbEventStore(gone.url);
    try {
      await other.appendToStream('a', kit.testEvents(1), 'no_stream');
      await gone.close();
      await expect(other.appendToStream('a', kit.testEvents(1), 0)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(other.appendBatch([{ streamId: 'a', expectedVersion: 0, events: kit.testEvents(1) }])).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await other.close();
    }
  });

  it('gives up after four attempts and reports the store unavailable, with the client\'s error as its cause', async () => {
    server.faults.failNext('batchAppend', 'unavailable', 4);
    const error: unknown = await store.appendToStream('a', kit.testEvents(1), 'no_stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'HEARTH_STORE_UNAVAILABLE', cause: { type: 'unavailable' } });
    expect(server.size).toBe(0);
  });

  it('drops a subscription mid catch-up on demand; resubscribing after the last event seen misses and repeats nothing', async () => {
    for (let i = 0; i < 10; i++) await store.appendToStream(`s-${i % 3}`, kit.testEvents(10), 'any');
    const seen: RecordedEvent[] = [];
    const follow = (after: number) =>
      new Promise<Error | 'caught-up'>((resolve) => {
        const subscription = store.subscribeToAll({
          after,
          onEvent: (e) => void seen.push(e),
          onCaughtUp: () => void subscription.close().then(() => resolve('caught-up')),
          onError: resolve,
        });
      });
    server.faults.dropNextSubscription(40);
    server.faults.dropNextSubscription(25);
    // The client may still hold some of the events sent before the drop when it reports it:
    // those are simply not delivered, and the next subscription starts after the last one that was.
    expect(await follow(0)).toMatchObject({ message: expect.stringMatching(/dropped/) });
    const afterFirst = seen.length;
    expect(afterFirst).toBeLessThanOrEqual(40);
    expect(await follow(seen.at(-1)?.position ?? 0)).toMatchObject({ message: expect.stringMatching(/dropped/) });
    expect(seen.length - afterFirst).toBeLessThanOrEqual(25);
    expect(await follow(seen.at(-1)?.position ?? 0)).toBe('caught-up');
    expect(seen).toHaveLength(100);
    expect(seen).toEqual(await store.readAll());
  });

  it('reports a dropped subscription through onError, after the events sent before the drop', async () => {
    await store.appendToStream('a', kit.testEvents(5), 'no_stream');
    const seen: number[] = [];
    const failed = new Promise<Error>((resolve) => {
      store.subscribeToAll({ onEvent: (e) => void seen.push(e.streamVersion), onError: resolve });
    });
    while (server.openSubscriptions === 0) await new Promise((resolve) => setImmediate(resolve));
    server.faults.dropSubscriptions({ afterEvents: 3 });
    // The catch-up may be over by now: three more events make sure the drop comes.
    await store.appendToStream('a', kit.testEvents(3), 4);
    const error = await failed;
    expect(error.message).toMatch(/dropped|unavailable/i);
    expect(seen).toEqual(seen.map((_, i) => i));
    expect(server.openSubscriptions).toBe(0);
  });

  // A node shutting down ends every subscription to $all with status OK, not an error:
  // the subscriber must hear of it, or a projection stops following in silence.
  it('reports a subscription the server ended normally through onError, as the store unavailable', async () => {
    await store.appendToStream('a', kit.testEvents(3), 'no_stream');
    const seen: number[] = [];
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const failed = new Promise<Error>((resolve) => {
      store.subscribeToAll({ onEvent: (e) => void seen.push(e.streamVersion), onCaughtUp: () => caughtUp(), onError: resolve });
    });
    await live;
    server.faults.dropSubscriptions({ graceful: true });
    const silence = new Promise<'nothing reported'>((resolve) => setTimeout(() => resolve('nothing reported'), 2_000).unref());
    const outcome = await Promise.race([failed, silence]);
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    expect(outcome).toMatchObject({ message: expect.stringMatching(/server ended the subscription/) });
    expect(seen).toEqual([0, 1, 2]);
    expect(server.openSubscriptions).toBe(0);
  });
});
