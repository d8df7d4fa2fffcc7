import fc from 'fast-check';
import type { HouseholdCommand } from '@hearth/domain';
import { propertyRuns } from '@hearth/domain/testing';
import { InMemoryEventStore, SqliteEventStore } from '@hearth/event-store';
import { DirectReports, openProjections } from '../src';
import { c, member } from './support/commands';
import { feed } from './support/feed';
import { householdByHousehold } from './support/histories';
import { context, policy, region, VILLAGES } from './support/region';
import { periodsOf, snapshot, type Snapshot } from './support/snapshot';

/** A month of 2016 or 2017 in which a household is employed, cleared, loses the job and relapses `times` times over. */
interface Cycles { readonly month: number; readonly times: number }

/**
 * One household, identified on 2015-03-02 in `village`, cleared and relapsed again and again
 * in a few months (`cycles`); optionally its registration corrected to another village at
 * the end (a correction moves its whole timeline, decision 15).
 */
const household = (h: string, village: string, cycles: readonly Cycles[], movedTo: string | undefined): HouseholdCommand[] => {
  const out: HouseholdCommand[] = [
    c.register(h, '2015-01-05', village, [['m1', 1990]]), c.survey(h, '2015-01-06', member('m1', 'full', true)), c.apply(h, '2015-01-07'), c.identify(h, '2015-03-02'),
  ];
  const months = [...new Map(cycles.map((k) => [k.month, k])).values()].sort((a, b) => a.month - b.month);
  for (const { month, times } of months) {
    const ym = `${2016 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    const on = (day: number): string => `${ym}-${String(day).padStart(2, '0')}`;
    for (let k = 1; k <= times; k++) {
      const job = `j${month}-${k}`;
      out.push(c.employ(h, on(4 * k - 3), job, 'enterprise', 'local', 1000), c.clear(h, on(4 * k - 2)), c.endEmployment(h, on(4 * k - 1), job, 'quit'), c.relapse(h, on(4 * k)));
    }
  }
  const last = (out[out.length - 1] as HouseholdCommand).on;
  if (movedTo !== undefined) out.push({ type: 'CorrectEvent', householdId: h, on: last, eventId: '@HouseholdRegistered#0', correction: { divisionCode: movedTo }, reason: 'data entry error' } as HouseholdCommand);
  return out;
};

const histories: fc.Arbitrary<HouseholdCommand[][]> = fc.array(
  fc.record({
    village: fc.constantFrom(...VILLAGES),
    cycles: fc.array(fc.record({ month: fc.integer({ min: 0, max: 23 }), times: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
    movedTo: fc.option(fc.constantFrom(...VILLAGES), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 6 },
).map((hs) => hs.map(({ village, cycles, movedTo }, i) => household(`h${i + 1}`, village, cycles, movedTo)));

/** Cells of the clearance and monthly tables whose count is larger than the households behind it: what the property must exercise. */
const countsAboveHouseholds = (s: Snapshot): number => {
  let n = 0;
  for (const [rows, households] of [[s.clearance, s.clearanceHouseholds], [s.monthly, s.monthlyHouseholds]] as const)
    for (const [key, row] of Object.entries(rows))
      for (const [path, behind] of Object.entries(households[key] ?? {})) if ((row as unknown as Record<string, number>)[path] as number > behind) n++;
  return n;
};

const expectSame = (actual: Snapshot, expected: Snapshot): void => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
};

/**
 * Decision 186 for the clearance tables, on households that clear and relapse several times
 * a month and a year: the division counters' households behind each event count (live,
 * rebuilt, and fed in business-date order) equal the direct fold's, for every division,
 * year and month, also after a correction moved a registration to another village.
 */
describe('the households behind the clearance tables’ event counts', () => {
  it('are the direct fold’s, live, rebuilt and in another order, when households clear and relapse many times', async () => {
    let exercised = 0;
    await fc.assert(
      fc.asyncProperty(histories, async (hs) => {
        const store = SqliteEventStore.open(':memory:');
        const live = openProjections(store, { policy, divisions: region, runner: { batchSize: 5 } });
        await live.runner.start();
        await live.runner.waitFor((await feed(store, householdByHousehold(hs), context)).lastPosition);
        const periods = periodsOf(hs.flat());
        const incremental = snapshot(live.reports, periods);
        expectSame(snapshot(await DirectReports.load(store, context), periods), incremental);
        await live.rebuild();
        expectSame(snapshot(live.reports, periods), incremental);

        const byDay = new InMemoryEventStore();
        await feed(byDay, [...hs.flat()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)), context);
        const other = openProjections(byDay, { policy, divisions: region });
        await other.runner.catchUp();
        expectSame(snapshot(other.reports, periods), incremental);

        exercised += countsAboveHouseholds(incremental);
        await Promise.all([live.close(), other.close()]);
        await Promise.all([store.close(), byDay.close()]);
      }),
      propertyRuns(15, process.env),
    );
    expect(exercised).toBeGreaterThan(0);
  });
});
