import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';

// The stand-in as the real client sees it, without the adapter in between.
describe('the EventStoreDB stand-in', () => {
  let server: EsdbStandIn;
  let client: EventStoreDBClient;

  beforeEach(async () => {
    server = await startEsdbStandIn();
    client = EventStoreDBClient.connectionString(server.url);
  });

  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  const event = (id = randomUUID()) => jsonEvent({ id, type: 'T', data: { id } });

  it('treats the same ids appended again at the same place as an idempotent success, like EventStoreDB', async () => {
    const events = [event(), event()];
    const first = await client.appendToStream('s', events, { expectedRevision: 'no_stream' });
    const again = await client.appendToStream('s', events, { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    await client.appendToStream('s', events, { expectedRevision: 'any' });
    expect(server.size).toBe(2);
    // A partial repeat is refused ("corrupted idempotency").
    await expect(client.appendToStream('s', [events[0] ?? event(), event()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    // The same id in another stream is a new event to EventStoreDB.
    await client.appendToStream('t', [events[0] ?? event()], { expectedRevision: 'any' });
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

  it('answers UNIMPLEMENTED to what it does not serve', async () => {
    await expect(client.deleteStream('a')).rejects.toThrow(/UNIMPLEMENTED|unimplemented|not implemented/i);
  });
});
