import type { ServiceBacklog } from '../src';
import { c, member } from './support/commands';
import { fedThreeWays, ThreeWays } from './support/three-ways';

/**
 * Decision 137: a labour concern still open when its household is deregistered stays in the
 * backlog, although the closed stream can no longer resolve it; the clearance report counts
 * the household neither cleared nor under review.
 */
const h1 = [
  c.register('h1', '2016-01-10', 'V1', [['m1', 1990]]),
  c.survey('h1', '2016-01-20', member('m1', 'full', true)),
  c.apply('h1', '2016-02-01'),
  c.identify('h1', '2016-03-01'),
  c.employ('h1', '2016-04-01', 'e1', 'enterprise', 'in-region', 2000),
  c.clear('h1', '2016-04-15'),
  c.followUp('h1', '2016-07-01', 'v1', ['wages-withheld']),
  c.deregister('h1', '2016-08-01'),
];

describe('an open labour concern of a deregistered household', () => {
  let ways: ThreeWays;

  beforeAll(async () => {
    ways = await fedThreeWays(h1);
  });

  afterAll(() => ways.close());

  const concerns = (asOf: string): ServiceBacklog['openLaborConcerns'] => {
    const answer = ways.live.reports.backlogReport({ asOf }).openLaborConcerns;
    expect(ways.rebuilt.reports.backlogReport({ asOf }).openLaborConcerns).toEqual(answer);
    expect(ways.direct.backlogReport({ asOf }).openLaborConcerns).toEqual(answer);
    return answer;
  };

  it('is still listed years after the deregistration, its days open counted to the date', () => {
    const entry = { householdId: 'h1', divisionCode: 'V1', visitId: 'v1', raisedOn: '2016-07-01', indicators: ['wages-withheld'] };
    expect(concerns('2016-07-31')).toEqual([{ ...entry, daysOpen: 30 }]);
    expect(concerns('2019-07-01')).toEqual([{ ...entry, daysOpen: 1095 }]);
  });

  it('counts the household neither cleared nor under review', () => {
    const year = ways.live.reports.clearanceReport({ year: 2016 });
    expect(ways.direct.clearanceReport({ year: 2016 })).toEqual(year);
    expect(year).toMatchObject({ baseline: 1, baselineCleared: 0, underReview: 0, clearedInYear: 1, deregisteredInYear: 1 });
  });
});
