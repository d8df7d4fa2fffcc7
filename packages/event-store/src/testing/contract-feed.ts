import type { RecordedEvent } from '../envelope';
import { readFeed, type FeedEvent } from '../feed-event';
import type { ReadAllOptions } from '../event-store';
import type { ContractScope } from './contract-scope';
import { lastHash, testEvents } from './event-factory';

/** What a feed event must be for a stored event: the same fields, `occurredOn` from the metadata. */
const cut = (e: RecordedEvent): FeedEvent => ({
  position: e.position,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  occurredOn: e.metadata.occurredOn,
});

/**
 * `readFeed` (the store's own, or the one cut from `readAll`): for any read options, the
 * events `readAll` returns with those options, as feed events (docs/decisions/0097).
 */
export const feedContract = (k: ContractScope): void => {
  describe('readFeed', () => {
    const seed = async (): Promise<RecordedEvent[]> => {
      const a = testEvents([
        { type: 'A', data: { text: 'braces { } and "quotes", a \\ and é', list: [1, { deep: true }] }, occurredOn: '2016-02-29' },
        { type: 'B', data: {}, occurredOn: '1999-12-31', actor: 'an "actor" {with} "occurredOn":"2001-01-01"' },
      ]);
      await k.store.appendToStream('a', a, 'no_stream');
      const sparse = ['B', 'B', 'A', 'B', 'B', 'B', 'C', 'B', 'A'];
      await k.store.appendToStream('b', testEvents(sparse.map((type, n) => ({ type, data: { n }, occurredOn: `2017-0${1 + (n % 9)}-1${n}` }))), 'no_stream');
      await k.store.appendToStream('a', testEvents([{ type: 'C', data: { n: 'last' }, occurredOn: '2018-06-30' }], lastHash(a)), 1);
      return k.store.readAll();
    };

    it('is empty on an empty store, and after the last event', async () => {
      expect(await readFeed(k.store)).toEqual([]);
      const all = await seed();
      expect(await readFeed(k.store, { after: all.at(-1)?.position ?? 0 })).toEqual([]);
    });

    it('answers what readAll answers, as feed events, for any after, maxCount and types', async () => {
      const all = await seed();
      expect(all).toHaveLength(12);
      expect(await readFeed(k.store)).toEqual(all.map(cut));
      const starts = [0, ...all.map((e) => e.position).filter((_, i) => i % 3 === 1)];
      const filters: (readonly string[] | undefined)[] = [undefined, ['A'], ['A', 'C'], ['Z'], []];
      for (const types of filters) {
        for (const after of starts) {
          for (const maxCount of [undefined, 1, 2, 5, 0]) {
            const opts: ReadAllOptions = { after, ...(maxCount === undefined ? {} : { maxCount }), ...(types === undefined ? {} : { types }) };
            const expected = (await k.store.readAll(opts)).map(cut);
            expect({ opts, feed: await readFeed(k.store, opts) }).toEqual({ opts, feed: expected });
          }
        }
      }
    });

    it('refuses the read options readAll refuses, with the same error', async () => {
      await seed();
      const outcome = (read: Promise<unknown>): Promise<unknown> => read.then(() => 'read', (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : e));
      for (const opts of [{ after: -1 }, { maxCount: 1.5 }, { after: 0.5, maxCount: 1 }]) {
        expect({ opts, feed: await outcome(readFeed(k.store, opts)) }).toEqual({ opts, feed: await outcome(k.store.readAll(opts)) });
      }
    });
  });
};
