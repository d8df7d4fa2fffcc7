import { randomUUID } from 'node:crypto';
import { testing } from '@hearth/event-store';
import { EsdbEventStore, openEsdbEventStore } from './esdb-event-store';
import { startEsdbStandIn } from './testing/esdb-stand-in';

jest.setTimeout(30_000);

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
  { persistent: true, eventIdScope: 'append' },
);

// A real EventStoreDB, when one is named (see the README). Each test gets its own stream
// namespace on the shared server, so the kit's "empty storage" holds for streams; the
// kit's literal positions (1, 2, 3, …) cannot hold there: see the README.
const realUrl = process.env['HEARTH_ESDB_URL'];
if (realUrl !== undefined && realUrl.length > 0) {
  testing.runEventStoreContract(
    `EsdbEventStore (real server ${realUrl.replace(/(:\/\/)[^@/?]*@/, '$1***@')})`,
    async () => {
      const streamPrefix = `hearth-test-${randomUUID().slice(0, 8)}-`;
      return {
        store: await openEsdbEventStore(realUrl, { streamPrefix }),
        reopen: () => openEsdbEventStore(realUrl, { streamPrefix }),
        cleanup: async () => undefined,
      };
    },
    { persistent: true, eventIdScope: 'append' },
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
