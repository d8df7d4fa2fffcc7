import type { ContractScope } from './contract-scope';
import { testEvents } from './event-factory';

/** KurrentDB's default MaxAppendSize: a store without `appendLimit` takes an append over it. */
const ONE_MIB = 1_048_576;

const eventOf = (blobBytes: number) => testEvents([{ data: { blob: 'x'.repeat(blobBytes) } }])[0] ?? { eventId: '', type: '', data: {}, metadata: {} as never };

/**
 * `appendLimit` (docs/decisions/0152): where the adapter offers it, what `check` measures
 * is what the store refuses, to the byte, one event alone or an append's events together,
 * and a refused append stores nothing, in a batch too; where it does not, the store takes
 * an append over KurrentDB's 1 MiB (a caller would otherwise refuse for a limit it has not).
 */
export const appendLimitContract = (k: ContractScope): void => {
  describe('appendLimit', () => {
    if (!k.options.limitsAppends) {
      it('claims no append limit, and takes an append over 1 MiB (no appendLimit)', async () => {
        expect({ offered: k.store.appendLimit !== undefined }).toEqual({ offered: false });
        const big = eventOf(ONE_MIB + 1000);
        await k.store.appendToStream('a', [big], 'no_stream');
        expect((await k.store.readStream('a')).map((e) => e.data)).toEqual([big.data]);
      });
      return;
    }

    it('refuses what it measures over the limit, to the byte, storing nothing, and takes an append at the limit', async () => {
      const limit = k.store.appendLimit;
      if (limit === undefined) throw new Error(`${k.name} was said to offer appendLimit (limitsAppends) and does not`);
      const probe = eventOf(limit.bytes + 10);
      const measured = limit.check('a', [probe]);
      expect(measured).toMatchObject({ streamId: 'a', limit: limit.bytes, eventId: probe.eventId, eventType: probe.type });
      // Each byte of the blob is a byte of the event: the blob that brings the event to the limit exactly.
      const atLimit = limit.bytes + 10 - ((measured?.size ?? 0) - limit.bytes);
      const fits = eventOf(atLimit);
      const over = eventOf(atLimit + 1);
      expect(limit.check('a', [fits])).toBeUndefined();
      expect(limit.check('a', [over])).toMatchObject({ size: limit.bytes + 1, limit: limit.bytes, eventId: over.eventId });

      await expect(k.store.appendToStream('a', [over], 'no_stream')).rejects.toThrow();
      await expect(k.store.appendBatch([{ streamId: 'b', expectedVersion: 'no_stream', events: testEvents(1) }, { streamId: 'a', expectedVersion: 'no_stream', events: [over] }])).rejects.toThrow();
      expect({ a: await k.store.streamVersion('a'), b: await k.store.streamVersion('b') }).toEqual({ a: -1, b: -1 });
      await k.store.appendToStream('a', [fits], 'no_stream');
      expect((await k.store.readStream('a')).map((e) => e.eventId)).toEqual([fits.eventId]);
    });

    it('measures the events of an append together, and takes them in appends of their own', async () => {
      const limit = k.store.appendLimit;
      if (limit === undefined) throw new Error(`${k.name} was said to offer appendLimit (limitsAppends) and does not`);
      const halves = [eventOf(Math.ceil(limit.bytes / 2)), eventOf(Math.ceil(limit.bytes / 2))];
      expect(halves.map((e) => limit.check('a', [e]))).toEqual([undefined, undefined]);
      const together = limit.check('a', halves);
      expect(together).toMatchObject({ streamId: 'a', limit: limit.bytes, eventId: undefined, eventType: undefined });
      expect(together?.size).toBeGreaterThan(limit.bytes);
      await expect(k.store.appendToStream('a', halves, 'no_stream')).rejects.toThrow();
      expect(await k.store.streamVersion('a')).toBe(-1);
      await k.store.appendToStream('a', halves.slice(0, 1), 'no_stream');
      await k.store.appendToStream('a', halves.slice(1), 0);
      expect(await k.store.streamVersion('a')).toBe(1);
    });
  });
};
