import { randomUUID } from 'node:crypto';
import { jsonEvent, KurrentDBClient, StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';

// The stand-in as the real client sees it, without the adapter in between.
describe('the EventStoreDB stand-in', () => {
  let server: EsdbStandIn;
  let client: KurrentDBClient;

  beforeEach(async () => {
    server = await startEsdbStandIn();
    client = KurrentDBClient.connectionString(server.url);
  });

  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  const event = (id = randomUUID()) => jsonEvent({ id, type: 'T', data: { id } });

  it('treats the same ids appended again at the same place as an idempotent success, like EventStoreDB', async () => {
    const events = [event(), event()];
    const first = await client.appendToStream('s', events, { streamState: 'no_stream' });
    const again = await client.appendToStream('s', events, { streamState: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    await client.appendToStream('s', events, { streamState: 'any' });
    expect(server.size).toBe(2);
    // A partial repeat is refused ("corrupted idempotency").
    await expect(client.appendToStream('s', [events[0] ?? event(), event()], { streamState: 'any' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    // The same id in another stream is a new event to EventStoreDB.
    await client.appendToStream('t', [events[0] ?? event()], { streamState: 'any' });
    expect(server.size).toBe(3);
  });

  it('reads streams and $all in both directions with counts, and reports a missing stream', async () => {
    await client.appendToStream('a', [event(), event(), event()]);
    await client.appendToStream('b', [event()]);
    const revisions = async (read: AsyncIterable<{ event?: { revision: bigint; position?: { commit: bigint } } }>) => {
      const out: string[] = [];
      for await (const { event: e } of read) out.push(`${String(e?.revision)}@${String(e?.position?.commit)}`);
      return out;
    };
    expect(await revisions(client.readStream('a', { direction: 'backwards', fromRevision: 'end', maxCount: 2 }))).toEqual(['2@3', '1@2']);
    expect(await revisions(client.readStream('a', { fromRevision: 1n }))).toEqual(['1@2', '2@3']);
    expect(await revisions(client.readAll({ fromPosition: { commit: 2n, prepare: 2n }, maxCount: 2 }))).toEqual(['1@2', '2@3']);
    expect(await revisions(client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 }))).toEqual(['0@4']);
    await expect(revisions(client.readStream('missing'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('in log mode hands out large, non-contiguous positions and interleaves system events in $all', async () => {
    const logServer = await startEsdbStandIn({ positions: 'log', seed: 7 });
    const logClient = KurrentDBClient.connectionString(logServer.url);
    try {
      for (let i = 0; i < 10; i++) await logClient.appendToStream(`cat-${i % 2}`, [event(), event()]);
      const all: { streamId: string; type: string; isJson: boolean; commit: bigint; prepare: bigint }[] = [];
      for await (const { event: e } of logClient.readAll()) {
        if (!e?.position) continue;
        all.push({ streamId: e.streamId, type: e.type, isJson: e.isJson, commit: e.position.commit, prepare: e.position.prepare });
      }
      const mine = all.filter((e) => !e.streamId.startsWith('$'));
      expect(mine).toHaveLength(20);
      expect(logServer.size).toBe(20);
      expect(all[0]).toMatchObject({ streamId: '$epoch-information', type: '$epoch', commit: 2n ** 33n });
      expect(all.some((e) => e.type === '$statsCollected')).toBe(true);
      // Link events are not JSON: a reader that does not skip system events before decoding fails on them.
      expect(all.some((e) => e.type === '$>' && e.streamId.startsWith('$ce-cat') && !e.isJson)).toBe(true);
      all.forEach((e, i) => {
        expect(e.commit).toBe(e.prepare);
        if (i > 0) expect(e.commit - (all[i - 1]?.commit ?? 0n)).toBeGreaterThan(100n);
      });
      // System events sit between the events of clients, not only before them.
      const firstMine = all.findIndex((e) => !e.streamId.startsWith('$'));
      expect(all.slice(firstMine).some((e) => e.streamId.startsWith('$'))).toBe(true);

      // Reads and subscriptions from a position: forwards inclusive, backwards and subscriptions exclusive.
      const pivot = mine[5];
      if (!pivot) throw new Error('no pivot');
      const at = { commit: pivot.commit, prepare: pivot.prepare };
      const positions = async (read: AsyncIterable<{ event?: { position?: { commit: bigint } } }>) => {
        const out: bigint[] = [];
        for await (const { event: e } of read) if (e?.position) out.push(e.position.commit);
        return out;
      };
      const index = all.findIndex((e) => e.commit === pivot.commit);
      const forwards = await positions(logClient.readAll({ fromPosition: at, maxCount: 2 }));
      expect(forwards).toEqual(all.slice(index, index + 2).map((e) => e.commit));
      const backwards = await positions(logClient.readAll({ fromPosition: at, direction: 'backwards', maxCount: 1 }));
      expect(backwards).toEqual([all[index - 1]?.commit]);
      const subscription = logClient.subscribeToAll({ fromPosition: at });
      const received: bigint[] = [];
      for await (const e of subscription) {
        if (e.event?.position) received.push(e.event.position.commit);
        if (received.length === 2) break;
      }
      await subscription.unsubscribe();
      expect(received).toEqual(all.slice(index + 1, index + 3).map((e) => e.commit));
    } finally {
      await logClient.dispose();
      await logServer.close();
    }
  });

  it('advertises BatchAppend as a 24.10 server, and the client appends through it', async () => {
    await client.appendToStream('a', [event()]);
    await client.appendToStream('a', [event()]);
    expect(server.calls).toMatchObject({ serverFeatures: 1, batchAppend: 2, append: 0 });
  });

  it('refuses an append over its limit as the server does', async () => {
    const small = await startEsdbStandIn({ maxAppendSize: 100 });
    const smallClient = KurrentDBClient.connectionString(small.url);
    try {
      const big = jsonEvent({ id: randomUUID(), type: 'T', data: { blob: 'x'.repeat(200) } });
      await expect(smallClient.appendToStream('a', [big])).rejects.toMatchObject({ maxAppendSize: 100 });
      expect(small.size).toBe(0);
    } finally {
      await smallClient.dispose();
      await small.close();
    }
  });

  // What a current server's BatchAppend answers reaches client 1.3.1 as an unknown error:
  // the adapter maps it by that message (server-size-refusal.ts), so the stand-in must produce it.
  it('refuses an event over its per-event limit as a current server does, which the client does not recognise', async () => {
    const strict = await startEsdbStandIn({ maxAppendEventSize: 100 });
    const strictClient = KurrentDBClient.connectionString(strict.url);
    try {
      const small = jsonEvent({ id: randomUUID(), type: 'T', data: { n: 1 } });
      const big = jsonEvent({ id: randomUUID(), type: 'T', data: { blob: 'x'.repeat(200) } });
      await expect(strictClient.appendToStream('a', [small, big])).rejects.toMatchObject({
        type: 'unknown',
        message: 'Could not recognize MaximumAppendEventSizeExceeded',
      });
      expect(strict.size).toBe(0);
      await strictClient.appendToStream('a', [small]);
      expect(strict.size).toBe(1);
    } finally {
      await strictClient.dispose();
      await strict.close();
    }
  });

  it('answers UNIMPLEMENTED to what it does not serve', async () => {
    await expect(client.deleteStream('a')).rejects.toThrow(/UNIMPLEMENTED|unimplemented|not implemented/i);
  });
});
