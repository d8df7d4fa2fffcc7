import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFeed, SqliteEventStore } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { openProjections, ReadModelsBusyError } from '../src';
import { withWriteLock } from '../src/storage/write-lock';
import { dumpReadModels } from './support/dump';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

/**
 * Two runners on one read-model database, as two processes are on one file: one of them
 * resets the read models (a rebuild whose replay has not started) while the other holds
 * a page of events it read before the reset. Whatever the order, the tables end equal to
 * a rebuild from the log.
 */
describe('the runner beside another writer of the same read models', () => {
  let store: SqliteEventStore;
  let reference: string;
  let head: number;
  const commands = generatedRegion(30);
  const half = Math.floor(commands.length / 2);
  const tail = commands.length - 30;

  /** A rebuild elsewhere that got as far as its reset: its replay fails at the first read of the log (the store's feed). */
  const resetElsewhere = async (): Promise<void> => {
    const crashing = openProjections(interceptedStore(store, { readFeed: () => Promise.reject(new Error('killed after the reset')) }), { policy, divisions: region });
    await expect(crashing.rebuild()).rejects.toThrow('killed after the reset');
  };

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    await feed(store, commands.slice(0, half), context);
    const first = openProjections(store, { policy, divisions: region });
    await first.runner.catchUp(); // the read models stand in the middle of the log
    head = (await feed(store, commands.slice(half, tail), context)).lastPosition;
    const scratch = new Database(':memory:');
    const rebuilt = openProjections(store, { policy, divisions: region, db: scratch });
    await rebuilt.runner.catchUp();
    reference = dumpReadModels(scratch);
    scratch.close();
  });

  afterEach(async () => {
    await store.close();
  });

  it('a catch-up that read its page before the reset reads again from the reset checkpoints instead of writing over them', async () => {
    let resetDone = false;
    const racing = interceptedStore(store, {
      readFeed: async (opts) => {
        const page = await readFeed(store, opts);
        if (!resetDone) {
          resetDone = true;
          await resetElsewhere();
        }
        return page;
      },
    });
    const p = openProjections(racing, { policy, divisions: region });
    expect(p.runner.position()).toBeGreaterThan(0);
    expect(await p.runner.catchUp()).toBe(head);
    expect(resetDone).toBe(true);
    expect(dumpReadModels(store.db)).toBe(reference);
  });

  it('the live runner, after a reset elsewhere, replays the log from the checkpoint instead of jumping to the new event', async () => {
    const p = openProjections(store, { policy, divisions: region, runner: { onLiveError: (e) => { throw e; } } });
    await p.runner.start();
    expect(p.runner.position()).toBe(head);
    await resetElsewhere();
    const more = await feed(store, commands.slice(tail), context);
    expect(more.lastPosition).toBeGreaterThan(head);
    await p.runner.waitFor(more.lastPosition);
    const scratch = new Database(':memory:');
    const rebuilt = openProjections(store, { policy, divisions: region, db: scratch });
    await rebuilt.runner.catchUp();
    expect(dumpReadModels(store.db)).toBe(dumpReadModels(scratch));
    scratch.close();
    await p.close();
  });

  it('a live runner waited on after a reset elsewhere replays the log without waiting for a new event', async () => {
    const p = openProjections(store, { policy, divisions: region });
    await p.runner.start();
    await resetElsewhere();
    expect(p.runner.position()).toBe(0);
    await p.runner.waitFor(head);
    expect(dumpReadModels(store.db)).toBe(reference);
    await p.close();
  });

  it('reads one snapshot only when every read model stands at one position, at least the one asked for', async () => {
    const p = openProjections(store, { policy, divisions: region, runner: { batchSize: 50 } });
    await p.runner.catchUp();
    expect(p.readAt(head, (v) => v.reports.clearanceReport({ year: 2017 }).division)).toEqual({ value: region.root.code, position: head });
    expect(p.readAt(head + 1, () => 'never')).toBeUndefined();
    const views: unknown[] = [];
    // Mid-replay of one projection: the others stand at the head, so no view is consistent.
    await p.rebuild(['case-activity'], (progress) => progress.position < head && views.push(p.readAt(0, () => 'never')));
    expect(views.length).toBeGreaterThan(0);
    expect(views.every((v) => v === undefined)).toBe(true);
    expect(p.readAt(head, (v) => v.position)?.value).toBe(head);
  });
});

describe('the write lock of the read models', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for another connection and retries, then names the lock instead of crashing with SQLITE_BUSY', () => {
    const file = join(dir, 'lock.db');
    const holder = new Database(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE t (x INTEGER)');
    const waiter = new Database(file);
    waiter.pragma('busy_timeout = 10');
    holder.exec('BEGIN IMMEDIATE');
    expect(() => withWriteLock(waiter, () => waiter.exec('INSERT INTO t VALUES (1)'), { attempts: 3 })).toThrow(ReadModelsBusyError);
    holder.exec('COMMIT');
    withWriteLock(waiter, () => waiter.exec('INSERT INTO t VALUES (2)'), { attempts: 3 });
    expect(holder.prepare('SELECT x FROM t').pluck().all()).toEqual([2]);
    waiter.close();
    holder.close();
  });
});
