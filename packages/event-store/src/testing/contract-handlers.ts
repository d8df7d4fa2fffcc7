import { BatchCommandHandler } from '../batch-command-handler';
import { CommandHandler } from '../command-handler';
import type { CommandResult } from '../command-result';
import type { EventStore } from '../event-store';
import { GENESIS_HASH, verifyStream } from '../hash-chain';
import { positionAt, totals, statusCount } from './contract-positions';
import type { ContractScope } from './contract-scope';
import { counterDecider, counterStream, describeCounterCommand, increment, type CounterError } from './counter-decider';
import { lastHash, testEvents } from './event-factory';

/** The counter Decider's handler options over `store`. */
const counterDeps = (store: EventStore) => ({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });

/** The hash chain through a round trip, the command handlers on the store, reopening and a large stream. */
export const handlerContract = (k: ContractScope): void => {
  describe('hash chain', () => {
    it('stored streams verify after the round trip, including awkward data', async () => {
      const first = testEvents([
        { data: { z: 1, a: { y: [3, 2, 1], b: -0 }, s: 'quote " and \\ and \u2028' } },
        { data: [{ b: 1, a: 2 }], actor: 'someone else' },
      ]);
      await k.store.appendToStream('a', first, 'no_stream');
      await k.store.appendToStream('a', testEvents([{ data: 0.1 + 0.2 }], lastHash(first)), 1);
      const stored = await k.store.readStream('a');
      expect(stored[0]?.metadata.prevHash).toBe(GENESIS_HASH);
      expect(verifyStream(stored)).toEqual({ ok: true });
    });
  });

  describe('through the command handlers', () => {
    it('8 concurrent writers on one stream lose no update', async () => {
      const handler = new CommandHandler(counterDeps(k.store));
      const writers = 8;
      const perWriter = 5;
      const results = (
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const out: CommandResult<CounterError>[] = [];
            for (let i = 0; i < perWriter; i++) out.push(await handler.handle(increment('c', `w${w}-${i}`), undefined));
            return out;
          }),
        )
      ).flat();
      const accepted = statusCount(results, 'accepted');
      expect(accepted + statusCount(results, 'conflict')).toBe(writers * perWriter);
      expect(accepted).toBeGreaterThan(0);
      const stream = await k.store.readStream(counterStream('c'));
      expect(totals(stream)).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
      const acceptedIds = results.flatMap((r) => (r.status === 'accepted' ? r.events.map((e) => e.eventId) : []));
      expect(new Set(stream.map((e) => e.eventId))).toEqual(new Set(acceptedIds));
      expect(verifyStream(stream)).toEqual({ ok: true });
    });

    // One handler is one process's writer (the service has one): its commands on one stream
    // take turns, so they never race each other into a conflict, whatever the store's round
    // trip. Only another handler or process can make a command of it answer "conflict".
    it('concurrent commands on one stream through one handler are all accepted, none a conflict', async () => {
      const handler = new CommandHandler(counterDeps(k.store));
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => handler.handle(increment('one', `c${i}`), undefined)));
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 'accepted'));
      expect(totals(await k.store.readStream(counterStream('one')))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('BatchCommandHandler writes a batch in command order and redoes it after an outside write', async () => {
      const batch = new BatchCommandHandler(counterDeps(k.store));
      const first = await batch.handleMany([increment('x', 'x1'), increment('y', 'y1'), increment('x', 'x2')], undefined);
      expect(first.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      // Another writer moves x on while x is cached by the batch handler.
      const single = new CommandHandler(counterDeps(k.store));
      expect((await single.handle(increment('x', 'outside'), undefined)).status).toBe('accepted');
      const second = await batch.handleMany([increment('x', 'x3'), increment('y', 'y2')], undefined);
      expect(second.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(totals(await k.store.readStream(counterStream('x')))).toEqual([1, 2, 3, 4]);
      expect(totals(await k.store.readStream(counterStream('y')))).toEqual([1, 2]);
      expect((await k.store.readAll()).map((e) => e.streamId)).toEqual(
        ['x', 'y', 'x', 'x', 'x', 'y'].map((id) => counterStream(id)),
      );
      for (const id of ['x', 'y']) expect(verifyStream(await k.store.readStream(counterStream(id)))).toEqual({ ok: true });
    });
  });

  if (k.options.persistent) {
    describe('reopening', () => {
      it('sees the same data and continues positions and versions', async () => {
        const reopen = k.fixture.reopen;
        if (!reopen) throw new Error(`${k.name} is declared persistent but its fixture has no reopen()`);
        const events = testEvents(3);
        await k.store.appendToStream('a', events, 'no_stream');
        await k.store.appendToStream('b', testEvents(1), 'no_stream');
        const before = await k.store.readAll();
        await k.store.close();
        k.store = await reopen();
        expect(await k.store.readAll()).toEqual(before);
        expect(await k.store.streamVersion('a')).toBe(2);
        const result = await k.store.appendToStream('a', testEvents(1, lastHash(events)), 2);
        expect(result.nextExpectedVersion).toBe(3);
        expect(result.lastPosition).toBeGreaterThan(positionAt(before, before.length - 1));
        if (k.contiguous) expect(result.lastPosition).toBe(5);
        const after = await k.store.readAll();
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.slice(before.length).map((e) => [e.streamId, e.streamVersion, e.position])).toEqual([
          ['a', 3, result.lastPosition],
        ]);
        expect(verifyStream(await k.store.readStream('a'))).toEqual({ ok: true });
      });
    });
  }

  // Last: on a server shared between tests (a stream namespace each) it leaves 20 000
  // events in `$all` that every later `readAll` from the start would page through.
  describe('a large stream', () => {
    it('reads 20 000 events back in order with an intact chain', async () => {
      let prev = GENESIS_HASH;
      for (let chunk = 0; chunk < 10; chunk++) {
        const events = testEvents(
          Array.from({ length: 2000 }, (_, i) => ({ data: { n: chunk * 2000 + i } })),
          prev,
        );
        await k.store.appendToStream('big', events, chunk * 2000 - 1);
        prev = lastHash(events);
      }
      const read = await k.store.readStream('big');
      expect(read).toHaveLength(20_000);
      expect(read.every((e, i) => e.streamVersion === i && (e.data as { n: number }).n === i)).toBe(true);
      expect(verifyStream(read)).toEqual({ ok: true });
      expect((await k.store.readStream('big', { fromVersion: 19_998 })).map((e) => e.streamVersion)).toEqual([19_998, 19_999]);
      // A guard against a hang, not a speed limit: over gRPC on a loaded 2-core machine this takes tens of seconds.
    }, 180_000);
  });
};
