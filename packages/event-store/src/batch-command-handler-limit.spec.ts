import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppendLimit } from './append-limit';
import { BatchCommandHandler } from './batch-command-handler';
import type { EventToAppend } from './envelope';
import type { EventStore } from './event-store';
import { verifyStream } from './hash-chain';
import { InMemoryEventStore } from './in-memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { counterDecider, counterStream, describeCounterCommand, increment } from './testing/counter-decider';
import { interceptedStore } from './testing/intercepted-store';

/**
 * A store that refuses an append whose events' data is over 40 bytes of JSON, and says so
 * through `appendLimit` (as KurrentDB's adapter does with its MaxAppendSize): an increment
 * by a large enough number is accepted by the decider and too large for the store.
 */
const limited = (): EventStore => {
  const store = new InMemoryEventStore();
  const sizeOf = (events: readonly EventToAppend[]) => JSON.stringify(events.map((e) => e.data)).length;
  const appendLimit: AppendLimit = {
    bytes: 40,
    sizeOf: (event) => sizeOf([event]),
    check: (streamId, events) => (sizeOf(events) > 40 ? { streamId, size: sizeOf(events), limit: 40, eventId: events[0]?.eventId, eventType: events[0]?.type } : undefined),
  };
  const refuseOver = (streamId: string, events: readonly EventToAppend[]) => {
    if (appendLimit.check(streamId, events)) throw new RangeError(`the append to ${streamId} is over the limit`);
  };
  return interceptedStore(store, {
    appendLimit,
    appendToStream: (streamId, events, expected) => {
      refuseOver(streamId, events);
      return store.appendToStream(streamId, events, expected);
    },
    appendBatch: (appends) => {
      for (const a of appends) refuseOver(a.streamId, a.events);
      return store.appendBatch(appends);
    },
  });
};

const HUGE = 123_456_789_012;

describe('BatchCommandHandler on a store with an append limit (EventStore.appendLimit, decision 152)', () => {
  it('reports a command over the limit too-large, writes the rest of the batch, and decides the stream on without it', async () => {
    const store = limited();
    const handler = new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
    const results = await handler.handleMany([increment('a', 'a1'), increment('a', 'a2', HUGE), increment('b', 'b1'), increment('a', 'a3', 2)], undefined);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'too-large', 'accepted', 'accepted']);
    expect(results[1]).toEqual({ status: 'too-large', streamId: 'counter-a', refusal: expect.objectContaining({ streamId: 'counter-a', limit: 40, eventType: 'CounterIncremented' }) });
    // a3 was decided on a total of 1, not 1 + HUGE; its event follows a1's in the hash chain.
    const a = await store.readStream(counterStream('a'));
    expect(a.map((e) => e.data)).toEqual([{ by: 1, total: 1 }, { by: 2, total: 3 }]);
    expect(verifyStream(a)).toEqual({ ok: true });

    // The next batch starts from the cache, which holds no trace of the refused command either.
    const next = await handler.decideMany([increment('a', 'a2', HUGE), increment('a', 'a4')], undefined);
    expect(next.map((r) => r.status)).toEqual(['too-large', 'accepted']);
    expect((await store.readStream(counterStream('a'))).map((e) => e.data)).toEqual([{ by: 1, total: 1 }, { by: 2, total: 3 }, { by: 1, total: 4 }]);
  });

  it('tells alsoAppend the command is too large, so a caller can record it with the batch', async () => {
    const store = limited();
    const handler = new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
    const told: string[][] = [];
    await handler.decideMany([increment('a', 'a1', HUGE), increment('b', 'b1')], undefined, {
      alsoAppend: (decided) => {
        told.push(decided.map((d) => d.status));
        return [];
      },
    });
    expect(told).toEqual([['too-large', 'accepted']]);
  });

  // The importer measures its checkpoint in alsoAppend and, when it is over the limit, throws there and
  // decides the batch again in parts (docs/decisions/0152): the refused attempt must leave no decision behind.
  /** The store, and how many attempts a handler made on it (one appendBatch, or one write session, each). */
  const counted = (store: EventStore, close: () => Promise<void>) => {
    let attempts = 0;
    const wrapped = interceptedStore(store, store.writeSession
      ? { writeSession: (work) => { attempts++; return (store.writeSession as NonNullable<EventStore['writeSession']>)(work); } }
      : { appendBatch: (appends) => { attempts++; return store.appendBatch(appends); } });
    return { store: wrapped, attempts: () => attempts, close };
  };
  it.each([
    ['one appendBatch', () => counted(limited(), async () => undefined)],
    ['a write session (SQLite)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'hearth-abandon-'));
      const store = SqliteEventStore.open(join(dir, 'events.db'));
      return counted(store, async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });
    }],
  ])('an alsoAppend that throws abandons the attempt (%s): nothing is stored, and the cache keeps none of its decisions', async (_, make) => {
    const { store, attempts, close } = make();
    try {
      const handler = new BatchCommandHandler({ store, decider: counterDecider, describe: describeCounterCommand, schemaVersion: 1 });
      await handler.decideMany([increment('a', 'a0')], undefined);
      const refused = new Error('checkpoint over the limit');
      const batch = [increment('a', 'a1'), increment('b', 'b1'), increment('a', 'a2')];
      await expect(handler.decideMany(batch, undefined, { alsoAppend: () => { throw refused; } })).rejects.toBe(refused);
      expect((await store.readAll()).map((e) => e.metadata.commandId)).toEqual(['a0']);
      // Decided again from the stream as stored, in one attempt: a cache that kept the refused attempt's folds
      // would decide a1 after a2, and only a version conflict and a second attempt would put it right.
      const before = attempts();
      expect((await handler.decideMany(batch.slice(0, 2), undefined)).map((r) => r.status)).toEqual(['accepted', 'accepted']);
      expect(attempts() - before).toBe(1);
      const a = await store.readStream(counterStream('a'));
      expect(a.map((e) => e.data)).toEqual([{ by: 1, total: 1 }, { by: 1, total: 2 }]);
      expect(verifyStream(a)).toEqual({ ok: true });
    } finally {
      await close();
    }
  });
});
