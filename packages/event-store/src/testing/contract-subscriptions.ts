import { expectStrictlyIncreasing, positionsOf, positionAt } from './contract-positions';
import type { ContractScope } from './contract-scope';
import { eventCollector } from './event-collector';
import { testEvents } from './event-factory';

/** `subscribeToAll`: catch-up, then live delivery in order. */
export const subscriptionContract = (k: ContractScope): void => {
  describe('subscribeToAll', () => {
    it('catches up over stored events, reports it once, then delivers live appends in order', async () => {
      await k.store.appendToStream('a', testEvents(3), 'no_stream');
      await k.store.appendToStream('b', testEvents(2), 'no_stream');
      const collector = eventCollector();
      const caughtUpAt: number[] = [];
      let resolveCaughtUp!: () => void;
      const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
      const subscription = k.store.subscribeToAll({
        onEvent: collector.onEvent,
        onCaughtUp: () => {
          caughtUpAt.push(collector.events.length);
          resolveCaughtUp();
        },
      });
      await caughtUp;
      const a = await k.store.readStream('a');
      await k.store.appendToStream('a', testEvents(2, a.at(-1)?.metadata.hash), 2);
      await k.store.appendToStream('c', testEvents(1), 'no_stream');
      await collector.until(8);
      await subscription.close();
      expect(caughtUpAt).toEqual([5]);
      expect(collector.events).toEqual(await k.store.readAll());
    });

    it('starts after the given position and filters by type', async () => {
      await k.store.appendToStream('a', testEvents([{ type: 'A' }, { type: 'B' }, { type: 'A' }]), 'no_stream');
      const collector = eventCollector();
      const after = positionAt(await k.store.readStream('a'), 0);
      const subscription = k.store.subscribeToAll({ after, types: ['A'], onEvent: collector.onEvent });
      await k.store.appendToStream('b', testEvents([{ type: 'B' }, { type: 'A' }]), 'no_stream');
      await collector.until(2);
      await subscription.close();
      const all = await k.store.readAll();
      expect(collector.events).toEqual([all[2], all[4]]);
      expect(collector.events.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual(['a@2', 'b@1']);
      if (k.contiguous) expect(positionsOf(collector.events)).toEqual([3, 5]);
    });

    it('awaits each onEvent before the next, with no duplicate or gap while appends race it', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const collector = eventCollector();
      const subscription = k.store.subscribeToAll({
        onEvent: async (event) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          collector.onEvent(event);
          inFlight -= 1;
        },
      });
      for (let i = 0; i < 20; i++) {
        await k.store.appendToStream(`s-${i % 3}`, testEvents(1), 'any');
        if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await collector.until(20);
      await subscription.close();
      expect(maxInFlight).toBe(1);
      expect(collector.events).toEqual(await k.store.readAll());
      expect(collector.events).toHaveLength(20);
      expectStrictlyIncreasing(positionsOf(collector.events));
      if (k.contiguous) expect(positionsOf(collector.events)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('delivers nothing once close() has resolved', async () => {
      const collector = eventCollector();
      const subscription = k.store.subscribeToAll({ onEvent: collector.onEvent });
      await k.store.appendToStream('a', testEvents(1), 'any');
      await collector.until(1);
      await subscription.close();
      await k.store.appendToStream('a', testEvents(1), 'any');
      await new Promise((resolve) => setImmediate(resolve));
      expect(collector.events).toHaveLength(1);
    });

    it('stops and reports through onError when onEvent throws', async () => {
      await k.store.appendToStream('a', testEvents(3), 'any');
      const seen: number[] = [];
      const failure = new Promise<Error>((resolve) => {
        k.store.subscribeToAll({
          onEvent: (event) => {
            seen.push(event.position);
            // Fails on the second event, whatever its position.
            if (seen.length === 2) throw new Error('projection failed');
          },
          onError: resolve,
        });
      });
      expect((await failure).message).toBe('projection failed');
      // Nothing after the failing event is delivered once the error is reported.
      await k.store.appendToStream('a', testEvents(1), 'any');
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual(positionsOf((await k.store.readAll()).slice(0, 2)));
      if (k.contiguous) expect(seen).toEqual([1, 2]);
    });

    it('is closed by closing the store', async () => {
      const collector = eventCollector();
      k.store.subscribeToAll({ onEvent: collector.onEvent });
      await k.store.appendToStream('a', testEvents(1), 'any');
      await collector.until(1);
      await k.store.close();
      expect(collector.events).toHaveLength(1);
    });
  });
};
