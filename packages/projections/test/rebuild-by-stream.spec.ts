import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import type { DivisionTree, HouseholdCommand } from '@hearth/domain';
import { DamagedEventError, SqliteEventStore, type EventStore, type StreamOrderedFeed } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { isBusyError, openProjections, type Projections } from '../src';
import { projectionsFor } from '../src/projections/all-projections';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { everRecorded, historyWithReorganisationAt, recordTree, reorganisedContext, SUCCESSORS } from './support/reorganised-region';
import { tableRows } from './support/table-rows';

const PROJECTIONS = projectionsFor(region);
const TABLES = [...PROJECTIONS.flatMap((p) => p.tables), 'projection_checkpoints'];

/** Every row of every projection's tables and the checkpoints, blobs as hex. */
const tablesOf = (db: Database.Database): Record<string, unknown[]> => Object.fromEntries(TABLES.map((t) => [t, tableRows(db, t)]));

/** The tables the projections hold when they take the log one event a transaction, in position order: the oracle. */
const eventByEvent = async (store: EventStore, divisions: DivisionTree = region): Promise<Record<string, unknown[]>> => {
  const db = new Database(':memory:');
  const p = openProjections(store, { policy, divisions, db, runner: { batchSize: 1, bulkBatchSize: 1 } });
  await p.runner.catchUp();
  const tables = tablesOf(db);
  await p.close();
  db.close();
  return tables;
};

/** A store whose stream-by-stream reads are counted (and, with `around`, wrapped). */
const counted = (store: SqliteEventStore, around?: (read: StreamOrderedFeed['readFeedByStream'], call: number) => StreamOrderedFeed['readFeedByStream']) => {
  let calls = 0;
  const own = store.streamOrderedFeed;
  const wrapped: StreamOrderedFeed = {
    readFeedByStream: (opts) => {
      calls += 1;
      return (around ? around(own.readFeedByStream, calls) : own.readFeedByStream)(opts);
    },
  };
  return { store: interceptedStore(store, { streamOrderedFeed: wrapped }), calls: () => calls };
};

/**
 * `hearth rebuild --read-models FILE` reads the log stream by stream where the store can
 * (docs/decisions/0119), so a log written day by day costs what one in household order does.
 * Every projection's rows must be those of the event-by-event fold in position order, and
 * the rebuild must commit whole or not at all.
 */
describe('a rebuild of read models in a file of their own, stream by stream', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-rebuild-by-stream-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (store: EventStore, pageSize: number, divisions: DivisionTree = region): Projections =>
    openProjections(store, { policy, divisions, readModels: `sqlite:${join(dir, 'read-models.db')}`, runner: { batchSize: pageSize, bulkBatchSize: pageSize } });

  const rebuiltTables = (): Record<string, unknown[]> => {
    const db = new Database(join(dir, 'read-models.db'), { readonly: true });
    try {
      return tablesOf(db);
    } finally {
      db.close();
    }
  };

  it('writes the rows of the event-by-event fold, whatever the households interleaving, the page size and what was there before', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), fc.nat(), async (histories, picks, pageSize, cut) => {
        run += 1;
        const commands = interleave(histories, picks);
        const at = cut % (commands.length + 1);
        const sqlite = SqliteEventStore.open(join(dir, `store-${run}.db`));
        const { store, calls } = counted(sqlite);
        const projections = open(store, pageSize);
        try {
          // Read models that already hold part of the log, caught up page by page, then a rebuild over the whole of it.
          await feed(sqlite, commands.slice(0, at) as HouseholdCommand[], context);
          await projections.runner.catchUp();
          await feed(sqlite, commands.slice(at) as HouseholdCommand[], context);
          const head = await sqlite.headPosition();
          expect(await projections.rebuild()).toBe(head);
          expect(calls()).toBeGreaterThan(0);
          expect(rebuiltTables()).toEqual(await eventByEvent(sqlite));
        } finally {
          await projections.close();
          await sqlite.close();
          rmSync(join(dir, 'read-models.db'), { force: true });
        }
      }),
      { numRuns: Number(process.env.HEARTH_PROPERTY_RUNS ?? 15) },
    );
  });

  it('writes the rows of the event-by-event fold after a division reorganisation, households moved by HouseholdTransferred', async () => {
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
    const on = '2017-01-01';
    const commands = generatedRegion(12);
    // A household's commands run forward in date, so those before the change are a prefix of each one's.
    await feed(sqlite, commands.filter((c) => c.on < on), context);
    const history = historyWithReorganisationAt(await recordTree(sqlite, on, `${on}T00:00:00.000Z`));
    const inForce = { ...reorganisedContext, divisionsAt: (p: number) => history.at(p) };
    const moves = Array.from({ length: 12 }, (_, i) => Object.values(SUCCESSORS).map((to): HouseholdCommand => ({ type: 'TransferHousehold', householdId: `g${i + 1}`, on, to }))).flat();
    expect((await feed(sqlite, moves, inForce)).accepted).toBeGreaterThan(0);
    const later = commands.filter((c) => c.on >= on).map((c) => (c.type === 'RegisterHousehold' && c.divisionCode in SUCCESSORS ? { ...c, divisionCode: SUCCESSORS[c.divisionCode as keyof typeof SUCCESSORS] } : c));
    await feed(sqlite, later, inForce);
    const { store, calls } = counted(sqlite);
    const projections = open(store, 7, everRecorded);
    try {
      expect(await projections.rebuild()).toBe(await sqlite.headPosition());
      expect(calls()).toBeGreaterThan(0);
      expect(rebuiltTables()).toEqual(await eventByEvent(sqlite, everRecorded));
    } finally {
      await projections.close();
      await sqlite.close();
    }
  });

  it('commits whole or not at all: a failure half-way leaves the read models as they were, which other connections read meanwhile', async () => {
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
    await feed(sqlite, generatedRegion(12), context);
    const before = open(sqlite, 50);
    await before.runner.catchUp();
    await before.close();
    const file = new Database(join(dir, 'read-models.db'), { readonly: true });
    const asCaughtUp = tablesOf(file);
    let seenMeanwhile: Record<string, unknown[]> | undefined;
    const { store } = counted(sqlite, (read, call) => async (opts) => {
      if (call < 3) return read(opts);
      seenMeanwhile = tablesOf(file);
      throw new Error('the disk went away');
    });
    const projections = open(store, 50);
    try {
      await expect(projections.rebuild()).rejects.toThrow('the disk went away');
      expect(seenMeanwhile).toEqual(asCaughtUp);
      expect(tablesOf(file)).toEqual(asCaughtUp);
    } finally {
      file.close();
      await projections.close();
      await sqlite.close();
    }
  });

  it('over a damaged event rebuilds in position order, keeping the pages before it and naming it, as a rebuild always has', async () => {
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
    await feed(sqlite, generatedRegion(6), context);
    const damaged = Math.floor((await sqlite.headPosition()) / 2);
    sqlite.db.prepare("UPDATE events SET data = 'not json' WHERE position = ?").run(damaged);
    const { store, calls } = counted(sqlite);
    const projections = open(store, 1);
    try {
      await expect(projections.rebuild()).rejects.toBeInstanceOf(DamagedEventError);
      expect(calls()).toBeGreaterThan(0);
      expect(projections.runner.status().map((c) => c.position)).toEqual(PROJECTIONS.map(() => damaged - 1));
    } finally {
      await projections.close();
      await sqlite.close();
    }
  });
});

/**
 * The read models in the SQLite store's own file are rebuilt in position order, a page a
 * transaction, so that appends go on; an `exclusive` rebuild holds the store's lock and
 * reads stream by stream in one transaction (docs/decisions/0120).
 */
describe("a rebuild of the read models in the store's own file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-rebuild-exclusive-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (store: EventStore): Projections => openProjections(store, { policy, divisions: region, runner: { batchSize: 7, bulkBatchSize: 7 } });

  it('reads in position order unless exclusive, then stream by stream; both write the rows of the event-by-event fold', async () => {
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
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
    const path = join(dir, 'store.db');
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
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-build-from-zero-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (): string => `sqlite:${join(dir, 'read-models.db')}`;
  const rows = (): Record<string, unknown[]> => {
    const db = new Database(join(dir, 'read-models.db'), { readonly: true });
    try {
      return tablesOf(db);
    } finally {
      db.close();
    }
  };

  it('reads a first build stream by stream, later catch-ups in position order, with the rows of the event-by-event fold', async () => {
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
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
    const sqlite = SqliteEventStore.open(join(dir, 'store.db'));
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
