import { DuplicateEventIdError } from '../duplicate-event-id-error';
import type { RecordedEvent } from '../envelope';
import { verifyStream } from '../hash-chain';
import { WrongExpectedVersionError } from '../wrong-expected-version-error';
import { expectStrictlyIncreasing, positionsOf } from './contract-positions';
import type { ContractScope } from './contract-scope';
import { lastHash, testEvents } from './event-factory';

/** `appendBatch`: several streams in one call, atomic or in order up to a failure. */
export const batchContract = (k: ContractScope): void => {
  describe('appendBatch', () => {
    it('applies appends in order, one result each', async () => {
      await k.store.appendToStream('a', testEvents(1), 'no_stream');
      const results = await k.store.appendBatch([
        { streamId: 'a', expectedVersion: 0, events: testEvents(2) },
        { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) },
      ]);
      const all = await k.store.readAll();
      expect(results).toEqual([
        { nextExpectedVersion: 2, lastPosition: all[2]?.position },
        { nextExpectedVersion: 0, lastPosition: all[3]?.position },
      ]);
      expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@0', 'a@1', 'a@2', 'b@0']);
      expectStrictlyIncreasing(positionsOf(all));
      if (k.contiguous) expect(results.map((r) => r.lastPosition)).toEqual([3, 4]);
    });

    it('checks each append against the state the previous ones left (same stream twice)', async () => {
      const first = testEvents(2);
      const second = testEvents(1, lastHash(first));
      const results = await k.store.appendBatch([
        { streamId: 'a', expectedVersion: 'no_stream', events: first },
        { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) },
        { streamId: 'a', expectedVersion: 1, events: second },
      ]);
      expect(results.map((r) => r.nextExpectedVersion)).toEqual([1, 0, 2]);
      expect(verifyStream(await k.store.readStream('a'))).toEqual({ ok: true });
    });

    it(`says whether a failed batch stores nothing (atomicBatches: ${k.atomic})`, () => {
      expect(k.store.atomicBatches).toBe(k.atomic);
    });

    /**
     * Atomic: the batch left no trace. Not atomic: what it left is the appends before some
     * point, whole and in order (never a later append without the earlier ones).
     */
    const expectNothingOrAPrefix = async (before: readonly RecordedEvent[], appends: readonly { streamId: string; events: readonly { eventId: string }[] }[]): Promise<void> => {
      const after = await k.store.readAll();
      expect(after.slice(0, before.length)).toEqual(before);
      const added = after.slice(before.length).map((e) => `${e.streamId}/${e.eventId}`);
      const batch = appends.flatMap((a) => a.events.map((e) => `${a.streamId}/${e.eventId}`));
      if (k.atomic) expect(added).toEqual([]);
      else expect(added).toEqual(batch.slice(0, added.length));
    };

    it('checks a version (an append of no event) against what the batch wrote before it', async () => {
      const first = testEvents(2);
      const results = await k.store.appendBatch([
        { streamId: 'a', expectedVersion: 'no_stream', events: first },
        { streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) },
        { streamId: 'a', expectedVersion: 1, events: [] },
        { streamId: 'a', expectedVersion: 'stream_exists', events: testEvents(1, lastHash(first)) },
        { streamId: 'a', expectedVersion: 2, events: [] },
      ]);
      const all = await k.store.readAll();
      const positionOf = (streamId: string, version: number) => all.find((e) => e.streamId === streamId && e.streamVersion === version)?.position;
      expect(results).toEqual([
        { nextExpectedVersion: 1, lastPosition: positionOf('a', 1) },
        { nextExpectedVersion: 0, lastPosition: positionOf('b', 0) },
        { nextExpectedVersion: 1, lastPosition: positionOf('a', 1) },
        { nextExpectedVersion: 2, lastPosition: positionOf('a', 2) },
        { nextExpectedVersion: 2, lastPosition: positionOf('a', 2) },
      ]);
      const before = await k.store.readAll();
      const stale = [
        { streamId: 'c', expectedVersion: 'no_stream' as const, events: testEvents(1) },
        { streamId: 'c', expectedVersion: 'no_stream' as const, events: [] },
      ];
      await expect(k.store.appendBatch(stale)).rejects.toMatchObject({ streamId: 'c', expected: 'no_stream', actual: 0 });
      await expectNothingOrAPrefix(before, stale);
    });

    it(`is ${k.atomic ? 'all-or-nothing' : 'in order up to the failure'}: one wrong expected version`, async () => {
      await k.store.appendToStream('a', testEvents(1), 'no_stream');
      const before = await k.store.readAll();
      const appends = [
        { streamId: 'b', expectedVersion: 'no_stream' as const, events: testEvents(3) },
        { streamId: 'a', expectedVersion: 0, events: testEvents(1) },
        { streamId: 'c', expectedVersion: 'no_stream' as const, events: testEvents(1) },
        { streamId: 'a', expectedVersion: 0, events: testEvents(1) },
      ];
      await expect(k.store.appendBatch(appends)).rejects.toMatchObject({ streamId: 'a', expected: 0, actual: 1 });
      await expectNothingOrAPrefix(before, appends);
      if (k.atomic) {
        expect(await k.store.streamVersion('b')).toBe(-1);
        expect(await k.store.streamVersion('c')).toBe(-1);
      }
    });

    it(`is ${k.atomic ? 'all-or-nothing' : 'in order up to the failure'} on a duplicate eventId too`, async () => {
      const [stored] = testEvents(1);
      if (!stored) throw new Error('no event');
      await k.store.appendToStream('a', [stored], 'no_stream');
      const before = await k.store.readAll();
      // Store-wide: an id already stored; append-scoped: an id used twice within the batch.
      const [twin] = testEvents(1);
      if (!twin) throw new Error('no event');
      const appends = [
        { streamId: 'b', expectedVersion: 'any' as const, events: k.storeWide ? testEvents(2) : [twin] },
        { streamId: 'c', expectedVersion: 'any' as const, events: [k.storeWide ? stored : twin] },
      ];
      await expect(k.store.appendBatch(appends)).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expectNothingOrAPrefix(before, appends);
    });

    it('keeps positions usable after a failed batch', async () => {
      await expect(
        k.store.appendBatch([
          { streamId: 'a', expectedVersion: 'no_stream', events: testEvents(2) },
          { streamId: 'a', expectedVersion: 'no_stream', events: testEvents(1) },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await k.store.appendToStream('a', testEvents(1), 'no_stream');
      const [event] = await k.store.readAll();
      expect(event?.position).toBeGreaterThan(0);
      expect(event?.streamVersion).toBe(0);
    });
  });
};
