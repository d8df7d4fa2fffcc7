import { join } from 'node:path';
import { isBusyError, SqliteEventStore, type EventStore } from '@hearth/event-store';
import { openProjections, type Projections } from '../src';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';
import { counted, directoryEach, eventByEvent, fileTables, PROJECTIONS, tablesOf } from './support/stream-builds';

/**
 * The read models in the SQLite store's own file are rebuilt in position order, a page a
 * transaction, so that appends go on; an `exclusive` rebuild holds the store's lock and
 * reads stream by stream in one transaction (docs/decisions/0120).
 */
describe("a rebuild of the read models in the store's own file", () => {
  const dir = directoryEach('hearth-rebuild-exclusive-');

  const open = (store: EventStore): Projections => openProjections(store, { policy, divisions: region, runner: { batchSize: 7, bulkBatchSize: 7 } });

  it('reads in position order unless exclusive, then stream by stream; both write the rows of the event-by-event fold', async () => {
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
    await feed(sqlite, generatedRegion(12), context);
    const { store, calls } = counted(sqlite);
    const projections = open(store);
    try {
      const head = await sqlite.headPosition();
      const oracle = await eventByEvent(sqlite);
      expect(await projections.rebuild()).toBe(head);
      expect(calls()).toBe(0);
      expect(tablesOf(sqlite.db)).toEqual(oracle);
      expect(await projections.rebuild(undefined, undefined, { exclusive: true })).toBe(head);
      expect(calls()).toBeGreaterThan(0);
      expect(tablesOf(sqlite.db)).toEqual(oracle);
    } finally {
      await projections.close();
      await sqlite.close();
    }
  });

  it('exclusive: an append by another connection meanwhile gives up as busy and stores nothing; after the commit it lands and the catch-up takes it', async () => {
    const path = join(dir(), 'store.db');
    const sqlite = SqliteEventStore.open(path);
    const commands = generatedRegion(13);
    const late = commands.filter((c) => c.householdId === 'g13');
    await feed(sqlite, commands.filter((c) => c.householdId !== 'g13'), context);
    const head = await sqlite.headPosition();
    const other = SqliteEventStore.open(path, { busyTimeoutMs: 20 });
    let meanwhile: unknown;
    const { store } = counted(sqlite, (read, call) => async (opts) => {
      if (call === 2) meanwhile = await feed(other, late, context).catch((e: unknown) => e);
      return read(opts);
    });
    const projections = open(store);
    try {
      expect(await projections.rebuild(undefined, undefined, { exclusive: true })).toBe(head);
      expect(isBusyError(meanwhile)).toBe(true);
      expect(await sqlite.headPosition()).toBe(head);
      const landed = await feed(other, late, context);
      expect(landed.accepted).toBeGreaterThan(0);
      expect(await projections.runner.catchUp()).toBe(landed.lastPosition);
      expect(tablesOf(sqlite.db)).toEqual(await eventByEvent(sqlite));
    } finally {
      await projections.close();
      await other.close();
      await sqlite.close();
    }
  });
});

/**
 * A catch-up of read models in a file of their own builds the projections at zero (a first
 * build, or one reset since) as a rebuild does, stream by stream (docs/decisions/0121), and
 * catches the others up in position order.
 */
describe('a catch-up from zero of read models in a file of their own', () => {
  const dir = directoryEach('hearth-build-from-zero-');

  const file = (): string => `sqlite:${join(dir(), 'read-models.db')}`;
  const rows = (): Record<string, unknown[]> => fileTables(join(dir(), 'read-models.db'));

  it('reads a first build stream by stream, later catch-ups in position order, with the rows of the event-by-event fold', async () => {
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
    const commands = generatedRegion(12);
    const at = Math.floor(commands.length / 2);
    await feed(sqlite, commands.slice(0, at), context);
    const { store, calls } = counted(sqlite);
    const projections = openProjections(store, { policy, divisions: region, readModels: file(), runner: { batchSize: 7, bulkBatchSize: 7 } });
    const progress: boolean[] = [];
    try {
      expect(await projections.runner.catchUp((p) => progress.push(p.byStream === true))).toBe(await sqlite.headPosition());
      expect(calls()).toBeGreaterThan(0);
      expect(progress).toContain(true);
      expect(rows()).toEqual(await eventByEvent(sqlite));
      const first = calls();
      await feed(sqlite, commands.slice(at), context);
      expect(await projections.runner.catchUp()).toBe(await sqlite.headPosition());
      expect(calls()).toBe(first);
      expect(rows()).toEqual(await eventByEvent(sqlite));
    } finally {
      await projections.close();
      await sqlite.close();
    }
  });

  it('builds a projection reset at open (its version changed) stream by stream, and only that one', async () => {
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
    await feed(sqlite, generatedRegion(12), context);
    const before = openProjections(sqlite, { policy, divisions: region, readModels: file() });
    await before.runner.catchUp();
    await before.close();
    const bumped = PROJECTIONS.map((p, i) => (i === 0 ? { ...p, version: p.version + 1 } : p));
    const reads: number[] = [];
    const { store } = counted(sqlite, (read) => async (opts) => {
      const page = await read(opts);
      reads.push(page.length);
      return page;
    });
    const projections = openProjections(store, { policy, divisions: region, projections: bumped, readModels: file() });
    try {
      expect(projections.reset).toEqual([bumped[0]?.name]);
      const progress: string[][] = [];
      await projections.runner.catchUp((p) => p.byStream && progress.push([...p.projections]));
      expect(reads.reduce((a, b) => a + b, 0)).toBe(await sqlite.headPosition());
      expect(progress.at(-1)).toEqual([bumped[0]?.name]);
      // The same rows; the checkpoints differ only in the bumped version.
      const { projection_checkpoints: _mine, ...built } = rows();
      const { projection_checkpoints: _oracle, ...oracle } = await eventByEvent(sqlite);
      expect(built).toEqual(oracle);
      expect(projections.runner.status()).toEqual(bumped.map((p) => ({ name: p.name, version: p.version, position: reads.reduce((a, b) => a + b, 0) })));
    } finally {
      await projections.close();
      await sqlite.close();
    }
  });
});
