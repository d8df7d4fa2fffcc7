import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@hearth/event-store';
import * as testing from '@hearth/event-store/testing';
import { copyLog, migrateLog, MigrationDifferenceError } from '../src';

const { interceptedStore, testEvents } = testing;

/** A source of `streams` household streams of two events each. */
const sourceOf = async (streams: number): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  for (let s = 0; s < streams; s++) await store.appendToStream(`household-h${s}`, testEvents(2), 'no_stream');
  return store;
};

const shape = (e: RecordedEvent) => ({ streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.eventId });

/** The target, counting every append made to it (one stream at a time, or a batch). */
const counted = (inner: EventStore, atomicBatches: boolean): { store: EventStore; appends: () => number } => {
  let appends = 0;
  const store = interceptedStore(inner, {
    atomicBatches,
    appendToStream: (streamId, events, expected) => {
      appends += 1;
      return inner.appendToStream(streamId, events, expected);
    },
    appendBatch: (batch) => {
      appends += 1;
      return inner.appendBatch(batch);
    },
  });
  return { store, appends: () => appends };
};

describe('a migration into a store that is not empty and not an earlier run of it', () => {
  it.each([
    ['with atomic batches (SQLite)', true],
    ['without (KurrentDB)', false],
  ])('is refused before the first append %s, naming the stream the source does not have', async (_, atomic) => {
    const source = await sourceOf(5);
    const inner = new InMemoryEventStore();
    // Another store's stream, among streams of the source as an earlier run would leave them.
    await inner.appendToStream('household-h0', await source.readStream('household-h0'), 'no_stream');
    await inner.appendToStream('household-elsewhere', testEvents(3), 'no_stream');
    const before = (await inner.readAll()).map(shape);
    const { store: target, appends } = counted(inner, atomic);

    const failed = await migrateLog(source, target, { pageSize: 2 }).catch((e: unknown) => e);

    expect(failed).toBeInstanceOf(MigrationDifferenceError);
    expect(failed).toMatchObject({ streamId: 'household-elsewhere', streamVersion: -1 });
    expect((failed as Error).message).toMatch(/^stream household-elsewhere is on the target only: the source has no such stream.*the copy did not start; nothing was overwritten$/);
    expect(appends()).toBe(0);
    expect((await inner.readAll()).map(shape)).toEqual(before);
  });

  it('finds that stream however many pages into the target\'s log it first appears', async () => {
    const source = await sourceOf(30);
    const target = new InMemoryEventStore();
    for (let s = 0; s < 30; s++) await target.appendToStream(`household-h${s}`, await source.readStream(`household-h${s}`), 'no_stream');
    await target.appendToStream('household-elsewhere', testEvents(1), 'no_stream');
    await expect(copyLog(source, target, { pageSize: 7, concurrency: 4 })).rejects.toMatchObject({ streamId: 'household-elsewhere', streamVersion: -1 });
  });

  it('still resumes an earlier run, whose streams are all the source\'s, one cut short', async () => {
    const source = await sourceOf(4);
    const target = new InMemoryEventStore();
    await target.appendToStream('household-h0', await source.readStream('household-h0'), 'no_stream');
    await target.appendToStream('household-h1', (await source.readStream('household-h1')).slice(0, 1), 'no_stream');
    const { copy, comparison } = await migrateLog(source, target);
    expect(copy).toMatchObject({ eventsAlreadyThere: 3, eventsCopied: 5 });
    expect(comparison.differences).toEqual([]);
  });
});
