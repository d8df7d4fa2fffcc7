import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import type { DivisionTree, HouseholdCommand } from '@hearth/domain';
import { DamagedEventError, SqliteEventStore, type EventStore } from '@hearth/event-store';
import { openProjections, type Projections } from '../src';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { interleave, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';
import { everRecorded, historyWithReorganisationAt, recordTree, reorganisedContext, transfersAt, underSuccessor } from './support/reorganised-region';
import { counted, directoryEach, eventByEvent, fileTables, PROJECTIONS, tablesOf } from './support/stream-builds';
import { propertyRuns } from '@hearth/domain/testing';

/**
 * `hearth rebuild --read-models FILE` reads the log stream by stream where the store can
 * (docs/decisions/0119), so a log written day by day costs what one in household order does.
 * Every projection's rows must be those of the event-by-event fold in position order, and
 * the rebuild must commit whole or not at all.
 */
describe('a rebuild of read models in a file of their own, stream by stream', () => {
  const dir = directoryEach('hearth-rebuild-by-stream-');

  const open = (store: EventStore, pageSize: number, divisions: DivisionTree = region): Projections =>
    openProjections(store, { policy, divisions, readModels: `sqlite:${join(dir(), 'read-models.db')}`, runner: { batchSize: pageSize, bulkBatchSize: pageSize } });

  const rebuiltTables = (): Record<string, unknown[]> => fileTables(join(dir(), 'read-models.db'));

  it('writes the rows of the event-by-event fold, whatever the households interleaving, the page size and what was there before', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), fc.nat(), async (histories, picks, pageSize, cut) => {
        run += 1;
        const commands = interleave(histories, picks);
        const at = cut % (commands.length + 1);
        const sqlite = SqliteEventStore.open(join(dir(), `store-${run}.db`));
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
          rmSync(join(dir(), 'read-models.db'), { force: true });
        }
      }),
      propertyRuns(15, process.env),
    );
  });

  it('writes the rows of the event-by-event fold after a division reorganisation, households moved by HouseholdTransferred', async () => {
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
    const on = '2017-01-01';
    const commands = generatedRegion(12);
    // A household's commands run forward in date, so those before the change are a prefix of each one's.
    await feed(sqlite, commands.filter((c) => c.on < on), context);
    const history = historyWithReorganisationAt(await recordTree(sqlite, on, `${on}T00:00:00.000Z`));
    const inForce = { ...reorganisedContext, divisionsAt: (p: number) => history.at(p) };
    const moves = transfersAt(Array.from({ length: 12 }, (_, i) => `g${i + 1}`), on);
    expect((await feed(sqlite, moves, inForce)).accepted).toBeGreaterThan(0);
    const later = commands.filter((c) => c.on >= on).map(underSuccessor);
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
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
    await feed(sqlite, generatedRegion(12), context);
    const before = open(sqlite, 50);
    await before.runner.catchUp();
    await before.close();
    const file = new Database(join(dir(), 'read-models.db'), { readonly: true });
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
    const sqlite = SqliteEventStore.open(join(dir(), 'store.db'));
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
