import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type StreamAppend } from '@hearth/event-store';
import { lastHash, testEvents } from '@hearth/event-store/testing';
import { stageAStore } from './stage-a-database';

/** The port's write session (not exported by the package's index). */
type WriteSession = Parameters<Parameters<NonNullable<EventStore['writeSession']>>[0]>[0];

/**
 * Two write sessions, as an import's batches: the second reads a stream the first wrote and
 * checks one it does not write. What each append answered, what each read found, or the error.
 */
const sessions = (a0: StreamAppend['events'], a1: StreamAppend['events'], b0: StreamAppend['events']) => async (store: EventStore) => {
  const seen: unknown[] = [];
  const write = (session: WriteSession, append: StreamAppend) => {
    try {
      seen.push(session.append(append));
    } catch (error) {
      seen.push((error as Error).name);
    }
  };
  const writeSession = store.writeSession?.bind(store);
  if (writeSession === undefined) throw new Error('the SQLite adapter has write sessions');
  await writeSession(async (session) => {
    write(session, { streamId: 'a', expectedVersion: 'no_stream', events: a0 });
    write(session, { streamId: 'b', expectedVersion: 'no_stream', events: b0 });
    return undefined;
  });
  await writeSession(async (session) => {
    seen.push((await session.readStream('a')).map((e) => [e.eventId, e.streamVersion, e.position]));
    seen.push((await session.readStream('c')).length);
    write(session, { streamId: 'a', expectedVersion: 1, events: a1 });
    write(session, { streamId: 'b', expectedVersion: 0, events: [] });
    return undefined;
  });
  seen.push((await store.readStream('a', { fromVersion: 1 })).map((e) => e.streamVersion));
  seen.push(await store.streamVersion('b'));
  return seen;
};

describe('the stage-A store (import-stages.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stage-a-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers appends and reads as the SQLite store would, from a store the same writes filled, and writes nothing', async () => {
    const a0 = testEvents(2);
    const a1 = testEvents(1, lastHash(a0));
    const b0 = testEvents(1);
    const run = sessions(a0, a1, b0);
    // `before` holds one stream already, as an import's store holds the division tree.
    const prepare = async (path: string) => {
      const store = SqliteEventStore.open(path);
      await store.appendToStream('z', testEvents(1), 'no_stream');
      return store;
    };
    const real = await prepare(join(dir, 'after.db'));
    const expected = await run(real);
    await real.close();
    await (await prepare(join(dir, 'before.db'))).close();

    const before = new Database(join(dir, 'before.db'), { readonly: true });
    const after = new Database(join(dir, 'after.db'), { readonly: true });
    try {
      const staged = stageAStore(before, after, 1);
      expect(await run(staged.store)).toEqual(expected);
      expect(staged.rowsHandedOver()).toBe(4);
      // The reads of `a` (in the second session, and after it); not the read of `c`, never written.
      expect(staged.streamsReadAfter()).toBe(2);
      expect(before.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    } finally {
      before.close();
      after.close();
    }
  });

  it('refuses a wrong expected version as the SQLite store does', async () => {
    const path = join(dir, 'before.db');
    await SqliteEventStore.open(path).close();
    const before = new Database(path, { readonly: true });
    try {
      const { store } = stageAStore(before, before, 0);
      await store.writeSession?.(async (session) => session.append({ streamId: 'a', expectedVersion: 'no_stream', events: testEvents(1) }));
      await expect(store.writeSession?.(async (session) => session.append({ streamId: 'a', expectedVersion: 'no_stream', events: testEvents(1) }))).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        streamId: 'a',
        actual: 0,
      });
    } finally {
      before.close();
    }
  });
});
