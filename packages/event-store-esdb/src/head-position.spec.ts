import * as kit from '@hearth/event-store/testing';
import { openEsdbEventStore } from './open-esdb-event-store';
import { headPageSizes } from './head-position';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';

jest.setTimeout(30_000);

const firstSizes = (pageSize: number, n: number): number[] => {
  const out: number[] = [];
  for (const size of headPageSizes(pageSize)) {
    out.push(size);
    if (out.length === n) return out;
  }
  return out;
};

describe("the log's head on KurrentDB", () => {
  let server: EsdbStandIn;
  beforeEach(async () => {
    server = await startEsdbStandIn();
  });
  afterEach(() => server.close());

  it('searches backwards in pages of 1, 16, 256, … up to the page size', () => {
    expect(firstSizes(1000, 6)).toEqual([1, 16, 256, 1000, 1000, 1000]);
    expect(firstSizes(2, 3)).toEqual([1, 2, 2]);
  });

  it('is found by reading one event when the newest event in $all is the store\'s (a status line asks for it every few seconds)', async () => {
    const store = await openEsdbEventStore(server.url);
    try {
      for (let i = 0; i < 5; i++) await store.appendToStream(`household-${i}`, kit.testEvents(10), 'no_stream');
      const last = (await store.readAll()).at(-1)?.position;
      const before = server.calls.eventsRead;
      expect(await store.headPosition()).toBe(last);
      expect(server.calls.eventsRead - before).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("reads further back, in larger pages, past newer events the filter lets through that are not the store's", async () => {
    const store = await openEsdbEventStore(server.url);
    try {
      await store.appendToStream('household-1', kit.testEvents(3), 'no_stream');
      const last = (await store.readAll()).at(-1)?.position;
      // A system stream's events with ordinary types pass the server-side type filter; the adapter passes them over.
      const data = Buffer.from('{"n":1}');
      for (let i = 0; i < 40; i++) server.appendForeign('$metrics', { type: 'Sample', contentType: 'application/json', data });
      const before = server.calls.eventsRead;
      expect(await store.headPosition()).toBe(last);
      // Pages of 1 and 16 hold only the 40 others; the page of 256 reaches the store's newest event.
      expect(server.calls.eventsRead - before).toBe(1 + 16 + 23 + 3);
    } finally {
      await store.close();
    }
  });

  it('is 0 for a log with none of the store\'s events', async () => {
    const store = await openEsdbEventStore(server.url);
    try {
      expect(await store.headPosition()).toBe(0);
      server.appendForeign('$metrics', { type: 'Sample', contentType: 'application/json', data: Buffer.from('{}') });
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
