import type { RecordedEvent } from '../envelope';
import { WrongExpectedVersionError } from '../wrong-expected-version-error';
import { expectStrictlyIncreasing, positionsOf, positionAt } from './contract-positions';
import type { ContractScope } from './contract-scope';
import { testEvents } from './event-factory';
import { propertyRuns } from '@hearth/domain/testing';

/** `readAll`: the whole log in position order, paged and filtered by type. */
export const readAllContract = (k: ContractScope): void => {
  describe('readAll', () => {
    const seed = async (): Promise<RecordedEvent[]> => {
      await k.store.appendToStream('a', testEvents([{ type: 'A' }, { type: 'B' }]), 'no_stream');
      await k.store.appendToStream('b', testEvents([{ type: 'C' }, { type: 'A' }, { type: 'B' }]), 'no_stream');
      await k.store.appendToStream('a', testEvents([{ type: 'C' }], (await k.store.readStream('a')).at(-1)?.metadata.hash), 1);
      return k.store.readAll();
    };

    it('returns every event in strictly increasing position order', async () => {
      const all = await seed();
      expect(all).toHaveLength(6);
      expectStrictlyIncreasing(positionsOf(all));
      if (k.contiguous) expect(positionsOf(all)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@0', 'a@1', 'b@0', 'b@1', 'b@2', 'a@2']);
    });

    it(k.options.countsPositions ? 'counts the positions it hands out (issuedPositions)' : 'does not claim to count positions (no issuedPositions)', async () => {
      if (!k.options.countsPositions || !k.store.issuedPositions) {
        expect({ offered: k.store.issuedPositions !== undefined }).toEqual({ offered: k.options.countsPositions === true });
        return;
      }
      expect(await k.store.issuedPositions.highest()).toBe(0);
      const all = await seed();
      expect(await k.store.issuedPositions.highest()).toBe(positionAt(all, all.length - 1));
      // A refused append hands out nothing.
      await expect(k.store.appendToStream('a', testEvents(1), 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await k.store.issuedPositions.highest()).toBe(positionAt(all, all.length - 1));
    });

    it('treats `after` as exclusive, from any position it handed out', async () => {
      const all = await seed();
      for (const [i, event] of all.entries()) {
        expect(await k.store.readAll({ after: event.position })).toEqual(all.slice(i + 1));
      }
      if (k.contiguous) expect(positionsOf(await k.store.readAll({ after: 2 }))).toEqual([3, 4, 5, 6]);
      expect(await k.store.readAll({ after: 0 })).toEqual(all);
    });

    it('pages with maxCount from observed positions, covering every event once', async () => {
      const all = await seed();
      const pagesFrom = async (start: number, maxCount: number): Promise<RecordedEvent[][]> => {
        const pages: RecordedEvent[][] = [];
        let after = start;
        for (;;) {
          const page = await k.store.readAll({ after, maxCount });
          if (page.length === 0) return pages;
          expect(page.length).toBeLessThanOrEqual(maxCount);
          pages.push(page);
          after = page.at(-1)?.position ?? after;
        }
      };
      const fours = await pagesFrom(0, 4);
      expect(fours.map((p) => p.length)).toEqual([4, 2]);
      expect(fours.flat()).toEqual(all);
      for (const maxCount of [1, 2, 5, 6, 7]) expect((await pagesFrom(0, maxCount)).flat()).toEqual(all);
      const fromSecond = await pagesFrom(positionAt(all, 1), 3);
      expect(fromSecond.map((p) => p.length)).toEqual([3, 1]);
      expect(fromSecond.flat()).toEqual(all.slice(2));
      expect(await k.store.readAll({ after: positionAt(all, 1), maxCount: 0 })).toEqual([]);
    });

    it('names the head: 0 when empty, then the position of the last event appended', async () => {
      expect(await k.store.headPosition()).toBe(0);
      const all = await seed();
      expect(await k.store.headPosition()).toBe(all.at(-1)?.position);
      const more = await k.store.appendToStream('c', testEvents([{ type: 'A' }]), 'no_stream');
      expect(await k.store.headPosition()).toBe(more.lastPosition);
      expect(more.lastPosition).toBeGreaterThan(all.at(-1)?.position ?? 0);
    });

    it('filters by type, after and maxCount included', async () => {
      const all = await seed();
      const aOrC = all.filter((e) => e.type === 'A' || e.type === 'C');
      expect(await k.store.readAll({ types: ['A', 'C'] })).toEqual(aOrC);
      expect(aOrC.map((e) => e.type)).toEqual(['A', 'C', 'A', 'C']);
      // After b@0 (a C, the 3rd event): the next A or C is b@1.
      const after = positionAt(all, 2);
      expect(await k.store.readAll({ types: ['A', 'C'], after, maxCount: 1 })).toEqual([all[3]]);
      expect(await k.store.readAll({ types: ['A', 'C'], after })).toEqual([all[3], all[5]]);
      // `after` on an event the filter excludes (a@1, a B) is as good a starting point.
      expect(await k.store.readAll({ types: ['C'], after: positionAt(all, 1) })).toEqual([all[2], all[5]]);
      if (k.contiguous) expect(positionsOf(await k.store.readAll({ types: ['A', 'C'], after: 3, maxCount: 1 }))).toEqual([4]);
      expect(await k.store.readAll({ types: ['Z'] })).toEqual([]);
      expect(await k.store.readAll({ types: [] })).toEqual([]);
    });

    it('returns fewer than maxCount only when no more events match, with a types filter too (a short page is the end)', async () => {
      // The As lie far apart among Bs: an adapter that pages inside a filtered read must
      // not hand back what one inner page happened to hold.
      const sparse = ['A', 'B', 'B', 'B', 'B', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'A'];
      await k.store.appendToStream('s', testEvents(sparse.map((type) => ({ type }))), 'no_stream');
      await k.store.appendToStream('t', testEvents([{ type: 'B' }, { type: 'B' }, { type: 'A' }]), 'no_stream');
      const all = await k.store.readAll();
      expect(all).toHaveLength(sparse.length + 3);
      // From the start and from every other event (a read over the wire costs a round trip).
      const starts = [0, ...positionsOf(all).filter((_, i) => i % 2 === 0)];
      for (const types of [undefined, ['A'], ['A', 'C']]) {
        const matching = types === undefined ? all : all.filter((e) => types.includes(e.type));
        for (const after of starts) {
          const rest = matching.filter((e) => e.position > after);
          for (const maxCount of [1, 3]) {
            const page = await k.store.readAll(types === undefined ? { after, maxCount } : { after, maxCount, types });
            expect({ types, after, maxCount, page: positionsOf(page) }).toEqual({ types, after, maxCount, page: positionsOf(rest.slice(0, maxCount)) });
          }
        }
      }
    });

    it('matches a model for any sequence of appends (property)', async () => {
      // Loaded here, not at the top: the kit is reachable from the package index, and
      // production code importing @hearth/event-k.store must not need a dev dependency.
      const { default: fc } = await import('fast-check');
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 0, max: 4 }) }), {
            maxLength: 12,
          }),
          async (appends) => {
            run += 1;
            const start = (await k.store.readAll()).at(-1)?.position ?? 0;
            const expected: string[] = [];
            const versions = new Map<string, number>();
            for (const { stream, count } of appends) {
              const streamId = `p${run}-${stream}`;
              const events = testEvents(count);
              await k.store.appendToStream(streamId, events, 'any');
              const base = versions.get(streamId) ?? -1;
              events.forEach((_, i) => expected.push(`${streamId}@${base + 1 + i}`));
              versions.set(streamId, base + count);
            }
            const read = await k.store.readAll({ after: start });
            expect(read.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(expected);
            read.forEach((e, i) => expect(e.position).toBeGreaterThan(i === 0 ? start : (read[i - 1]?.position ?? 0)));
          },
        ),
        propertyRuns(25, process.env),
      );
    });
  });
};
