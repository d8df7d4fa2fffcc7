import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { testEvents } from './testing/event-factory';

const tempFile = (): { file: string; remove(): void } => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-write-session-'));
  return { file: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

describe('SqliteEventStore.writeSession', () => {
  let file: string;
  let remove: () => void;
  let store: SqliteEventStore;

  beforeEach(() => {
    ({ file, remove } = tempFile());
    store = SqliteEventStore.open(file);
  });

  afterEach(async () => {
    await store.close();
    remove();
  });

  it('checks each append at once, reads its own writes, and commits them when the work resolves', async () => {
    const results = await store.writeSession(async (session) => {
      const first = session.append({ streamId: 's', expectedVersion: -1, events: testEvents(2) });
      // The session's next append of the stream is checked against what it wrote.
      const second = session.append({ streamId: 's', expectedVersion: 1, events: testEvents(1) });
      const check = session.append({ streamId: 's', expectedVersion: 2, events: [] });
      expect((await session.readStream('s')).map((e) => e.streamVersion)).toEqual([0, 1, 2]);
      return [first, second, check];
    });
    expect(results).toEqual([
      { nextExpectedVersion: 1, lastPosition: 2 },
      { nextExpectedVersion: 2, lastPosition: 3 },
      { nextExpectedVersion: 2, lastPosition: 3 },
    ]);
    const other = SqliteEventStore.open(file);
    try {
      expect((await other.readStream('s')).map((e) => e.position)).toEqual([1, 2, 3]);
    } finally {
      await other.close();
    }
  });

  it('stores nothing when the work throws, whatever it appended before, and the store goes on', async () => {
    await expect(
      store.writeSession(async (session) => {
        session.append({ streamId: 's', expectedVersion: -1, events: testEvents(2) });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await store.readAll()).toEqual([]);
    await store.appendToStream('s', testEvents(1), -1);
    expect((await store.readStream('s')).map((e) => e.streamVersion)).toEqual([0]);
  });

  it('checkpoints the WAL every 10,000 pages while it is open, and at the connection\'s own interval after it ends, however it ends', async () => {
    const interval = (): unknown => store.db.pragma('wal_autocheckpoint', { simple: true });
    const own = interval();
    expect(own).toBe(1000);
    const during: unknown[] = [];
    await store.writeSession(async (session) => {
      session.append({ streamId: 's', expectedVersion: -1, events: testEvents(1) });
      during.push(interval());
    });
    expect(interval()).toBe(own);
    await expect(
      store.writeSession(async () => {
        during.push(interval());
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(during).toEqual([10_000, 10_000]);
    expect(interval()).toBe(own);
    // A single append outside a session commits (and checkpoints) as it always did.
    await store.appendToStream('s', testEvents(1), 0);
    expect(interval()).toBe(own);
  });

  it('refuses an append at a wrong expected version, or a reused event id, and then stores nothing', async () => {
    await store.appendToStream('s', testEvents(1), -1);
    await expect(
      store.writeSession(async (session) => {
        session.append({ streamId: 't', expectedVersion: -1, events: testEvents(1) });
        session.append({ streamId: 's', expectedVersion: -1, events: testEvents(1) });
      }),
    ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId: 's' });
    const [reused] = testEvents(1);
    await expect(
      store.writeSession(async (session) => {
        session.append({ streamId: 't', expectedVersion: -1, events: [reused as never] });
        session.append({ streamId: 'u', expectedVersion: -1, events: [reused as never] });
      }),
    ).rejects.toMatchObject({ name: 'DuplicateEventIdError' });
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['s']);
  });

  it('holds rows back for a statement of several rows: the positions it answers are those stored, and a read of a stream sees its held rows', async () => {
    await store.appendToStream('earlier', testEvents(3), -1);
    // 100 appends of 1 to 3 events over 7 streams: statements of 32 rows and a remainder.
    const answered: { streamId: string; lastPosition: number; version: number }[] = [];
    await store.writeSession(async (session) => {
      const versions = new Map<string, number>();
      for (let i = 0; i < 100; i++) {
        const streamId = `s${i % 7}`;
        const expected = versions.get(streamId) ?? -1;
        const result = session.append({ streamId, expectedVersion: expected, events: testEvents(1 + (i % 3)) });
        versions.set(streamId, result.nextExpectedVersion);
        answered.push({ streamId, lastPosition: result.lastPosition, version: result.nextExpectedVersion });
        if (i === 40) expect((await session.readStream('s5')).map((e) => e.streamVersion)).toEqual(Array.from({ length: versions.get('s5')! + 1 }, (_, v) => v));
      }
    });
    const stored = await store.readAll();
    // 3 + 100 appends of 1, 2, 3, 1, … events: 3 + 199 rows, at positions 1, 2, … in order.
    expect(stored.map((e) => e.position)).toEqual(Array.from({ length: 202 }, (_, i) => i + 1));
    for (const a of answered) {
      const row = stored.find((e) => e.position === a.lastPosition);
      expect(row).toMatchObject({ streamId: a.streamId, streamVersion: a.version });
    }
  });

  it('checks an append to a stream it read to its end against what the read found, without losing a conflict', async () => {
    await store.appendToStream('s', testEvents(2), -1);
    const answered = await store.writeSession(async (session) => {
      // Read whole, read empty from version 0, and a tail read from a later version.
      expect((await session.readStream('s')).map((e) => e.streamVersion)).toEqual([0, 1]);
      expect(await session.readStream('new')).toEqual([]);
      expect(await session.readStream('s', { fromVersion: 2 })).toEqual([]);
      return [
        session.append({ streamId: 's', expectedVersion: 1, events: testEvents(1) }),
        session.append({ streamId: 'new', expectedVersion: -1, events: testEvents(1) }),
        session.append({ streamId: 'new', expectedVersion: 0, events: [] }),
      ];
    });
    expect(answered).toEqual([
      { nextExpectedVersion: 2, lastPosition: 3 },
      { nextExpectedVersion: 0, lastPosition: 4 },
      { nextExpectedVersion: 0, lastPosition: 4 },
    ]);
    // What a read found is the version an append is checked against: a wrong one still conflicts.
    for (const [streamId, read, expectedVersion] of [['s', {}, 1], ['s', { fromVersion: 1 }, 1], ['fresh', {}, 0], ['new', { fromVersion: 1 }, -1], ['s', { maxCount: 1 }, 0]] as const) {
      await expect(
        store.writeSession(async (session) => {
          await session.readStream(streamId, read);
          session.append({ streamId, expectedVersion, events: testEvents(1) });
        }),
      ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId });
    }
    // A stream read to its end, then an empty append: answered with its last position, as stored.
    expect(await store.writeSession(async (session) => (await session.readStream('s', { fromVersion: 1 }), session.append({ streamId: 's', expectedVersion: 2, events: [] })))).toEqual({
      nextExpectedVersion: 2,
      lastPosition: 3,
    });
    expect((await store.readAll()).map((e) => [e.streamId, e.streamVersion])).toEqual([['s', 0], ['s', 1], ['s', 2], ['new', 0]]);
  });

  it('names the reused event id among held rows, reports it before a later wrong expected version, and stores nothing', async () => {
    const [stored] = testEvents(1);
    await store.appendToStream('s', [stored as never], -1);
    for (const before of [0, 5, 40]) {
      await expect(
        store.writeSession(async (session) => {
          for (let i = 0; i < before; i++) session.append({ streamId: `t${i}`, expectedVersion: -1, events: testEvents(1) });
          session.append({ streamId: 'u', expectedVersion: -1, events: [stored as never] });
          session.append({ streamId: 'v', expectedVersion: -1, events: testEvents(1) });
          // Wrong: `s` is at version 0. The reused id above is the first failure.
          session.append({ streamId: 's', expectedVersion: -1, events: testEvents(1) });
        }),
      ).rejects.toMatchObject({ name: 'DuplicateEventIdError', message: expect.stringContaining(stored!.eventId) });
    }
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['s']);
    const [next] = testEvents(1);
    await store.writeSession(async (session) => void session.append({ streamId: 'w', expectedVersion: -1, events: [next as never] }));
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2]);
  });

  it('makes every other call on the store wait for its end, so none sees or joins its uncommitted rows', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const session = store.writeSession(async (s) => {
      s.append({ streamId: 's', expectedVersion: -1, events: testEvents(1) });
      await held;
      throw new Error('given up');
    });
    const order: string[] = [];
    const read = store.readAll().then((events) => order.push(`read ${events.length}`));
    const append = store.appendToStream('s', testEvents(1), -1).then((r) => order.push(`append ${r.lastPosition}`));
    const version = store.streamVersion('s').then((v) => order.push(`version ${v}`));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    release();
    await expect(session).rejects.toThrow('given up');
    await Promise.all([read, append, version]);
    // The rolled-back row was never seen; the waiting append took the stream from the start.
    expect(order).toEqual(['read 0', 'append 1', 'version 0']);
  });

  it('runs one session at a time on a store', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = store.writeSession(async (s) => {
      s.append({ streamId: 's', expectedVersion: -1, events: testEvents(1) });
      await held;
      order.push('first');
    });
    const second = store.writeSession(async (s) => {
      order.push('second');
      return s.append({ streamId: 's', expectedVersion: 0, events: testEvents(1) });
    });
    await new Promise((r) => setImmediate(r));
    release();
    await first;
    expect(await second).toEqual({ nextExpectedVersion: 1, lastPosition: 2 });
    expect(order).toEqual(['first', 'second']);
  });
});
