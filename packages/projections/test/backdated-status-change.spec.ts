import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { policy as reference, region } from './support/region';

/**
 * Decision 117, worked by hand. Under a one-day back-dating allowance, a withdrawal keyed
 * after the identification of 1 April but dated 31 March would have made March count a
 * move out of the stock of a household that was only applied, and April's stock at its
 * start −1. It is refused, and the monthly table stays what the recorded history says.
 */
describe('a change of status back-dated before the last one', () => {
  const ctx = { policy: { ...reference, backdatingAllowanceDays: 1 }, divisions: region };

  it('is BACKDATED, and the monthly table keeps its identity', async () => {
    const store = SqliteEventStore.open(':memory:');
    const projections = openProjections(store, ctx);
    const fed = await feed(store, [
      c.register('h1', '2016-01-10', 'V1', [['m1', 1990]]),
      c.survey('h1', '2016-01-20', member('m1', 'full', true)),
      c.apply('h1', '2016-02-01'),
      c.identify('h1', '2016-04-01'),
      c.withdraw('h1', '2016-03-31'),
      c.offerTraining('h1', '2016-03-31', 't1', 'language'),
    ], ctx);
    expect(fed.rejected.map((r) => [r.command.type, r.error.code])).toEqual([['WithdrawFromProgramme', 'BACKDATED']]);
    expect(fed.accepted).toBe(5);

    await projections.runner.catchUp();
    const direct = await DirectReports.load(store, ctx);
    const zero = { cleared: 0, relapsed: 0, withdrawn: 0, exempted: 0, deregistered: 0 };
    for (const reports of [projections.reports, direct]) {
      expect(reports.monthlyReport({ month: '2016-03' })).toEqual({ division: 'R', month: '2016-03', stockAtStart: 0, identified: 0, ...zero, stockAtEnd: 0 });
      expect(reports.monthlyReport({ month: '2016-04' })).toEqual({ division: 'R', month: '2016-04', stockAtStart: 0, identified: 1, ...zero, stockAtEnd: 1 });
    }
    await projections.close();
    await store.close();
  });
});
