import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
import { backlogTimelineOf, decodeBacklogTimeline } from '../src/projections/backlog-timeline';
import { decodeProgress } from '../src/projections/progress-record-codec';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

/** SQLite's plan for a query, one step a line joined by " | ". */
const planOf = (store: SqliteEventStore, sql: string, ...params: unknown[]): string =>
  store.db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail)
    .join(' | ');

describe("the facts tables' secondary indexes (docs/decisions/0064, 0077, 0110, 0113)", () => {
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = SqliteEventStore.open(':memory:');
    await feed(store, generatedRegion(40), context);
    const p = openProjections(store, { policy, divisions: region });
    await p.runner.catchUp();
  });

  afterAll(async () => {
    await store.close();
  });

  it("reads a chunk's household timelines and records through the tables' keys, which hold the backlog's dated activity (docs/decisions/0110, 0113)", () => {
    // The backlog's reads (BacklogFacts): a division's timelines, the root's a page at a time, and the records unpacked.
    expect(
      planOf(store, `SELECT household_id, timeline FROM agg_household_backlog WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY household_id`, '["H0000001"]'),
    ).toContain('SEARCH agg_household_backlog USING PRIMARY KEY (household_id=?)');
    expect(planOf(store, 'SELECT household_id, timeline FROM agg_household_backlog WHERE household_id > ? ORDER BY household_id LIMIT ?', '', 256)).toContain(
      'SEARCH agg_household_backlog USING PRIMARY KEY (household_id>?)',
    );
    expect(
      planOf(store, `SELECT household_id, progress FROM agg_household_progress WHERE household_id IN (SELECT value FROM json_each(?))`, '["H0000001"]'),
    ).toContain('SEARCH agg_household_progress USING PRIMARY KEY (household_id=?)');
    // Every household with a record has its backlog timeline, the timeline of that record.
    const timelines = new Map(store.db.prepare<[], [string, Buffer]>('SELECT household_id, timeline FROM agg_household_backlog').raw(true).all());
    const stored = store.db.prepare<[], [string, Buffer]>('SELECT household_id, progress FROM agg_household_progress').raw(true).all();
    expect(stored.length).toBeGreaterThan(0);
    expect(timelines.size).toBe(stored.length);
    for (const [householdId, progress] of stored)
      expect(decodeBacklogTimeline(timelines.get(householdId) as Buffer)).toStrictEqual(backlogTimelineOf(decodeProgress(progress)));
    const records = store.db.prepare<[], Buffer>('SELECT progress FROM agg_household_progress').pluck().all().map(decodeProgress);
    const kinds = [...new Set(records.flatMap((r) => r.backlog.map((b) => b[2])))].sort();
    expect(kinds).toEqual(['employment-ended', 'employment-started', 'follow-up', 'household-surveyed', 'referral-made']);
    // The two event-fact tables they replace are not made.
    const tables = store.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['agg_household_progress', 'proj_status_changes']));
    expect(tables).not.toContain('proj_member_facts');
    expect(tables).not.toContain('proj_case_activity');
  });
});
