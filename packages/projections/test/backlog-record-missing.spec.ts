import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

describe('a backlog over read models edited behind the projections (docs/decisions/0113)', () => {
  it('fails, naming the household, when a household owed referrals has its timeline and no record', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      await feed(store, generatedRegion(40), context);
      const projections = openProjections(store, { policy, divisions: region });
      await projections.runner.catchUp();
      const identified = store.db
        .prepare<[], { household_id: string; occurred_on: string }>("SELECT household_id, occurred_on FROM proj_status_changes WHERE to_status = 'identified' ORDER BY position LIMIT 1")
        .get();
      if (identified === undefined) throw new Error('no household identified in the generated region');
      const asOf = identified.occurred_on;
      const before = projections.reports.backlogReport({ asOf });
      expect(before.referralsOwed.length + before.clearancePending.length).toBeGreaterThan(0);
      store.db.prepare('DELETE FROM agg_household_progress WHERE household_id = ?').run(identified.household_id);
      expect(() => projections.reports.backlogReport({ asOf })).toThrow(`household ${identified.household_id} is owed referrals on ${asOf} by its timeline, and has no progress record`);
      await projections.close();
    } finally {
      await store.close();
    }
  });
});
