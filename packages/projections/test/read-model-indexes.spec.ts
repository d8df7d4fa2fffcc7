import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
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

describe("the facts tables' secondary indexes (docs/decisions/0064, 0077, 0110)", () => {
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

  it("reads a chunk's household records through the table's key, which hold the backlog's dated activity (docs/decisions/0110)", () => {
    // The backlog's records query (BacklogFacts.chunk).
    expect(
      planOf(
        store,
        `SELECT household_id, progress FROM agg_household_progress WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY household_id`,
        '["H0000001"]',
      ),
    ).toContain('SEARCH agg_household_progress USING PRIMARY KEY (household_id=?)');
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
