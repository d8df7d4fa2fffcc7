import type { HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { context, policy } from './support/region';

/**
 * Under a back-dating allowance a follow-up visit keyed late is recorded after a later one
 * (decision 128). Household h1, cleared 2016-06-15, was visited on 2016-09-10, and then a
 * visit dated 2016-08-01 was recorded. Its last visit is the one of 10 September, whatever
 * order the two were recorded in: the next is due on 2016-12-09 (every 90 days). The same
 * for the last survey: the one of 2016-05-20, though the one of 2016-04-20 was recorded later.
 */
const h1: HouseholdCommand[] = [
  c.register('h1', '2016-03-01', 'V1', [['m1', 1980]]),
  c.survey('h1', '2016-03-05', member('m1', 'full', true)),
  c.survey('h1', '2016-05-20', member('m1', 'full', true)),
  c.survey('h1', '2016-04-20', member('m1', 'full', true)),
  c.apply('h1', '2016-05-25'),
  c.identify('h1', '2016-05-28'),
  c.employ('h1', '2016-06-01', 'e1', 'enterprise', 'local', 2000),
  c.clear('h1', '2016-06-15'),
  c.followUp('h1', '2016-09-10', 'v1'),
  c.followUp('h1', '2016-08-01', 'v2'),
];

const allowing = { ...context, policy: { ...policy, backdatingAllowanceDays: 60 } };

const backlogs = async (asOf: string) => {
  const store = SqliteEventStore.open(':memory:');
  const projections = openProjections(store, { policy: allowing.policy, divisions: allowing.divisions, runner: { batchSize: 3 } });
  try {
    await projections.runner.start();
    const fed = await feed(store, h1, allowing, { strict: true });
    await projections.runner.waitFor(fed.lastPosition);
    const query = { asOf, division: 'V1' };
    const live = projections.reports.backlogReport(query);
    const direct = (await DirectReports.load(store, allowing)).backlogReport(query);
    return { live, direct };
  } finally {
    await projections.close();
    await store.close();
  }
};

it('a household visited on 10 September is not overdue on 5 December, though a visit dated 1 August was recorded after it', async () => {
  const { live, direct } = await backlogs('2016-12-05');
  expect(live.followUpsOverdue).toEqual([]);
  expect(direct.followUpsOverdue).toEqual([]);
});

it('from 10 December it is overdue, counted from the visit dated last, on both sides', async () => {
  const { live, direct } = await backlogs('2016-12-10');
  const overdue = [{ householdId: 'h1', divisionCode: 'V1', clearedOn: '2016-06-15', lastVisitOn: '2016-09-10', dueOn: '2016-12-09' }];
  expect(live.followUpsOverdue).toEqual(overdue);
  expect(direct.followUpsOverdue).toEqual(overdue);
});

it('a missing survey update names the survey dated last, not the one recorded last, on both sides', async () => {
  const { live, direct } = await backlogs('2017-03-01');
  const missing = [{ householdId: 'h1', divisionCode: 'V1', deadline: '2017-02-28', lastSurveyOn: '2016-05-20' }];
  expect(live.surveyUpdatesMissing).toEqual(missing);
  expect(direct.surveyUpdatesMissing).toEqual(missing);
});
