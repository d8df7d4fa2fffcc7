import type { ServiceBacklog } from '../src';
import { c, member } from './support/commands';
import { fedThreeWays, ThreeWays } from './support/three-ways';

/**
 * domain.md §5, service backlog: referrals are owed "since their household's latest
 * identification", and a relapse puts a household back to `identified` (decision 116).
 * h1's member was referred three times, found work and the household was cleared; the job
 * ended and the household relapsed. From the relapse the agency owes the member three
 * referrals again, whatever was made before the clearance.
 */
const h1 = [
  c.register('h1', '2016-01-10', 'V1', [['m1', 1990]]),
  c.survey('h1', '2016-01-20', member('m1', 'full', true)),
  c.apply('h1', '2016-02-01'),
  c.identify('h1', '2016-03-01'),
  c.refer('h1', '2016-03-05', 'r1'),
  c.refer('h1', '2016-03-10', 'r2'),
  c.refer('h1', '2016-03-15', 'r3'),
  c.employ('h1', '2016-04-01', 'e1', 'enterprise', 'in-region', 2000),
  c.clear('h1', '2016-04-15'),
  c.endEmployment('h1', '2017-01-31', 'e1', 'seasonal-end'),
  c.relapse('h1', '2017-02-01'),
  c.refer('h1', '2017-03-10', 'r4'),
];

describe('referrals owed after a relapse', () => {
  let ways: ThreeWays;

  beforeAll(async () => {
    ways = await fedThreeWays(h1);
  });

  afterAll(() => ways.close());

  /** The referrals owed as of the end of `asOf`, the same from the live read models, rebuilt ones and the direct fold. */
  const owed = (asOf: string): ServiceBacklog['referralsOwed'] => {
    const answer = ways.live.reports.backlogReport({ asOf }).referralsOwed;
    expect(ways.rebuilt.reports.backlogReport({ asOf }).referralsOwed).toEqual(answer);
    expect(ways.direct.backlogReport({ asOf }).referralsOwed).toEqual(answer);
    return answer;
  };

  it('owes nothing once the three referrals of the first identification are made', () => {
    expect(owed('2016-03-10')).toEqual([{ householdId: 'h1', divisionCode: 'V1', memberId: 'm1', identifiedOn: '2016-03-01', referrals: 2, owed: 1 }]);
    expect(owed('2016-03-15')).toEqual([]);
  });

  it('owes nothing while the household is cleared, the three referrals of its identification made', () => {
    expect(owed('2017-01-31')).toEqual([]);
  });

  it('owes the member three referrals again from the day of the relapse', () => {
    expect(owed('2017-02-01')).toEqual([{ householdId: 'h1', divisionCode: 'V1', memberId: 'm1', identifiedOn: '2017-02-01', referrals: 0, owed: 3 }]);
  });

  it('counts only the referrals made since the relapse', () => {
    expect(owed('2017-03-10')).toEqual([{ householdId: 'h1', divisionCode: 'V1', memberId: 'm1', identifiedOn: '2017-02-01', referrals: 1, owed: 2 }]);
  });
});
