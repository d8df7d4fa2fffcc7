import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HouseholdCommand } from '@hearth/domain';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { feed } from './support/feed';
import { householdByHousehold } from './support/histories';
import { context, policy, region } from './support/region';

/**
 * A counterexample the agreement property found under a back-dating allowance (kept in
 * fixtures/backdated-surveys.json, as fed): household h1 was surveyed on 2017-01-27, and a
 * survey dated 2016-12-20 was recorded after it. Its survey update for 2017 (deadline
 * 2017-02-28) is done, whatever order the two were recorded in (decision 117). The direct
 * fold took the survey recorded last and listed h1 as missing its update; the read models
 * did not.
 */
const histories = (JSON.parse(readFileSync(join(__dirname, 'fixtures/backdated-surveys.json'), 'utf8')) as { late: HouseholdCommand[][] }).late;

it('a survey update is done by any survey dated in the year, not only by the one recorded last: the direct fold agrees with the read models', async () => {
  const allowing = { ...context, policy: { ...policy, backdatingAllowanceDays: 60 } };
  const store = SqliteEventStore.open(':memory:');
  const projections = openProjections(store, { policy: allowing.policy, divisions: region, runner: { batchSize: 7 } });
  try {
    await projections.runner.start();
    const fed = await feed(store, householdByHousehold(histories), allowing);
    await projections.runner.waitFor(fed.lastPosition);
    const query = { asOf: '2017-12-31', division: 'V3' };
    const live = projections.reports.backlogReport(query).surveyUpdatesMissing;
    const direct = (await DirectReports.load(store, allowing)).backlogReport(query).surveyUpdatesMissing;
    expect(direct).toEqual(live);
    expect(direct.map((m) => m.householdId)).toEqual(['h2']);
  } finally {
    await projections.close();
    await store.close();
  }
});
