import fc from 'fast-check';
import { SqliteEventStore } from '@hearth/event-store';
import { testEvents } from '@hearth/event-store/testing';
import { readablePages, type ReadablePage } from '../src/audit/readable-pages';
import { propertyRuns } from '@hearth/domain/testing';

/** An in-memory SQLite log of `count` events in one stream, with the rows at `damaged` positions made unreadable. */
const damagedLog = async (count: number, damaged: readonly number[]): Promise<SqliteEventStore> => {
  const store = SqliteEventStore.open(':memory:');
  if (count > 0) await store.appendToStream('s', testEvents(count), 'no_stream');
  const spoil = store.db.prepare("UPDATE events SET data = '{' WHERE position = ?");
  for (const p of damaged) spoil.run(p);
  return store;
};

const walk = async (store: SqliteEventStore, pageSize: number): Promise<ReadablePage[]> => {
  const pages: ReadablePage[] = [];
  for await (const page of readablePages(store, pageSize)) pages.push(page);
  return pages;
};

/** Each page as its readable positions, then `!p` for the damaged event that ended it. */
const shape = (pages: readonly ReadablePage[]): string[][] =>
  pages.map((p) => [...p.events.map((e) => String(e.position)), ...(p.damaged ? [`!${p.damaged.position}`] : [])]);

describe('readablePages', () => {
  it('reads on past each damaged event: a page ends on it, the next starts after it', async () => {
    const store = await damagedLog(8, [2, 3, 7]);
    try {
      expect(shape(await walk(store, 2))).toEqual([['1', '!2'], ['!3'], ['4', '5'], ['6', '!7'], ['8']]);
      expect(shape(await walk(store, 4))).toEqual([['1', '!2'], ['!3'], ['4', '5', '6', '!7'], ['8']]);
    } finally {
      await store.close();
    }
  });

  it('stops on a short page, or on an empty one after a full page', async () => {
    const full = await damagedLog(4, []);
    const empty = await damagedLog(0, []);
    try {
      expect(shape(await walk(full, 2))).toEqual([['1', '2'], ['3', '4'], []]);
      expect(shape(await walk(full, 3))).toEqual([['1', '2', '3'], ['4']]);
      expect(shape(await walk(empty, 3))).toEqual([[]]);
    } finally {
      await full.close();
      await empty.close();
    }
  });

  it('names every position once, in order, as readable or damaged, whatever the page size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 14 })), async (count, pageSize, spoilt) => {
        const damaged = new Set(spoilt.filter((p) => p <= count));
        const store = await damagedLog(count, [...damaged]);
        try {
          const pages = await walk(store, pageSize);
          const named = pages.flatMap((p) => [...p.events.map((e) => ({ at: e.position, readable: true })), ...(p.damaged ? [{ at: p.damaged.position, readable: false }] : [])]);
          expect(named).toEqual(Array.from({ length: count }, (_, i) => ({ at: i + 1, readable: !damaged.has(i + 1) })));
          for (const p of pages) expect(p.events.length).toBeLessThanOrEqual(pageSize);
        } finally {
          await store.close();
        }
      }),
      propertyRuns(100, process.env),
    );
  });
});
