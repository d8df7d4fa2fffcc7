import type { HouseholdCommand } from '@hearth/domain';
import { referencePolicy } from '@hearth/domain';
import fc from 'fast-check';
import type { ServiceBacklog } from '../src';
import { lastPassedDeadline } from '../src/reports/survey-deadline';
import { c, member } from './support/commands';
import { eachReportSource } from './support/each-report-source';
import { context } from './support/region';

/**
 * The backlog's two calendar rules at a leap day, where the day asked for decides the answer:
 * a follow-up due 90 days after a clearance of 1 December 2019 falls on 29 February 2020, and
 * the 2020 survey deadline is that day too. At 18:00 UTC on 29 February 2020 it is already
 * 1 March in Shanghai: `hearth report backlog` there (the local date, decision 0138) lists both,
 * the service's default (the UTC date) neither. Both answers are right for the day each names.
 */
const h1: HouseholdCommand[] = [
  c.register('h1', '2019-03-01', 'V1', [['m1', 1980]]),
  c.survey('h1', '2019-03-05', member('m1', 'full', true)),
  c.apply('h1', '2019-05-25'),
  c.identify('h1', '2019-05-28'),
  c.employ('h1', '2019-11-01', 'e1', 'enterprise', 'local', 2000),
  c.clear('h1', '2019-12-01'),
];

/** One list of V1's backlog at `asOf`, the same from every source (live, direct, rebuilt), or a failure naming the one that differs. */
const listAt = async (asOf: string, list: 'followUpsOverdue' | 'surveyUpdatesMissing'): Promise<unknown> => {
  const answers = new Map<string, ServiceBacklog>();
  await eachReportSource(h1, context, (r, side) => answers.set(side, r.backlogReport({ asOf, division: 'V1' })));
  expect([...answers.keys()].sort()).toEqual(['direct', 'live', 'rebuilt']);
  const [first, ...others] = [...answers.values()].map((b) => b[list]);
  for (const other of others) expect(other).toEqual(first);
  return first;
};

describe('the backlog on 29 February and 1 March 2020', () => {
  it('a follow-up due on the leap day is not overdue that day, and overdue the next', async () => {
    expect(await listAt('2020-02-29', 'followUpsOverdue')).toEqual([]);
    expect(await listAt('2020-03-01', 'followUpsOverdue')).toEqual([{ householdId: 'h1', divisionCode: 'V1', clearedOn: '2019-12-01', lastVisitOn: null, dueOn: '2020-02-29' }]);
  });

  it('the 2020 survey deadline is the leap day: passed on 1 March, not on the 29th', async () => {
    expect(await listAt('2020-02-29', 'surveyUpdatesMissing')).toEqual([]);
    expect(await listAt('2020-03-01', 'surveyUpdatesMissing')).toEqual([{ householdId: 'h1', divisionCode: 'V1', deadline: '2020-02-29', lastSurveyOn: '2019-03-05' }]);
  });
});

describe('the survey deadline that has passed by a date', () => {
  const msOf = (d: string) => Date.parse(`${d}T00:00:00.000Z`);
  const date = fc.integer({ min: msOf('2017-01-01'), max: msOf('2999-12-31') }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  it("is the last day of February before the date, from the UTC calendar's own end of February", () => {
    fc.assert(
      fc.property(date, (asOf) => {
        const year = Number(asOf.slice(0, 4));
        // Date.UTC(y, 2, 0) is the day before 1 March of y: 28 or 29 February, as that calendar has it.
        const endOfFebruary = (y: number) => new Date(Date.UTC(y, 2, 0)).toISOString().slice(0, 10);
        const passed = asOf > endOfFebruary(year) ? year : year - 1;
        expect(lastPassedDeadline(asOf, referencePolicy)).toEqual(passed >= referencePolicy.annualUpdateFromYear ? { year: passed, deadline: endOfFebruary(passed) } : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns on 1 March in leap years and in others', () => {
    expect(lastPassedDeadline('2020-02-29', referencePolicy)?.deadline).toBe('2019-02-28');
    expect(lastPassedDeadline('2020-03-01', referencePolicy)?.deadline).toBe('2020-02-29');
    expect(lastPassedDeadline('2021-02-28', referencePolicy)?.deadline).toBe('2020-02-29');
    expect(lastPassedDeadline('2021-03-01', referencePolicy)?.deadline).toBe('2021-02-28');
    expect(lastPassedDeadline('2017-02-28', referencePolicy)).toBeUndefined(); // before the policy's first year, 2017
  });
});
