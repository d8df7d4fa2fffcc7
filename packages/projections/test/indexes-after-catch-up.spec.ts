import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFeed, SqliteEventStore } from '@hearth/event-store';
import { interceptedStore } from '@hearth/event-store/testing';
import { openProjections } from '../src';
import { ALL_PROJECTIONS } from '../src/projections/all-projections';
import { readModelRows } from '../src/storage/read-model-rows';
import { Checkpoints } from '../src/storage/checkpoints';
import { ensureProjections } from '../src/storage/projection-schema';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

const DECLARED = ALL_PROJECTIONS.flatMap((p) => (p.indexes ?? []).map((ix) => ix.name)).sort();

/** The secondary indexes of the read models' tables that the database holds (SQLite's own autoindexes have no sql). */
const indexesIn = (db: Database.Database): string[] =>
  db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (tbl_name LIKE 'proj\\_%' ESCAPE '\\' OR tbl_name LIKE 'agg\\_%' ESCAPE '\\') ORDER BY name")
    .pluck()
    .all();

const rowsOf = (db: Database.Database): string => JSON.stringify([...readModelRows(db, ALL_PROJECTIONS)]);

/**
 * A catch-up far behind the log writes the read models without their secondary indexes
 * and creates them at the head (docs/decisions/0075): the rows are those of a catch-up
 * that kept them, and every index is there at the end, after a crash in the middle too.
 */
describe('secondary indexes built once a catch-up from far behind reaches the head', () => {
  let store: SqliteEventStore;
  let head: number;
  let reference: string;
  const commands = generatedRegion(40);
  const tail = commands.length - 40;

  beforeAll(async () => {
    store = SqliteEventStore.open(':memory:');
    head = (await feed(store, commands.slice(0, tail), context)).lastPosition;
    // One page for the whole log: the page is at the head, so the indexes are kept throughout.
    const scratch = new Database(':memory:');
    const whole = openProjections(store, { policy, divisions: region, db: scratch, runner: { batchSize: head + 1 } });
    await whole.runner.catchUp();
    reference = rowsOf(scratch);
    scratch.close();
  });

  afterAll(async () => {
    await store.close();
  });

  it('declares every secondary index in `indexes`, none in a schema, and creates them all with the tables', () => {
    expect(DECLARED.length).toBeGreaterThan(0);
    for (const p of ALL_PROJECTIONS) expect(p.schema).not.toMatch(/CREATE\s+(UNIQUE\s+)?INDEX/i);
    const db = new Database(':memory:');
    ensureProjections(db, new Checkpoints(db), ALL_PROJECTIONS);
    expect(indexesIn(db)).toEqual(DECLARED);
    db.close();
  });

  it('leaves them out while more of the log is ahead than behind, and ends with every one and the same rows', async () => {
    const db = new Database(':memory:');
    const seen: { position: number; indexes: number }[] = [];
    const p = openProjections(store, {
      policy,
      divisions: region,
      db,
      runner: { batchSize: 20, beforeCheckpoint: (position) => seen.push({ position, indexes: indexesIn(db).length }) },
    });
    expect(await p.runner.catchUp()).toBe(head);
    expect(seen.length).toBeGreaterThan(10);
    // Early pages: none; the page that reached the head: all of them.
    expect(seen.filter((s) => s.position < head).every((s) => s.indexes === 0)).toBe(true);
    expect(seen[seen.length - 1]).toEqual({ position: head, indexes: DECLARED.length });
    expect(indexesIn(db)).toEqual(DECLARED);
    expect(rowsOf(db)).toBe(reference);
    db.close();
  });

  it('a catch-up bounded below the head takes its bound for the head: the page that reaches it creates them, and the rest is taken in later', async () => {
    const db = new Database(':memory:');
    const upTo = Math.floor((head * 3) / 4);
    const seen: { position: number; indexes: number }[] = [];
    const p = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 20, beforeCheckpoint: (position) => seen.push({ position, indexes: indexesIn(db).length }) } });
    const reached = await p.runner.catchUp(undefined, upTo);
    // Stopped at the page that took in `upTo`, not at the log's end (decision 163).
    expect(reached).toBeGreaterThanOrEqual(upTo);
    expect(reached).toBeLessThan(upTo + 20);
    expect(seen.filter((s) => s.position < upTo).every((s) => s.indexes === 0)).toBe(true);
    expect(seen[seen.length - 1]).toEqual({ position: reached, indexes: DECLARED.length });
    expect(indexesIn(db)).toEqual(DECLARED);
    // Now a quarter of the log is ahead and three behind: the rest is taken in with the indexes kept.
    expect(await p.runner.catchUp()).toBe(head);
    expect(seen.filter((s) => s.position > reached).every((s) => s.indexes === DECLARED.length)).toBe(true);
    expect(rowsOf(db)).toBe(reference);
    db.close();
  });

  it('after a crash in the middle, a restart is still without them until it reaches the head, then has every one and the same rows', async () => {
    const db = new Database(':memory:');
    const crashAt = 20 * 8;
    const crashing = openProjections(store, {
      policy,
      divisions: region,
      db,
      runner: {
        batchSize: 20,
        beforeCheckpoint: (position) => {
          if (position >= crashAt) throw new Error('killed');
        },
      },
    });
    await expect(crashing.runner.catchUp()).rejects.toThrow('killed');
    expect(crashing.runner.position()).toBeGreaterThan(0);
    expect(indexesIn(db)).toEqual([]);

    // A new process on the same read models: opening them does not build the indexes on the half-written tables.
    const seen: number[] = [];
    const restarted = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 20, beforeCheckpoint: () => seen.push(indexesIn(db).length) } });
    expect(indexesIn(db)).toEqual([]);
    expect(await restarted.runner.catchUp()).toBe(head);
    expect(seen.slice(0, -1).every((n) => n === 0)).toBe(true);
    expect(indexesIn(db)).toEqual(DECLARED);
    expect(rowsOf(db)).toBe(reference);
    db.close();
  });

  it('two runners catching up the same read models from zero, one overtaking the other half way: every event once, every index at the end', async () => {
    const db = new Database(':memory:');
    let reads = 0;
    let overtaken: string[] | undefined;
    const slow = interceptedStore(store, {
      readFeed: async (opts) => {
        const page = await readFeed(store, opts);
        if (++reads === 4) {
          // Another runner (another process, in production) brings the read models to the head meanwhile.
          overtaken = indexesIn(db);
          const fast = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 20 } });
          await fast.runner.catchUp();
        }
        return page;
      },
    });
    const p = openProjections(slow, { policy, divisions: region, db, runner: { batchSize: 20 } });
    expect(await p.runner.catchUp()).toBe(head);
    expect(overtaken).toEqual([]);
    expect(indexesIn(db)).toEqual(DECLARED);
    expect(rowsOf(db)).toBe(reference);
    db.close();
  });

  // Appends the rest of the commands: the tests after it see a longer log than `head`.
  it('a catch-up of the last part of the log keeps them, and a rebuild of one projection leaves the others\' alone', async () => {
    const db = new Database(':memory:');
    const first = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 20 } });
    await first.runner.catchUp();
    const more = await feed(store, commands.slice(tail), context);
    const seen: number[] = [];
    const p = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 5, beforeCheckpoint: () => seen.push(indexesIn(db).length) } });
    expect(await p.runner.catchUp()).toBe(more.lastPosition);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((n) => n === DECLARED.length)).toBe(true);

    const seenInRebuild: string[][] = [];
    const r = openProjections(store, { policy, divisions: region, db, runner: { batchSize: 20, beforeCheckpoint: () => seenInRebuild.push(indexesIn(db)) } });
    await r.rebuild(['household-status']);
    const householdStatus = ['proj_status_changes_on', 'proj_village_changes_village'];
    const others = DECLARED.filter((name) => !householdStatus.includes(name));
    expect(seenInRebuild[0]).toEqual(others);
    expect(indexesIn(db)).toEqual(DECLARED);
    db.close();
  });

  it('sees an index another connection dropped, and the next catch-up creates it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-indexes-'));
    try {
      const file = join(dir, 'rm.db');
      const p = openProjections(store, { policy, divisions: region, readModels: `sqlite:${file}` });
      await p.runner.catchUp();
      const other = new Database(file);
      expect(indexesIn(other)).toEqual(DECLARED);
      other.exec('DROP INDEX proj_status_changes_on');
      other.close();
      await p.runner.catchUp();
      const after = new Database(file, { readonly: true });
      expect(indexesIn(after)).toEqual(DECLARED);
      after.close();
      await p.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

});
