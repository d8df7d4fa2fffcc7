import fc from 'fast-check';
import type { RecordedEvent } from './envelope';
import type { EventStore, ReadAllOptions } from './event-store';
import { InMemoryEventStore } from './in-memory-event-store';
import { feedEventOf, readFeed, type FeedEvent } from './feed-event';
import { feedPages, logPages, type LogPagesOptions } from './log-pages';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from './testing/event-factory';
import { propertyRuns } from '@hearth/domain/testing';

/** The store, and every `readAll` asked of it through `logPages`. */
const counted = (store: EventStore): { store: Pick<EventStore, 'readAll'>; reads: ReadAllOptions[] } => {
  const reads: ReadAllOptions[] = [];
  return {
    reads,
    store: {
      readAll: (opts) => {
        reads.push({ ...opts });
        return store.readAll(opts);
      },
    },
  };
};

const pagesOf = async (store: Pick<EventStore, 'readAll'>, opts?: LogPagesOptions): Promise<RecordedEvent[][]> => {
  const pages: RecordedEvent[][] = [];
  for await (const page of logPages(store, opts)) pages.push([...page]);
  return pages;
};

const positions = (pages: readonly (readonly RecordedEvent[])[]): number[][] => pages.map((p) => p.map((e) => e.position));

/** Events 1 … n in one stream, of the types given in turn. */
const storeWith = async (types: readonly string[]): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  if (types.length > 0) await store.appendToStream('s', testEvents(types.map((type) => ({ type }))), 'no_stream');
  return store;
};

describe('logPages', () => {
  it('yields the log in full pages after `after`, stopping on the short page without another read', async () => {
    const { store, reads } = counted(await storeWith(['A', 'A', 'A', 'A', 'A']));
    expect(positions(await pagesOf(store, { pageSize: 2 }))).toEqual([[1, 2], [3, 4], [5]]);
    expect(reads).toEqual([
      { after: 0, maxCount: 2 },
      { after: 2, maxCount: 2 },
      { after: 4, maxCount: 2 },
    ]);
    reads.length = 0;
    expect(positions(await pagesOf(store, { pageSize: 2, after: 1 }))).toEqual([[2, 3], [4, 5]]);
    // The last page was full: only an empty read says the log ends there.
    expect(reads.map((r) => r.after)).toEqual([1, 3, 5]);
  });

  it('yields nothing from an empty log, or from after its end', async () => {
    const { store, reads } = counted(await storeWith([]));
    expect(await pagesOf(store)).toEqual([]);
    expect(reads).toEqual([{ after: 0, maxCount: 5000 }]);
    const two = await storeWith(['A', 'A']);
    expect(await pagesOf(two, { after: 2 })).toEqual([]);
  });

  it('passes the types filter to every read, and no `types` key when none is asked', async () => {
    const { store, reads } = counted(await storeWith(['A', 'B', 'A', 'B', 'B', 'A', 'C']));
    expect(positions(await pagesOf(store, { pageSize: 2, types: ['A', 'C'] }))).toEqual([[1, 3], [6, 7]]);
    expect(reads).toEqual([
      { after: 0, maxCount: 2, types: ['A', 'C'] },
      { after: 3, maxCount: 2, types: ['A', 'C'] },
      { after: 7, maxCount: 2, types: ['A', 'C'] },
    ]);
    expect(await pagesOf(store, { types: [] })).toEqual([]);
  });

  it('stops at `upTo`: later events are left out and no read starts at or beyond it', async () => {
    const { store, reads } = counted(await storeWith(['A', 'A', 'A', 'A', 'A', 'A', 'A']));
    expect(positions(await pagesOf(store, { pageSize: 2, upTo: 5 }))).toEqual([[1, 2], [3, 4], [5]]);
    expect(reads.map((r) => r.after)).toEqual([0, 2, 4]);
    reads.length = 0;
    expect(positions(await pagesOf(store, { pageSize: 2, upTo: 4 }))).toEqual([[1, 2], [3, 4]]);
    expect(reads.map((r) => r.after)).toEqual([0, 2]);
    reads.length = 0;
    expect(await pagesOf(store, { upTo: 0 })).toEqual([]);
    expect(await pagesOf(store, { after: 5, upTo: 5 })).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('reads no further once the caller stops', async () => {
    const { store, reads } = counted(await storeWith(['A', 'A', 'A', 'A', 'A']));
    for await (const page of logPages(store, { pageSize: 2 })) if (page.some((e) => e.position === 3)) break;
    expect(reads.map((r) => r.after)).toEqual([0, 2]);
  });

  it('refuses a page size, start or end that is not a whole number in range, before reading', async () => {
    const { store, reads } = counted(await storeWith(['A']));
    await expect(pagesOf(store, { pageSize: 0 })).rejects.toThrow(new RangeError('pageSize must be a whole number, 1 or more (got 0)'));
    await expect(pagesOf(store, { pageSize: 1.5 })).rejects.toThrow(/pageSize must be a whole number/);
    await expect(pagesOf(store, { after: -1 })).rejects.toThrow(new RangeError('after must be a whole number, 0 or more (got -1)'));
    await expect(pagesOf(store, { upTo: Number.NaN })).rejects.toThrow(/upTo must be a whole number, 0 or more/);
    expect(reads).toEqual([]);
  });

  describe.each([
    ['InMemoryEventStore', (): EventStore => new InMemoryEventStore()],
    ['SqliteEventStore', (): EventStore => SqliteEventStore.open(':memory:')],
  ])('on %s', (_name, open) => {
    it('yields exactly what one unpaged readAll returns, in full pages but the last, reading at most once past them (property)', async () => {
      const type = fc.constantFrom('A', 'B', 'C');
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.integer({ min: 0, max: 3 }), types: fc.array(type, { minLength: 1, maxLength: 4 }) }), { maxLength: 10 }),
          fc.integer({ min: 1, max: 7 }),
          fc.option(fc.subarray(['A', 'B', 'C']), { nil: undefined }),
          fc.nat({ max: 45 }),
          fc.option(fc.nat({ max: 45 }), { nil: undefined }),
          async (appends, pageSize, types, start, upTo) => {
            const store = open();
            try {
              for (const { stream, types: appended } of appends) {
                const streamId = `s${stream}`;
                const last = (await store.readStream(streamId)).at(-1);
                await store.appendToStream(streamId, testEvents(appended.map((t) => ({ type: t })), last?.metadata.hash), 'any');
              }
              const everything = await store.readAll();
              const after = Math.min(start, everything.at(-1)?.position ?? 0);
              const expected = (await store.readAll(types === undefined ? { after } : { after, types })).filter((e) => upTo === undefined || e.position <= upTo);
              const { store: reader, reads } = counted(store);
              const opts: LogPagesOptions = { pageSize, after, ...(types === undefined ? {} : { types }), ...(upTo === undefined ? {} : { upTo }) };
              const pages = await pagesOf(reader, opts);

              expect(pages.flat()).toEqual(expected);
              for (const page of pages) expect(page.length).toBeGreaterThan(0);
              for (const page of pages.slice(0, -1)) expect(page.length).toBe(pageSize);
              expect(pages.at(-1)?.length ?? 0).toBeLessThanOrEqual(pageSize);
              expect(reads.length).toBeLessThanOrEqual(Math.floor(expected.length / pageSize) + 1);
              for (const read of reads) {
                expect(read.maxCount).toBe(pageSize);
                if (upTo !== undefined) expect(read.after).toBeLessThan(upTo);
              }
            } finally {
              await store.close();
            }
          },
        ),
        propertyRuns(150, process.env),
      );
    });
  });
});

/**
 * `feedPages` walks the log as `logPages` does, through the store's `readFeed` where it has
 * one: the same events as feed events, in the same pages, with the same filter and end.
 */
describe('feedPages', () => {
  it('yields the feed events of logPages, page for page, on a store with a feed of its own and on one without', async () => {
    const types = ['A', 'B', 'A', 'C', 'A', 'B', 'A'];
    const sqlite = SqliteEventStore.open(':memory:');
    try {
      await sqlite.appendToStream('s', testEvents(types.map((type) => ({ type }))), 'no_stream');
      for (const store of [sqlite, await storeWith(types)]) {
        let feedReads = 0;
        const viaFeed = { readAll: (o?: ReadAllOptions) => store.readAll(o), readFeed: (o?: ReadAllOptions) => (feedReads++, readFeed(store, o)) };
        for (const opts of [{ pageSize: 2 }, { pageSize: 3, after: 1, upTo: 6 }, { pageSize: 2, types: ['A'] }]) {
          const fed: FeedEvent[][] = [];
          for await (const page of feedPages(viaFeed, opts)) fed.push([...page]);
          expect(fed).toEqual((await pagesOf(store, opts)).map((page) => page.map(feedEventOf)));
        }
        expect(feedReads).toBeGreaterThan(0);
      }
    } finally {
      await sqlite.close();
    }
  });
});
