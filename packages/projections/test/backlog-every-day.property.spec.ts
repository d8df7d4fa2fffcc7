import fc from 'fast-check';
import { addDays, type HouseholdCommand } from '@hearth/domain';
import { propertyRuns } from '@hearth/domain/testing';
import { SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections, ServiceBacklog } from '../src';
import { feed } from './support/feed';
import { householdByHousehold, keyedLate, regionHistories } from './support/histories';
import { context, policy, region } from './support/region';

const LISTS = ['referralsOwed', 'followUpsOverdue', 'surveyUpdatesMissing', 'clearancePending', 'openLaborConcerns'] as const;

/**
 * The backlog's answers turn on single days: an employment that ends on the date, a
 * follow-up due the day before, the day after the survey deadline, a leap day. The
 * agreement properties ask it only at quarter ends (support/snapshot.ts); this one holds the
 * read models' backlog to the direct fold's on the days around every command's date (−1, 0,
 * +1, and around a follow-up's 90 days) and around every 28/29 February and 1 March, at the
 * root, a township and a village, under the reference policy, random policies and a
 * back-dating allowance. Written from an audit of the figures against domain.md (2026-12-05).
 */
const datesAround = (commands: readonly HouseholdCommand[]): string[] => {
  const out = new Set<string>();
  for (const c of commands) for (const d of [-1, 0, 1, 89, 90, 91]) out.add(addDays(c.on, d));
  for (let y = 2015; y <= 2020; y++) for (const d of [`${y}-02-28`, `${y}-03-01`, ...(y % 4 === 0 ? [`${y}-02-29`] : [])]) out.add(d);
  return [...out].sort();
};

/** Entries seen over every case, so that the property is known to have compared lists that were not empty. */
let seen = 0;

const agreeEveryDay = async (ctx: typeof context, histories: readonly (readonly HouseholdCommand[])[]): Promise<void> => {
  const store = SqliteEventStore.open(':memory:');
  // Small pages, so that a household's events are committed across several of them.
  const live = openProjections(store, { policy: ctx.policy, divisions: region, runner: { batchSize: 7 } });
  try {
    await live.runner.start();
    const fed = await feed(store, householdByHousehold(histories), ctx);
    await live.runner.waitFor(fed.lastPosition);
    const direct = await DirectReports.load(store, ctx);
    for (const asOf of datesAround(histories.flat()))
      for (const division of ['R', 'T1', 'V3']) {
        const answer: ServiceBacklog = live.reports.backlogReport({ asOf, division });
        const expected = direct.backlogReport({ asOf, division });
        expect(JSON.stringify(answer) === JSON.stringify(expected) ? expected : { asOf, division, answer }).toEqual(expected);
        if (division === 'R') for (const l of LISTS) seen += answer[l].length;
      }
  } finally {
    await live.close();
    await store.close();
  }
};

describe('the backlog on every day near a command', () => {
  afterAll(() => {
    // Lists with entries were compared, not only empty ones (which list has some depends on the random regions).
    expect(seen).toBeGreaterThan(0);
  });

  it('agrees with the direct fold under the reference policy', async () => {
    await fc.assert(fc.asyncProperty(regionHistories, async (h) => agreeEveryDay(context, h)), { endOnFailure: true, ...propertyRuns(10, process.env) });
  }, 600_000);

  it('agrees with the direct fold under any policy', async () => {
    const policies = fc.record({
      minReferrals: fc.integer({ min: 0, max: 5 }),
      annualUpdateFromYear: fc.integer({ min: 2015, max: 2018 }),
      followUpEveryDays: fc.integer({ min: 1, max: 200 }),
      workingAge: fc.record({ min: fc.integer({ min: 10, max: 25 }), max: fc.integer({ min: 35, max: 70 }) }),
    });
    await fc.assert(
      fc.asyncProperty(regionHistories, policies, async (h, drawn) => agreeEveryDay({ ...context, policy: { ...policy, ...drawn } }, h)),
      { endOnFailure: true, ...propertyRuns(10, process.env) },
    );
  }, 600_000);

  it('agrees with the direct fold under a back-dating allowance', async () => {
    const allowing = { ...context, policy: { ...policy, backdatingAllowanceDays: 60 } };
    await fc.assert(
      fc.asyncProperty(regionHistories, fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 20 }), async (h, back) =>
        agreeEveryDay(allowing, keyedLate(h, back)),
      ),
      { endOnFailure: true, ...propertyRuns(10, process.env) },
    );
  }, 600_000);
});
