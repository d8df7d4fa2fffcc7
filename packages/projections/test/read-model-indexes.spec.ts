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

describe("the facts tables' secondary indexes (docs/decisions/0064)", () => {
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

  it("reads a month's incomes through the partial income index, which finds every income row", () => {
    // The query of ReadModelFacts.incomesFor.
    expect(planOf(store, `SELECT household_id, amount_cents FROM proj_case_activity WHERE kind = 'income' AND month = ?`, '2018-06')).toContain(
      'USING INDEX proj_case_activity_ix1 (month=?)',
    );
    const incomes = store.db.prepare<[], number>(`SELECT count(*) FROM proj_case_activity WHERE kind = 'income'`).pluck().get() as number;
    const indexed = store.db.prepare<[], number>(`SELECT count(*) FROM proj_case_activity INDEXED BY proj_case_activity_ix1 WHERE kind = 'income' AND month IS NOT NULL`).pluck().get() as number;
    const all = store.db.prepare<[], number>('SELECT count(*) FROM proj_case_activity').pluck().get() as number;
    expect(incomes).toBeGreaterThan(0);
    expect(indexed).toBe(incomes);
    expect(all).toBeGreaterThan(incomes);
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
