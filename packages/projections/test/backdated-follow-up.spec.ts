import type { HouseholdCommand } from '@hearth/domain';
import type { ServiceBacklog } from '../src';
import { c, member } from './support/commands';
import { eachReportSource } from './support/each-report-source';
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

/** The backlog of V1 at `asOf` from each source: live, direct, rebuilt. */
const backlogs = async (asOf: string): Promise<Map<string, ServiceBacklog>> => {
  const out = new Map<string, ServiceBacklog>();
  await eachReportSource(h1, allowing, (r, side) => out.set(side, r.backlogReport({ asOf, division: 'V1' })));
  return out;
};

/** The same list from every source. */
const fromEach = (backlogs: Map<string, ServiceBacklog>, list: 'followUpsOverdue' | 'surveyUpdatesMissing'): Record<string, unknown> =>
  Object.fromEntries([...backlogs].map(([side, b]) => [side, b[list]]));
const onEachSide = (list: unknown): Record<string, unknown> => ({ live: list, direct: list, rebuilt: list });

it('a household visited on 10 September is not overdue on 5 December, though a visit dated 1 August was recorded after it', async () => {
  expect(fromEach(await backlogs('2016-12-05'), 'followUpsOverdue')).toEqual(onEachSide([]));
});

it('from 10 December it is overdue, counted from the visit dated last, from every source', async () => {
  const overdue = [{ householdId: 'h1', divisionCode: 'V1', clearedOn: '2016-06-15', lastVisitOn: '2016-09-10', dueOn: '2016-12-09' }];
  expect(fromEach(await backlogs('2016-12-10'), 'followUpsOverdue')).toEqual(onEachSide(overdue));
});

it('a missing survey update names the survey dated last, not the one recorded last, from every source', async () => {
  const missing = [{ householdId: 'h1', divisionCode: 'V1', deadline: '2017-02-28', lastSurveyOn: '2016-05-20' }];
  expect(fromEach(await backlogs('2017-03-01'), 'surveyUpdatesMissing')).toEqual(onEachSide(missing));
});
