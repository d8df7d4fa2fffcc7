import { DuplicateEventIdError } from '../duplicate-event-id-error';
import type { ExpectedVersion } from '../event-store';
import { WrongExpectedVersionError } from '../wrong-expected-version-error';
import { expectStrictlyIncreasing, positionsOf } from './contract-positions';
import type { ContractScope } from './contract-scope';
import { testEvents } from './event-factory';

/** Appending to and reading one stream, and the expected-version check. */
export const streamContract = (k: ContractScope): void => {
  describe('appending and reading a stream', () => {
    const positionsPhrase = k.contiguous ? 'global positions from 1' : 'strictly increasing global positions';
    it(`stores events in order with 0-based versions and ${positionsPhrase}`, async () => {
      const events = testEvents(3);
      const result = await k.store.appendToStream('s-1', events, 'no_stream');
      const read = await k.store.readStream('s-1');
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(read.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
      expectStrictlyIncreasing(positionsOf(read));
      if (k.contiguous) expect(positionsOf(read)).toEqual([1, 2, 3]);
      expect(read.every((e) => e.streamId === 's-1')).toBe(true);
      expect(result).toEqual({ nextExpectedVersion: 2, lastPosition: read[2]?.position });
      expect(positionsOf(await k.store.readAll())).toEqual(positionsOf(read));
      expect(await k.store.streamVersion('s-1')).toBe(2);
    });

    it('gives back type, data and metadata exactly as appended', async () => {
      const [event] = testEvents([
        { type: 'Odd', data: { zeta: [1, 'two', null, { b: true, a: 0.1 }], alpha: 'ünïcødé ✓', big: 1e21 } },
      ]);
      if (!event) throw new Error('no event');
      const withOptional = {
        ...event,
        metadata: { ...event.metadata, note: 'n', commandId: 'c', causationId: 'x', correlationId: 'y' },
      };
      const { lastPosition } = await k.store.appendToStream('s-1', [withOptional], 'any');
      const [read] = await k.store.readStream('s-1');
      expect(read).toEqual({ ...withOptional, streamId: 's-1', streamVersion: 0, position: lastPosition });
      expect(await k.store.readAll()).toEqual([read]);
      if (k.contiguous) expect(lastPosition).toBe(1);
    });

    it('reads nothing and version -1 for a stream that does not exist', async () => {
      await k.store.appendToStream('s-1', testEvents(1), 'any');
      expect(await k.store.readStream('nope')).toEqual([]);
      expect(await k.store.streamVersion('nope')).toBe(-1);
    });

    it('reads a slice of a stream with fromVersion and maxCount', async () => {
      await k.store.appendToStream('s-1', testEvents(10), 'no_stream');
      const slice = await k.store.readStream('s-1', { fromVersion: 4, maxCount: 3 });
      expect(slice.map((e) => e.streamVersion)).toEqual([4, 5, 6]);
      expect(await k.store.readStream('s-1', { fromVersion: 10 })).toEqual([]);
    });

    it('keeps streams apart while positions interleave globally', async () => {
      const a = testEvents(2);
      const b = testEvents(2);
      const p1 = (await k.store.appendToStream('a', a.slice(0, 1), 'no_stream')).lastPosition;
      const p2 = (await k.store.appendToStream('b', b.slice(0, 1), 'no_stream')).lastPosition;
      const p3 = (await k.store.appendToStream('a', a.slice(1), 0)).lastPosition;
      const p4 = (await k.store.appendToStream('b', b.slice(1), 0)).lastPosition;
      expectStrictlyIncreasing([p1, p2, p3, p4]);
      if (k.contiguous) expect([p1, p2, p3, p4]).toEqual([1, 2, 3, 4]);
      expect((await k.store.readStream('a')).map((e) => [e.streamVersion, e.position])).toEqual([
        [0, p1],
        [1, p3],
      ]);
      expect((await k.store.readStream('b')).map((e) => [e.streamVersion, e.position])).toEqual([
        [0, p2],
        [1, p4],
      ]);
      expect(positionsOf(await k.store.readAll())).toEqual([p1, p2, p3, p4]);
    });

    it(`rejects an eventId used twice ${k.storeWide ? 'in the store' : 'in one append'}, storing nothing of that append`, async () => {
      const [first] = testEvents(1);
      if (!first) throw new Error('no event');
      await k.store.appendToStream('s-1', [first], 'any');
      if (k.storeWide) {
        const again = [...testEvents(1), first];
        await expect(k.store.appendToStream('s-2', again, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      }
      const twins = testEvents(2).map((e) => ({ ...e, eventId: 'same' }));
      await expect(k.store.appendToStream('s-3', twins, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await k.store.readAll()).toHaveLength(1);
      expect(await k.store.streamVersion('s-2')).toBe(-1);
    });

    it('rejects undefined data, which JSON cannot store', async () => {
      const [event] = testEvents(1);
      if (!event) throw new Error('no event');
      await expect(k.store.appendToStream('s-1', [{ ...event, data: undefined }], 'any')).rejects.toBeInstanceOf(TypeError);
    });

    it('checks the expected version of an empty append without writing anything', async () => {
      expect(await k.store.appendToStream('s-1', [], 'no_stream')).toEqual({ nextExpectedVersion: -1, lastPosition: 0 });
      const written = await k.store.appendToStream('s-1', testEvents(2), 'no_stream');
      expect(await k.store.appendToStream('s-1', [], 1)).toEqual({ nextExpectedVersion: 1, lastPosition: written.lastPosition });
      expect(written.lastPosition).toBe((await k.store.readStream('s-1'))[1]?.position);
      await expect(k.store.appendToStream('s-1', [], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await k.store.readAll()).toHaveLength(2);
    });
  });

  describe('expected version', () => {
    const conflict = async (streamId: string, expected: ExpectedVersion): Promise<WrongExpectedVersionError> => {
      const error: unknown = await k.store.appendToStream(streamId, testEvents(1), expected).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof WrongExpectedVersionError)) throw new Error(`expected a WrongExpectedVersionError, got ${String(error)}`);
      return error;
    };

    it('no_stream (and -1) accept a new stream and refuse an existing one', async () => {
      await k.store.appendToStream('s-1', testEvents(2), 'no_stream');
      await k.store.appendToStream('s-2', testEvents(1), -1);
      const error = await conflict('s-1', 'no_stream');
      expect(error).toMatchObject({ streamId: 's-1', expected: 'no_stream', actual: 1 });
      expect((await conflict('s-2', -1)).actual).toBe(0);
    });

    it('a number must equal the version of the last event', async () => {
      await k.store.appendToStream('s-1', testEvents(2), 'no_stream');
      expect((await k.store.appendToStream('s-1', testEvents(1), 1)).nextExpectedVersion).toBe(2);
      expect(await conflict('s-1', 1)).toMatchObject({ expected: 1, actual: 2 });
      expect(await conflict('s-1', 3)).toMatchObject({ expected: 3, actual: 2 });
      expect(await conflict('new', 0)).toMatchObject({ expected: 0, actual: -1 });
    });

    it('any never conflicts', async () => {
      await k.store.appendToStream('s-1', testEvents(1), 'any');
      await k.store.appendToStream('s-1', testEvents(1), 'any');
      expect(await k.store.streamVersion('s-1')).toBe(1);
    });

    it('stream_exists refuses a new stream and accepts an existing one', async () => {
      expect(await conflict('s-1', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: -1 });
      await k.store.appendToStream('s-1', testEvents(1), 'no_stream');
      expect((await k.store.appendToStream('s-1', testEvents(1), 'stream_exists')).nextExpectedVersion).toBe(1);
    });

    it('a refused append stores nothing', async () => {
      await k.store.appendToStream('s-1', testEvents(1), 'no_stream');
      await conflict('s-1', 5);
      expect(await k.store.readAll()).toHaveLength(1);
    });

    it('rejects malformed expected versions as caller errors', async () => {
      await expect(k.store.appendToStream('s-1', testEvents(1), -2)).rejects.toBeInstanceOf(RangeError);
      await expect(k.store.appendToStream('s-1', testEvents(1), 0.5)).rejects.toBeInstanceOf(RangeError);
    });
  });
};
