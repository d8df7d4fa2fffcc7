import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { ALL_PROJECTIONS, HouseholdStatusProjection, openProjections, RETIRED_PROJECTIONS, RunnerProgress } from '../src';
import { dumpReadModels } from './support/dump';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { handWorkedHouseholds } from './support/hand-worked-region';
import { context, policy, region } from './support/region';

const checkpoint = (store: SqliteEventStore, name: string): { version: number; position: number } =>
  store.db.prepare<[string], { version: number; position: number }>('SELECT version, position FROM projection_checkpoints WHERE name = ?').get(name) as {
    version: number; position: number;
  };

describe('the projection runner', () => {
  let store: SqliteEventStore;
  let reference: string;
  let head: number;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    head = (await feed(store, generatedRegion(40), context)).lastPosition;
    const p = openProjections(store, { policy, divisions: region });
    await p.runner.catchUp();
    reference = dumpReadModels(store.db);
    await p.rebuild(); // the tests start from read models that exist, at the head of the log
  });

  afterEach(async () => {
    await store.close();
  });

  it('writes nothing of a batch that fails between its rows and its checkpoint, and resumes from the checkpoint', async () => {
    const failing = openProjections(store, {
      policy,
      divisions: region,
      runner: {
        batchSize: 50,
        beforeCheckpoint: (position) => {
          if (position > 100) throw new Error('crash before the checkpoint');
        },
      },
    });
    await failing.rebuild().catch(() => undefined);
    const stopped = checkpoint(store, 'household-status').position;
    expect(stopped).toBe(100); // two batches of 50 committed, the third rolled back
    const beyond = store.db.prepare<[number], number>('SELECT count(*) FROM proj_status_changes WHERE position > ?').pluck().get(stopped);
    expect(beyond).toBe(0);

    const restarted = openProjections(store, { policy, divisions: region });
    expect(restarted.reset).toEqual([]);
    await restarted.runner.catchUp();
    expect(dumpReadModels(store.db)).toBe(reference);
  });

  it('rebuilds one projection, reporting progress, and leaves the others alone', async () => {
    const p = openProjections(store, { policy, divisions: region, runner: { batchSize: 100 } });
    store.db.exec('DELETE FROM proj_status_changes'); // damage one read model
    const progress: RunnerProgress[] = [];
    await p.rebuild(['household-status'], (x) => progress.push(x));
    expect(dumpReadModels(store.db)).toBe(reference);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((x) => x.head === head && x.projections.join() === 'household-status')).toBe(true);
    expect(progress.map((x) => x.position)).toEqual([...progress.map((x) => x.position)].sort((a, b) => a - b));
    expect(progress[progress.length - 1]?.position).toBe(head);
    await expect(p.rebuild(['no-such-projection'])).rejects.toThrow('unknown projection');
  });

  it('rebuilds a projection by itself when its version changes', async () => {
    const bumped = ALL_PROJECTIONS.map((p) => (p.name === HouseholdStatusProjection.name ? { ...p, version: p.version + 1 } : p));
    store.db.exec("INSERT INTO proj_status_changes (household_id, position, occurred_on, event_type, from_status, to_status) VALUES ('stale', 0, '2016-01-01', 'HouseholdRegistered', 'unregistered', 'registered')");
    const p = openProjections(store, { policy, divisions: region, projections: bumped });
    expect(p.reset).toEqual(['household-status']);
    expect(checkpoint(store, 'household-status')).toEqual({ version: HouseholdStatusProjection.version + 1, position: 0 });
    expect(checkpoint(store, 'labor-concerns').position).toBe(head);
    await p.runner.catchUp();
    expect(dumpReadModels(store.db)).toBe(reference);
  });

  it('drops a retired projection\'s tables and checkpoint at open, and rebuilds its keeper when asked by its old name (decision 110)', async () => {
    // As a store written before decision 110 holds them.
    store.db.exec(`CREATE TABLE proj_member_facts (household_id TEXT, position INTEGER);
      CREATE TABLE proj_case_activity (household_id TEXT, position INTEGER);
      INSERT INTO projection_checkpoints (name, version, position) VALUES ('member-eligibility', 2, ${head}), ('case-activity', 3, ${head});`);
    const p = openProjections(store, { policy, divisions: region });
    expect(p.reset).toEqual([]);
    const tables = store.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const r of RETIRED_PROJECTIONS) {
      expect(checkpoint(store, r.name)).toBeUndefined();
      for (const t of r.tables) expect(tables).not.toContain(t);
    }
    expect(dumpReadModels(store.db)).toBe(reference);

    store.db.exec('DELETE FROM agg_household_progress');
    const progress: RunnerProgress[] = [];
    await p.rebuild(['case-activity', 'member-eligibility'], (x) => progress.push(x));
    expect(progress.every((x) => x.projections.join() === 'progress-counters')).toBe(true);
    expect(dumpReadModels(store.db)).toBe(reference);
  });

  it('rebuilds every projection in one pass over the log: each event is read once, whatever the projections\' checkpoints', async () => {
    const reads: { after: number; events: number }[] = [];
    // The runner reads its pages as feed events (the store's readFeed, docs/decisions/0097).
    const readFeed = store.readFeed.bind(store);
    const spy = jest.spyOn(store, 'readFeed').mockImplementation(async (opts) => {
      const page = await readFeed(opts);
      reads.push({ after: opts?.after ?? 0, events: page.length });
      return page;
    });
    try {
      const p = openProjections(store, { policy, divisions: region, runner: { batchSize: 100 } });
      await p.rebuild();
      expect(dumpReadModels(store.db)).toBe(reference);
      expect(reads.reduce((n, r) => n + r.events, 0)).toBe(head);
      expect(reads.map((r) => r.after)).toEqual([...new Set(reads.map((r) => r.after))].sort((a, b) => a - b));

      // Projections at different checkpoints (one reset, the others at the head, one half way) are brought up together.
      reads.length = 0;
      store.db.exec("UPDATE projection_checkpoints SET position = 0 WHERE name = 'labor-concerns'");
      store.db.exec('DELETE FROM proj_labor_concerns');
      await p.rebuild(['household-status']);
      expect(reads.reduce((n, r) => n + r.events, 0)).toBe(head);
      expect(dumpReadModels(store.db)).toBe(reference);
    } finally {
      spy.mockRestore();
    }
  });

  it('follows the log live, and an event seen twice is applied once', async () => {
    const other = new InMemoryEventStore();
    const p = openProjections(other, { policy, divisions: region });
    await p.runner.start();
    const [first, ...rest] = handWorkedHouseholds;
    const fed = await feed(other, first ?? [], context, { strict: true });
    await p.runner.waitFor(fed.lastPosition);
    expect(p.reports.householdStatuses().map((r) => [r.householdId, r.status])).toEqual([['h1', 'cleared']]);
    const more = await feed(other, rest.flat(), context, { strict: true });
    // catch-up and the live subscription now race over the same events
    await Promise.all([p.runner.catchUp(), p.runner.waitFor(more.lastPosition)]);
    expect(p.runner.position()).toBe(more.lastPosition);
    expect(p.reports.clearanceReport({ year: 2016 })).toMatchObject({ baseline: 6, identifiedInYear: 7, clearedInYear: 3 });
    await p.close();
    await other.close();
  });

  it('after its live subscription fails, start() follows again from the checkpoints', async () => {
    const other = new InMemoryEventStore();
    const [first, ...rest] = handWorkedHouseholds;
    let failOnce = true;
    let live = false;
    const errors: Error[] = [];
    const p = openProjections(other, {
      policy,
      divisions: region,
      runner: {
        beforeCheckpoint: () => {
          if (failOnce && live) {
            failOnce = false;
            throw new Error('the disk went away');
          }
        },
        onLiveError: (e) => errors.push(e),
      },
    });
    await p.runner.start();
    live = true;
    const fed = await feed(other, first ?? [], context, { strict: true });
    // The first live write fails: the subscription stops and waiting for it is refused.
    await expect(p.runner.waitFor(fed.lastPosition)).rejects.toThrow('the disk went away');
    expect(errors.map((e) => e.message)).toEqual(['the disk went away']);
    expect(p.runner.position()).toBeLessThan(fed.lastPosition);

    await p.runner.start();
    expect(p.runner.position()).toBe(fed.lastPosition);
    const more = await feed(other, rest.flat(), context, { strict: true });
    await p.runner.waitFor(more.lastPosition);
    expect(p.reports.clearanceReport({ year: 2016 })).toMatchObject({ baseline: 6, identifiedInYear: 7, clearedInYear: 3 });
    await p.close();
    await other.close();
  });
});
