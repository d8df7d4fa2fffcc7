import { DIVISIONS_STREAM } from '@hearth/domain';
import { InMemoryEventStore, sealEvents, verifyStream, type EventStore, type EventToAppend, type RecordedEvent } from '@hearth/event-store';
import * as testing from '@hearth/event-store/testing';
import { compareStores, copyLog, migrateLog, MigrationDifferenceError } from '../src';

const { interceptedStore, lastHash, testEvents } = testing;

/** Events recorded at `at`, chained onto `after` (so a test controls the recording times). */
const eventsAt = (n: number, at: string, after: readonly EventToAppend[] = [], note?: string): EventToAppend[] =>
  sealEvents(
    lastHash(after),
    testEvents(n).map(({ eventId, type, data, metadata: { occurredOn, actor, schemaVersion } }) => ({
      eventId, type, data, metadata: { occurredOn, actor, schemaVersion, recordedAt: at, ...(note === undefined ? {} : { note }), commandId: `c-${eventId}` },
    })),
  );

/** A source of `streams` streams written in interleaved appends, some of several events. */
const seededSource = async (streams: number, rounds: number, at = (_round: number, _stream: number) => '2016-08-01T08:00:00.000Z'): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  const written = new Map<string, EventToAppend[]>();
  for (let round = 0; round < rounds; round++)
    for (let s = 0; s < streams; s++) {
      const id = `household-h${s}`;
      const before = written.get(id) ?? [];
      const events = eventsAt(1 + ((s + round) % 3), at(round, s), before, round === 1 ? 'ünïcødé ✓ note' : undefined);
      await store.appendToStream(id, events, before.length - 1);
      written.set(id, [...before, ...events]);
    }
  return store;
};

const shape = (e: RecordedEvent) => ({ streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });

/** A memory store that says it has no atomic batches and answers appends after a turn of the event loop, counting how many are in flight. */
const nonAtomic = (delayMs = (_streamId: string, events: readonly EventToAppend[]) => 1 + (events.length % 3)): { store: EventStore; maxInFlight: () => number } => {
  const inner = new InMemoryEventStore();
  let inFlight = 0;
  let max = 0;
  const store = interceptedStore(inner, {
    atomicBatches: false,
    appendToStream: async (streamId, events, expected) => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, delayMs(streamId, events)));
      try {
        return await inner.appendToStream(streamId, events, expected);
      } finally {
        inFlight -= 1;
      }
    },
  });
  return { store, maxInFlight: () => max };
};

describe('migrating a log between stores', () => {
  it('copies every stream with its event ids, data and metadata, chains intact, in the source log order on a target with atomic batches', async () => {
    const source = await seededSource(20, 5);
    const target = new InMemoryEventStore();
    const { copy, comparison } = await migrateLog(source, target, { pageSize: 7 });
    const all = await source.readAll();
    expect(copy).toMatchObject({ eventsRead: all.length, eventsCopied: all.length, eventsAlreadyThere: 0, streamsRead: 20, streamsCopied: 20 });
    expect(comparison).toEqual({ streams: 20, events: all.length, differences: [] });
    expect((await target.readAll()).map(shape)).toEqual(all.map(shape));
    for (let s = 0; s < 20; s++) expect(verifyStream(await target.readStream(`household-h${s}`))).toEqual({ ok: true });
  });

  it('on a target without atomic batches keeps many appends in flight, each stream in order, and swaps only events recorded within the span', async () => {
    // Rounds recorded 10 s apart: a round's appends may run together, never across rounds.
    const source = await seededSource(30, 4, (round) => `2016-08-01T08:00:${String(round * 10).padStart(2, '0')}.000Z`);
    const { store: target, maxInFlight } = nonAtomic();
    const { comparison } = await migrateLog(source, target, { concurrency: 8, orderSpanMs: 1000 });
    expect(comparison.differences).toEqual([]);
    expect(maxInFlight()).toBe(8);
    const times = (await target.readAll()).map((e) => e.metadata.recordedAt);
    expect(times).toEqual([...times].sort());
    for (let s = 0; s < 30; s++) expect((await target.readStream(`household-h${s}`)).map(shape)).toEqual((await source.readStream(`household-h${s}`)).map(shape));
  });

  it('runs appends one at a time when no two were recorded within the span, so the log order is exactly the source order', async () => {
    const source = await seededSource(6, 3, (round, stream) => `2016-08-0${round + 1}T08:00:0${stream}.000Z`);
    const { store: target, maxInFlight } = nonAtomic();
    await copyLog(source, target, { orderSpanMs: 500 });
    expect((await target.readAll()).map(shape)).toEqual((await source.readAll()).map(shape));
    expect(maxInFlight()).toBe(1);
  });

  it('on a target without atomic batches lets no event pass a division-tree event: each is replayed against the tree in force at its place in the log', async () => {
    const at = '2016-08-01T08:00:00.000Z';
    const source = await seededSource(12, 2, () => at);
    // A tree recorded in parts, one append each, within the same second as the households around it.
    let tree: EventToAppend[] = [];
    for (let part = 0; part < 3; part++) {
      const events = eventsAt(1, at, tree);
      await source.appendToStream(DIVISIONS_STREAM, events, tree.length - 1);
      tree = [...tree, ...events];
      for (let s = 0; s < 12; s++) {
        const before = await source.readStream(`household-h${s}`);
        await source.appendToStream(`household-h${s}`, eventsAt(1, at, before), before.length - 1);
      }
    }
    const treeEventsBefore = (log: readonly RecordedEvent[]): Map<string, number> => {
      let seen = 0;
      return new Map(log.map((e) => [e.eventId, e.streamId === DIVISIONS_STREAM ? ++seen : seen]));
    };
    // A tree part is large: its append takes longer than a household's.
    const { store: target, maxInFlight } = nonAtomic((streamId) => (streamId === DIVISIONS_STREAM ? 20 : 1));
    const { comparison } = await migrateLog(source, target, { concurrency: 8 });
    expect(comparison.differences).toEqual([]);
    expect(maxInFlight()).toBe(8);
    expect(treeEventsBefore(await target.readAll())).toEqual(treeEventsBefore(await source.readAll()));
  });

  it('resumes: checks what the target holds, appends only the rest with the target version as expected version', async () => {
    const source = await seededSource(10, 4);
    const target = new InMemoryEventStore();
    // An interrupted run: some streams whole, some cut short, some missing.
    for (let s = 0; s < 10; s += 1) {
      const events = await source.readStream(`household-h${s}`);
      const keep = s % 3 === 0 ? events.length : s % 3 === 1 ? 2 : 0;
      if (keep > 0) await target.appendToStream(`household-h${s}`, events.slice(0, keep), 'no_stream');
    }
    const held = (await target.readAll()).length;
    const appended: [string, unknown][] = [];
    const watched = interceptedStore(target, {
      appendBatch: (appends) => {
        appended.push(...appends.map((a): [string, unknown] => [a.streamId, a.expectedVersion]));
        return target.appendBatch(appends);
      },
    });
    const { copy, comparison } = await migrateLog(source, watched);
    const total = (await source.readAll()).length;
    expect(copy).toMatchObject({ eventsAlreadyThere: held, eventsCopied: total - held });
    expect(comparison.differences).toEqual([]);
    expect(appended.filter(([id]) => id === 'household-h1')[0]).toEqual(['household-h1', 1]);
    expect(appended.some(([id]) => id === 'household-h0')).toBe(false);
    const again = await migrateLog(source, target);
    expect(again.copy).toMatchObject({ eventsCopied: 0, eventsAlreadyThere: total, streamsCopied: 0 });
    expect((await target.readAll()).length).toBe(total);
  });

  it('stops at an event that differs on the target, naming stream and version, and overwrites nothing', async () => {
    const source = await seededSource(3, 3);
    const target = new InMemoryEventStore();
    const events = await source.readStream('household-h1');
    const forged = sealEvents(lastHash(events.slice(0, 1)), [{ ...events[1]!, data: { n: 999 } }]);
    await target.appendToStream('household-h1', [...events.slice(0, 1), ...forged], 'no_stream');
    const before = await target.readAll();
    const failed = await copyLog(source, target).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MigrationDifferenceError);
    expect(failed).toMatchObject({ streamId: 'household-h1', streamVersion: 1, detail: 'the data differs' });
    expect((await target.readStream('household-h1')).map(shape)).toEqual(before.map(shape));
  });

  it('names the metadata field that differs, and a target holding more of a stream than the source', async () => {
    const source = await seededSource(2, 2);
    const target = new InMemoryEventStore();
    const [first] = await source.readStream('household-h0');
    const moved = { ...first!, metadata: { ...first!.metadata, actor: 'someone else' } };
    await target.appendToStream('household-h0', [moved], 'no_stream');
    await expect(copyLog(source, target)).rejects.toMatchObject({ streamId: 'household-h0', streamVersion: 0, detail: 'metadata.actor differs' });
    const longer = new InMemoryEventStore();
    const all = await source.readStream('household-h1');
    await longer.appendToStream('household-h1', [...all, ...eventsAt(1, '2016-08-01T08:00:00.000Z', all)], 'no_stream');
    await expect(copyLog(source, longer)).rejects.toMatchObject({ streamId: 'household-h1', streamVersion: all.length });
  });

  it('compares event for event and lists streams the target holds that the source does not', async () => {
    const source = await seededSource(3, 2);
    const target = new InMemoryEventStore();
    const { streams } = await copyLog(source, target);
    await target.appendToStream('elsewhere', eventsAt(1, '2016-08-01T08:00:00.000Z'), 'no_stream');
    const comparison = await compareStores(source, target, streams);
    expect(comparison.differences).toEqual([{ streamId: 'elsewhere', streamVersion: -1, detail: 'the stream is on the target only' }]);
    const shorter = new InMemoryEventStore();
    await shorter.appendToStream('household-h0', (await source.readStream('household-h0')).slice(0, 1), 'no_stream');
    const missing = await compareStores(source, shorter, streams);
    expect(missing.differences.map((d) => [d.streamId, d.streamVersion])).toEqual([['household-h0', 1], ['household-h1', 0], ['household-h2', 0]]);
  });

  it('stops at a failed append with what it copied so far, and a rerun completes the copy', async () => {
    const source = await seededSource(10, 3);
    const inner = new InMemoryEventStore();
    let appends = 0;
    const failing = interceptedStore(inner, {
      atomicBatches: false,
      appendToStream: async (streamId, events, expected) => {
        appends += 1;
        if (appends === 12) throw new Error('connection lost');
        return inner.appendToStream(streamId, events, expected);
      },
    });
    await expect(copyLog(source, failing)).rejects.toThrow('connection lost');
    const partial = (await inner.readAll()).length;
    expect(partial).toBeGreaterThan(0);
    const { copy, comparison } = await migrateLog(source, inner);
    expect(copy.eventsAlreadyThere).toBe(partial);
    expect(comparison.differences).toEqual([]);
  });
});
