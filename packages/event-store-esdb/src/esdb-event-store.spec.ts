import { randomUUID } from 'node:crypto';
import { logPages, StoreUnavailableError } from '@hearth/event-store';
import * as testing from '@hearth/event-store/testing';
import { EsdbEventStore } from './esdb-event-store';
import { openEsdbEventStore } from './open-esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';
import { NO_LISTENER_PORT } from './testing/no-listener';

jest.setTimeout(30_000);

/**
 * The stand-in advertises BatchAppend as a 23.10+ server does, so the client appends through
 * its shared batch stream; a kit run that reached the legacy Append call fails here.
 */
const closeAfterBatchAppendsOnly = async (server: EsdbStandIn): Promise<void> => {
  const { append } = server.calls;
  await server.close();
  expect({ legacyAppendCalls: append }).toEqual({ legacyAppendCalls: 0 });
};

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
      cleanup: () => closeAfterBatchAppendsOnly(server),
    };
  },
  { persistent: true, limitsAppends: true, eventIdScope: 'append', contiguousPositions: true, atomicBatches: false },
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
      cleanup: () => closeAfterBatchAppendsOnly(server),
    };
  },
  { persistent: true, limitsAppends: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
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
afterAll(async () => {
  if (shared) await closeAfterBatchAppendsOnly(shared);
});
testing.runEventStoreContract(
  'EsdbEventStore (shared wire stand-in, one stream namespace per test)',
  namespacedFixture(() => {
    if (!shared) throw new Error('the shared stand-in is not started');
    return shared.url;
  }),
  { persistent: true, limitsAppends: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
);

// 4. A real EventStoreDB, when one is named (see the README).
const realUrl = process.env['HEARTH_ESDB_URL'];
if (realUrl !== undefined && realUrl.length > 0) {
  testing.runEventStoreContract(
    `EsdbEventStore (real server ${realUrl.replace(/(:\/\/)[^@/?]*@/, '$1***@')})`,
    namespacedFixture(() => realUrl),
    { persistent: true, limitsAppends: true, eventIdScope: 'append', contiguousPositions: false, atomicBatches: false },
  );
}

describe('EsdbEventStore on the stand-in, beyond the contract', () => {
  it('appends through BatchAppend, and through Append on a server that does not advertise it', async () => {
    const current = await startEsdbStandIn();
    const old = await startEsdbStandIn({ features: 'none' });
    const stores = [await openEsdbEventStore(current.url), await openEsdbEventStore(old.url)];
    try {
      for (const store of stores) {
        await store.appendToStream('a', testing.testEvents(2), 'no_stream');
        await store.appendBatch([
          { streamId: 'a', expectedVersion: 1, events: testing.testEvents(1) },
          { streamId: 'b', expectedVersion: 'no_stream', events: testing.testEvents(1) },
        ]);
        expect((await store.readAll()).map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@0', 'a@1', 'a@2', 'b@0']);
      }
      expect({ batchAppend: current.calls.batchAppend, append: current.calls.append }).toEqual({ batchAppend: 3, append: 0 });
      expect({ batchAppend: old.calls.batchAppend, append: old.calls.append }).toEqual({ batchAppend: 0, append: 3 });
    } finally {
      for (const store of stores) await store.close();
      await current.close();
      await old.close();
    }
  });

  it('lets exactly one of several clients win a race on the same expected version, through BatchAppend', async () => {
    const server = await startEsdbStandIn();
    const clients = await Promise.all(Array.from({ length: 6 }, () => openEsdbEventStore(server.url)));
    try {
      await clients[0]?.appendToStream('race', testing.testEvents(1), 'no_stream');
      const outcomes = await Promise.allSettled(clients.map((store) => store.appendToStream('race', testing.testEvents(1), 0)));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const error of lost) expect(error).toMatchObject({ name: 'WrongExpectedVersionError', streamId: 'race', expected: 0, actual: 1 });
      expect(await clients[1]?.streamVersion('race')).toBe(1);
      expect(server.calls).toMatchObject({ append: 0, batchAppend: 7 });
    } finally {
      for (const store of clients) await store.close();
      await server.close();
    }
  });

  it('catches up over thousands of events, says so once, then delivers live appends', async () => {
    const server = await startEsdbStandIn({ positions: 'log', seed: 42 });
    const store = await openEsdbEventStore(server.url);
    try {
      for (let chunk = 0; chunk < 6; chunk++) await store.appendToStream(`s-${chunk % 3}`, testing.testEvents(500), 'any');
      const collector = testing.eventCollector();
      const caughtUpAt: number[] = [];
      let caughtUp!: () => void;
      const done = new Promise<void>((resolve) => (caughtUp = resolve));
      const subscription = store.subscribeToAll({
        onEvent: collector.onEvent,
        onCaughtUp: () => {
          caughtUpAt.push(collector.events.length);
          caughtUp();
        },
      });
      await done;
      for (let i = 0; i < 5; i++) await store.appendToStream('live', testing.testEvents(2), 'any');
      await collector.until(3010);
      await subscription.close();
      expect(caughtUpAt).toEqual([3000]);
      expect(collector.events).toEqual(await store.readAll());
      expect(collector.events.slice(-10).every((e) => e.streamId === 'live')).toBe(true);
    } finally {
      await store.close();
      await server.close();
    }
  });

  it('fills a filtered page across its own reads of $all, so a short page is the end (readPageSize 3, system and foreign events between)', async () => {
    const server = await startEsdbStandIn({ positions: 'log', seed: 7 });
    const plain = await openEsdbEventStore(server.url, { readPageSize: 3 });
    const spaced = await openEsdbEventStore(server.url, { readPageSize: 3, streamPrefix: 'n-' });
    const foreign = await openEsdbEventStore(server.url, { streamPrefix: 'other-' });
    try {
      const sparse = (n: number): testing.TestEventSpec[] => Array.from({ length: n }, (_, i) => ({ type: i % 5 === 0 ? 'A' : 'B' }));
      for (const store of [plain, spaced]) {
        await store.appendToStream('s', testing.testEvents(sparse(9)), 'no_stream');
        await foreign.appendToStream(`f-${store === plain ? 1 : 2}`, testing.testEvents(Array.from({ length: 4 }, () => ({ type: 'A' }))), 'no_stream');
        await store.appendToStream('t', testing.testEvents(sparse(4)), 'no_stream');
      }
      for (const store of [plain, spaced]) {
        const all = await store.readAll();
        for (const types of [undefined, ['A']]) {
          const matching = types === undefined ? all : all.filter((e) => types.includes(e.type));
          for (const after of [0, ...all.filter((_, i) => i % 3 === 1).map((e) => e.position)]) {
            const rest = matching.filter((e) => e.position > after);
            for (const maxCount of [1, 2, 3]) {
              const page = await store.readAll(types === undefined ? { after, maxCount } : { after, maxCount, types });
              expect(page.map((e) => e.position)).toEqual(rest.slice(0, maxCount).map((e) => e.position));
            }
          }
          const paged: number[] = [];
          for await (const page of logPages(store, types === undefined ? { pageSize: 2 } : { pageSize: 2, types })) paged.push(...page.map((e) => e.position));
          expect(paged).toEqual(matching.map((e) => e.position));
        }
      }
    } finally {
      for (const store of [plain, spaced, foreign]) await store.close();
      await server.close();
    }
  });

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

  // The server stores Guid.ToString(), lower case: an upper-case id would come back as
  // another id than the one hashed into the chain, and the stream would fail to verify.
  it('refuses an event id in upper case before sending anything, naming it', async () => {
    const server = await startEsdbStandIn();
    const store = await openEsdbEventStore(server.url);
    try {
      const [event] = testing.testEvents(1);
      if (!event) throw new Error('no event');
      const shouted = { ...event, eventId: '0190F5A2-7C3B-7D4E-8F10-ABCDEF012345' };
      const refused: unknown = await store.appendToStream('a', [shouted], 'any').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TypeError);
      expect((refused as Error).message).toContain(shouted.eventId);
      await expect(store.appendBatch([{ streamId: 'b', expectedVersion: 'any', events: [shouted] }])).rejects.toBeInstanceOf(TypeError);
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
    await expect(openEsdbEventStore(`kurrentdb://127.0.0.1:${NO_LISTENER_PORT}?tls=false&defaultDeadline=2000`)).rejects.toThrow(StoreUnavailableError);
  });

  it('connect() rejects a url that is not kurrentdb:// or esdb://', () => {
    expect(() => EsdbEventStore.connect('sqlite:./x.db')).toThrow(/not a KurrentDB \/ EventStoreDB url/);
  });
});
