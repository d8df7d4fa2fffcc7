import { randomUUID } from 'node:crypto';
import { testing } from '@hearth/event-store';
import { EsdbEventStore, openEsdbEventStore } from './esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';

jest.setTimeout(30_000);

// 1. The simple stand-in: $all numbered 1, 2, 3, …, no system events. The adapter hands
//    those numbers through unchanged, so the kit's literal positions are checked too.
testing.runEventStoreContract(
  'EsdbEventStore (wire stand-in)',
  async () => {
    const server = await startEsdbStandIn();
    return {
      store: await openEsdbEventStore(server.url),
      // Another client on the same server: the data is the server's, not the client's.
      reopen: () => openEsdbEventStore(server.url),
      cleanup: () => server.close(),
    };
  },
  { persistent: true, eventIdScope: 'append', contiguousPositions: true, atomicBatches: false },
);

// 2. The stand-in in log mode: positions are byte-offset-like (from 2^33, with gaps) and
//    $-system and link events are interleaved in $all, as on a real server.
let seed = 0;
testing.runEventStoreContract(
  'EsdbEventStore (wire stand-in, log positions and system events)',
  async () => {
    seed += 1;
    const server = await startEsdbStandIn({ positions: 'log', seed });
    return {
      store: await openEsdbEventStore(server.url),
      reopen: () => openEsdbEventStore(server.url),
      cleanup: () => server.close(),
    };
  },
  { persistent: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
);

/**
 * The kit on a server it shares with every other test (a real server cannot be emptied):
 * each test gets its own stream namespace, so the kit's "empty storage" holds for what the
 * store sees, while `$all` holds everything the earlier tests wrote.
 */
const namespacedFixture = (url: () => string) => async (): Promise<testing.EventStoreFixture> => {
  const streamPrefix = `hearth-test-${randomUUID().slice(0, 8)}-`;
  return {
    store: await openEsdbEventStore(url(), { streamPrefix }),
    reopen: () => openEsdbEventStore(url(), { streamPrefix }),
    cleanup: async () => undefined,
  };
};

// 3. What the real-server run below does, on one shared stand-in in log mode.
let shared: EsdbStandIn | undefined;
beforeAll(async () => {
  shared = await startEsdbStandIn({ positions: 'log', seed: 1000 });
});
afterAll(() => shared?.close());
testing.runEventStoreContract(
  'EsdbEventStore (shared wire stand-in, one stream namespace per test)',
  namespacedFixture(() => {
    if (!shared) throw new Error('the shared stand-in is not started');
    return shared.url;
  }),
  { persistent: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
);

// 4. A real EventStoreDB, when one is named (see the README).
const realUrl = process.env['HEARTH_ESDB_URL'];
if (realUrl !== undefined && realUrl.length > 0) {
  testing.runEventStoreContract(
    `EsdbEventStore (real server ${realUrl.replace(/(:\/\/)[^@/?]*@/, '$1***@')})`,
    namespacedFixture(() => realUrl),
    { persistent: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
  );
}

describe('EsdbEventStore on the stand-in, beyond the contract', () => {
  it('refuses an event id that is not a uuid before sending anything', async () => {
    const server = await startEsdbStandIn();
    const store = await openEsdbEventStore(server.url);
    try {
      const [event] = testing.testEvents(1);
      if (!event) throw new Error('no event');
      await expect(store.appendToStream('a', [{ ...event, eventId: 'not-a-uuid' }], 'any')).rejects.toBeInstanceOf(TypeError);
      expect(server.size).toBe(0);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('keeps namespaces apart on one server', async () => {
    const server = await startEsdbStandIn();
    const one = await openEsdbEventStore(server.url, { streamPrefix: 'one-' });
    const two = await openEsdbEventStore(server.url, { streamPrefix: 'two-' });
    try {
      await one.appendToStream('a', testing.testEvents(2), 'no_stream');
      await two.appendToStream('a', testing.testEvents(1), 'no_stream');
      expect((await one.readAll()).map((e) => e.streamId)).toEqual(['a', 'a']);
      expect((await two.readAll()).map((e) => [e.streamId, e.position])).toEqual([['a', 3]]);
      expect(await two.streamVersion('a')).toBe(0);
    } finally {
      await one.close();
      await two.close();
      await server.close();
    }
  });

  it('fails to open when nothing listens', async () => {
    const server = await startEsdbStandIn();
    const url = server.url;
    await server.close();
    await expect(openEsdbEventStore(url.replace('?tls=false', '?tls=false&defaultDeadline=2000'))).rejects.toThrow();
  });

  it('connect() rejects a url that is not esdb://', () => {
    expect(() => EsdbEventStore.connect('sqlite:./x.db')).toThrow(/not an EventStoreDB url/);
  });
});
