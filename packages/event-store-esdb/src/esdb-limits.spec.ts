import { isAppendOverLimitError, type RecordedEvent } from '@hearth/event-store';
import * as kit from '@hearth/event-store/testing';
import { AppendSizeLimitError, eventSizeOnDisk } from './append-size';
import { openEsdbEventStore } from './open-esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';

jest.setTimeout(30_000);

const HEARTH_STREAMS = ['household-', 'divisions', 'import-'];

describe('the server append limit', () => {
  let server: EsdbStandIn;
  beforeEach(async () => {
    server = await startEsdbStandIn({ maxAppendSize: 4000 });
  });
  afterEach(() => server.close());

  const bigEvent = (bytes: number) => kit.testEvents([{ data: { blob: 'x'.repeat(bytes) } }]);

  it('refuses an event over the limit before sending it, naming the event, its size and the limit', async () => {
    const store = await openEsdbEventStore(`${server.url}&maxAppendSize=4000`);
    try {
      const [event] = bigEvent(5000);
      if (!event) throw new Error('no event');
      const before = server.calls.batchAppend;
      const error: unknown = await store.appendToStream('household-1', [event], 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendSizeLimitError);
      expect(error).toMatchObject({ streamId: 'household-1', eventId: event.eventId, size: eventSizeOnDisk(event), limit: 4000 });
      expect((error as Error).message).toMatch(/over the server's append limit of 4000 bytes.*nothing was sent/);
      // Nothing reached the server, and the batch path refuses it the same way.
      await expect(store.appendBatch([{ streamId: 'household-2', expectedVersion: 'any', events: [event] }])).rejects.toBeInstanceOf(AppendSizeLimitError);
      expect({ calls: server.calls.batchAppend - before, stored: server.size }).toEqual({ calls: 0, stored: 0 });
    } finally {
      await store.close();
    }
  });

  it('refuses an append whose events together are over the limit, and takes the same events in two appends', async () => {
    const store = await openEsdbEventStore(server.url, { maxAppendSize: 4000 });
    try {
      const events = kit.testEvents(Array.from({ length: 2 }, () => ({ data: { blob: 'y'.repeat(1900) } })));
      expect(events.reduce((sum, e) => sum + eventSizeOnDisk(e), 0)).toBeGreaterThan(4000);
      await expect(store.appendToStream('a', events, 'no_stream')).rejects.toMatchObject({ name: 'AppendSizeLimitError', eventId: undefined });
      await store.appendToStream('a', events.slice(0, 1), 'no_stream');
      await store.appendToStream('a', events.slice(1), 0);
      expect(await store.streamVersion('a')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('is counted as the server counts it: a limit set higher than the stand-in\'s is refused by the server itself', async () => {
    const store = await openEsdbEventStore(server.url, { maxAppendSize: 1_000_000 });
    try {
      await expect(store.appendToStream('a', bigEvent(5000), 'no_stream')).rejects.toMatchObject({
        name: 'AppendSizeLimitError',
        limit: 4000,
        refusedByServer: true,
        message: expect.stringMatching(/the server refused it, nothing was stored/),
      });
      expect(server.size).toBe(0);
    } finally {
      await store.close();
    }
  });
});

// A current server also refuses one event over its MaxAppendEventSize (16 MiB by default),
// which client 1.3.1 reports as an error it does not recognise.
describe("the server's per-event limit", () => {
  it('refuses an event over it as the adapter refuses an append over its own limit, naming the event, nothing stored', async () => {
    const server = await startEsdbStandIn({ maxAppendEventSize: 3000 });
    const store = await openEsdbEventStore(server.url, { maxAppendSize: 1_000_000 });
    try {
      const [small, big] = kit.testEvents([{ data: { n: 1 } }, { data: { blob: 'z'.repeat(5000) } }]);
      if (!small || !big) throw new Error('no events');
      const error: unknown = await store.appendToStream('household-1', [small, big], 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendSizeLimitError);
      expect(isAppendOverLimitError(error)).toBe(true);
      expect(error).toMatchObject({ streamId: 'household-1', eventId: big.eventId, size: eventSizeOnDisk(big), refusedByServer: true, serverLimit: 'MaxAppendEventSize' });
      expect((error as Error).message).toMatch(/over the server's limit for one event \(MaxAppendEventSize.*the server refused it, nothing was stored/);
      await expect(store.appendBatch([{ streamId: 'household-2', expectedVersion: 'any', events: [big] }])).rejects.toBeInstanceOf(AppendSizeLimitError);
      expect(server.size).toBe(0);
    } finally {
      await store.close();
      await server.close();
    }
  });
});

describe("events in $all that are not Hearth's", () => {
  it('are passed over by readAll, headPosition and a subscription; an owned event that is not JSON is still damage', async () => {
    const server = await startEsdbStandIn({ positions: 'log', seed: 3 });
    const store = await openEsdbEventStore(server.url, { ownStreamPrefixes: HEARTH_STREAMS });
    try {
      await store.appendToStream('household-1', kit.testEvents(2), 'no_stream');
      // Another application's events: binary, and JSON that is not Hearth's envelope.
      server.appendForeign('orders-7', { type: 'OrderShipped', contentType: 'application/octet-stream', data: Uint8Array.from([0xff, 0x00, 0xfe]) });
      server.appendForeign('orders-7', { type: 'OrderPaid', contentType: 'application/json', data: Buffer.from('{"amount":3}') });
      await store.appendToStream('divisions', kit.testEvents(1), 'no_stream');
      server.appendForeign('billing', { type: 'Blob', contentType: 'application/octet-stream', data: Uint8Array.from([1, 2, 3]) });

      const all = await store.readAll();
      expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['household-1@0', 'household-1@1', 'divisions@0']);
      expect(await store.headPosition()).toBe(all.at(-1)?.position);

      const seen: RecordedEvent[] = [];
      const failures: Error[] = [];
      let caughtUp!: () => void;
      const done = new Promise<void>((resolve) => (caughtUp = resolve));
      const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e), onCaughtUp: () => caughtUp(), onError: (e) => failures.push(e) });
      await done;
      server.appendForeign('orders-8', { type: 'OrderShipped', contentType: 'application/octet-stream', data: Uint8Array.from([0xff]) });
      await store.appendToStream('import-abc', kit.testEvents(1), 'no_stream');
      while (seen.length < 4 && failures.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await subscription.close();
      expect(failures).toEqual([]);
      expect(seen.map((e) => e.streamId)).toEqual(['household-1', 'household-1', 'divisions', 'import-abc']);

      // Inside Hearth's own streams a non-JSON event is not foreign: it is damage, and says where.
      server.appendForeign('household-1', { type: 'Garbled', contentType: 'application/octet-stream', data: Uint8Array.from([0]) });
      await expect(store.readAll()).rejects.toMatchObject({ name: 'DamagedEventError' });
    } finally {
      await store.close();
      await server.close();
    }
  });
});
