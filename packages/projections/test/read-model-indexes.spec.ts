import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
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

describe("the facts tables' secondary indexes (docs/decisions/0064, 0077)", () => {
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

  it("reads a chunk's case activity through the table's key, and the table has no secondary index (docs/decisions/0077)", () => {
    // The backlog's activity query (BacklogFacts.chunk).
    expect(
      planOf(
        store,
        `SELECT household_id, occurred_on, kind, member_id, ref_id FROM proj_case_activity
         WHERE household_id IN (SELECT value FROM json_each(?)) AND +kind IN (SELECT value FROM json_each(?)) AND occurred_on <= ?
         ORDER BY household_id, position, seq`,
        '["H0000001"]', '["referral-made"]', '2018-06-30',
      ),
    ).toContain('SEARCH proj_case_activity USING PRIMARY KEY (household_id=?)');
    const indexes = store.db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'proj_case_activity' AND sql IS NOT NULL`).pluck().all();
    expect(indexes).toEqual([]);
    const kinds = store.db.prepare<[], string>('SELECT DISTINCT kind FROM proj_case_activity ORDER BY kind').pluck().all();
    expect(kinds).toEqual(['employment-ended', 'employment-started', 'follow-up', 'household-surveyed', 'referral-made']);
  });

  it('reads member facts up to a date in key order, with no index on their dates', () => {
    // The query of ReadModelFacts.memberFactsUpTo.
    expect(
      planOf(
        store,
        `SELECT household_id, member_id, birth_year, capacity, willing, removed FROM proj_member_facts
         WHERE occurred_on <= ? ORDER BY household_id, member_id, position`,
        '2018-06-30',
      ),
    ).toMatch(/^SCAN proj_member_facts\b/);
    const indexes = store.db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'proj_member_facts' AND sql IS NOT NULL`).pluck().all();
    expect(indexes).toEqual([]);
  });
});
