import type { StreamCursor } from '../event-store';
import { readFeed, type FeedEvent } from '../feed-event';
import type { ContractScope } from './contract-scope';
import { lastHash, testEvents } from './event-factory';

/** Every page of a read stream by stream up to `upTo`, `maxCount` events a page, until one comes back short. */
const readAllPages = async (k: ContractScope, upTo: number, maxCount: number): Promise<FeedEvent[]> => {
  const reader = k.store.streamOrderedFeed;
  if (reader === undefined) throw new Error('no streamOrderedFeed');
  const out: FeedEvent[] = [];
  let after: StreamCursor | undefined;
  for (;;) {
    const page = await reader.readFeedByStream({ upTo, maxCount, ...(after === undefined ? {} : { after }) });
    out.push(...page);
    const last = page.at(-1);
    if (page.length < maxCount || last === undefined) return out;
    after = { streamId: last.streamId, version: last.streamVersion };
  }
};

/**
 * `streamOrderedFeed` (docs/decisions/0119): the feed events `readFeed` gives up to a
 * position, each exactly once, a stream's events together and in version order, in pages
 * that resume after the last event read. Adapters that do not offer it must not claim it.
 */
export const streamOrderedFeedContract = (k: ContractScope): void => {
  describe('readFeedByStream', () => {
    it(k.options.readsByStream ? 'reads every event up to a position once, stream after stream, in pages, and refuses what readFeed refuses' : 'does not claim to read stream by stream (no streamOrderedFeed)', async () => {
      if (!k.options.readsByStream || k.store.streamOrderedFeed === undefined) {
        expect({ offered: k.store.streamOrderedFeed !== undefined }).toEqual({ offered: k.options.readsByStream === true });
        return;
      }
      expect(await readAllPages(k, 1_000_000, 3)).toEqual([]);
      // Three streams written interleaved, as a ledger kept day by day writes households.
      const a = testEvents([{ type: 'A', data: { n: 0 } }, { type: 'B', data: { n: 1 } }]);
      const b = testEvents([{ type: 'A', data: { n: 2 } }]);
      const c = testEvents([{ type: 'C', data: { n: 3 } }]);
      await k.store.appendToStream('s-b', b, 'no_stream');
      await k.store.appendToStream('s-c', c, 'no_stream');
      await k.store.appendToStream('s-a', a, 'no_stream');
      await k.store.appendToStream('s-c', testEvents([{ type: 'C', data: { n: 4 } }], lastHash(c)), 0);
      await k.store.appendToStream('s-b', testEvents([{ type: 'B', data: { n: 6 } }], lastHash(b)), 0);
      const all = await readFeed(k.store);
      expect(all).toHaveLength(6);
      const byPosition = (x: FeedEvent, y: FeedEvent): number => x.position - y.position;
      for (const upTo of [0, ...all.map((e) => e.position)]) {
        const expected = all.filter((e) => e.position <= upTo);
        for (const maxCount of [1, 2, 3, 7, 100]) {
          const read = await readAllPages(k, upTo, maxCount);
          const where = { upTo, maxCount };
          // Exactly the events up to the position, each once, as readFeed gives them.
          expect({ where, events: [...read].sort(byPosition) }).toEqual({ where, events: expected });
          // A stream's events together, in version order.
          const streams = read.map((e) => e.streamId).filter((s, i, xs) => i === 0 || xs[i - 1] !== s);
          expect({ where, streams: new Set(streams).size }).toEqual({ where, streams: streams.length });
          for (const s of new Set(streams)) {
            const versions = read.filter((e) => e.streamId === s).map((e) => e.streamVersion);
            expect({ where, s, versions }).toEqual({ where, s, versions: versions.map((_, i) => i) });
          }
        }
      }
      // The counts and positions readFeed refuses.
      for (const bad of [{ upTo: 10, maxCount: 1.5 }, { upTo: 10, maxCount: -1 }, { upTo: -1, maxCount: 1 }])
        await expect(k.store.streamOrderedFeed.readFeedByStream(bad)).rejects.toBeInstanceOf(RangeError);
    });

  });
};
