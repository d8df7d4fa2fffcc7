import type { ServiceBacklog } from '../src';
import { c, member } from './support/commands';
import { fedThreeWays, ThreeWays } from './support/three-ways';

/**
 * domain.md §1.3, §3 and §5: the agency owes `minReferrals` referrals to each willing,
 * unemployed eligible member since the household's latest identification (decision 136).
 * h1 has two willing members able to work. m1 took a job and the household was cleared;
 * m2, referred once before the clearance, is still owed two referrals while the household
 * is cleared, until it leaves the programme. The clearance's own pending entry is an
 * identified household's only.
 */
const h1 = [
  c.register('h1', '2016-01-10', 'V1', [['m1', 1990], ['m2', 1988]]),
  c.survey('h1', '2016-01-20', member('m1', 'full', true), member('m2', 'partial', true)),
  c.apply('h1', '2016-02-01'),
  c.identify('h1', '2016-03-01'),
  c.refer('h1', '2016-03-05', 'r1', 'm2'),
  c.employ('h1', '2016-04-01', 'e1', 'enterprise', 'in-region', 2000),
  c.clear('h1', '2016-04-15'),
  c.refer('h1', '2016-06-01', 'r2', 'm2'),
  c.withdraw('h1', '2016-09-01'),
];

describe('referrals owed to the members of a cleared household', () => {
  let ways: ThreeWays;

  beforeAll(async () => {
    ways = await fedThreeWays(h1);
  });

  afterAll(() => ways.close());

  /** The backlog's referrals and pending clearances as of the end of `asOf`, the same from the live read models, rebuilt ones and the direct fold. */
  const backlog = (asOf: string): Pick<ServiceBacklog, 'referralsOwed' | 'clearancePending'> => {
    const { referralsOwed, clearancePending } = ways.live.reports.backlogReport({ asOf });
    for (const other of [ways.rebuilt.reports.backlogReport({ asOf }), ways.direct.backlogReport({ asOf })]) {
      expect(other.referralsOwed).toEqual(referralsOwed);
      expect(other.clearancePending).toEqual(clearancePending);
    }
    return { referralsOwed, clearancePending };
  };
  const owedTo = (memberId: string, referrals: number) => ({ householdId: 'h1', divisionCode: 'V1', memberId, identifiedOn: '2016-03-01', referrals, owed: 3 - referrals });

  it('owes both members while the household is identified and neither works', () => {
    expect(backlog('2016-03-05')).toEqual({ referralsOwed: [owedTo('m1', 0), owedTo('m2', 1)], clearancePending: [] });
  });

  it('owes the member without work, and lists the clearance pending, once the other works', () => {
    expect(backlog('2016-04-01')).toEqual({ referralsOwed: [owedTo('m2', 1)], clearancePending: [{ householdId: 'h1', divisionCode: 'V1', activeEmploymentIds: ['e1'] }] });
  });

  it('still owes the member without work once the household is cleared, counting every referral since the identification', () => {
    expect(backlog('2016-04-15')).toEqual({ referralsOwed: [owedTo('m2', 1)], clearancePending: [] });
    expect(backlog('2016-06-01')).toEqual({ referralsOwed: [owedTo('m2', 2)], clearancePending: [] });
  });

  it('owes nothing once the household has left the programme', () => {
    expect(backlog('2016-09-01')).toEqual({ referralsOwed: [], clearancePending: [] });
  });
});
