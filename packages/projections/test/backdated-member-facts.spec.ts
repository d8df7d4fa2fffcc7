import type { HouseholdCommand } from '@hearth/domain';
import { c, member } from './support/commands';
import { eachReportSource } from './support/each-report-source';
import { context, policy } from './support/region';

/**
 * Under a back-dating allowance a survey or a declaration keyed late is recorded after a
 * later dated one (decision 130). Household h1: the survey of 20 May found m1 unable and
 * unwilling and m2 able and willing; a survey dated 20 April, recorded after it, had found
 * both able and willing. m2 withdrew their willingness on 10 August; a declaration dated
 * 1 August was recorded after that. A member's capacity and willingness are the latest
 * dated: in April both are eligible, from 20 May only m2, and from 10 August nobody.
 */
const h1: HouseholdCommand[] = [
  c.register('h1', '2016-03-01', 'V1', [['m1', 1980], ['m2', 1985]]),
  c.survey('h1', '2016-05-20', member('m1', 'none', false), member('m2', 'full', true)),
  c.survey('h1', '2016-04-20', member('m1', 'full', true), member('m2', 'full', true)),
  c.apply('h1', '2016-05-25'),
  c.identify('h1', '2016-05-28'),
  { type: 'WithdrawWillingness', householdId: 'h1', on: '2016-08-10', memberId: 'm2' } as HouseholdCommand,
  { type: 'DeclareWillingness', householdId: 'h1', on: '2016-08-01', memberId: 'm2' } as HouseholdCommand,
];

const allowing = { ...context, policy: { ...policy, backdatingAllowanceDays: 60 } };

it('counts the members eligible by the latest dated survey and declaration, not the latest recorded', async () => {
  await eachReportSource(h1, allowing, (r, side) => {
    const eligible = ['2016-04', '2016-05', '2016-06', '2016-07', '2016-08'].map((month) => r.progressReport({ month, division: 'V1' }).eligibleMembers);
    expect({ side, eligible }).toEqual({ side, eligible: [2, 1, 1, 1, 0] });
  }, 2);
});

it('owes referrals to the member eligible by the latest dated survey only', async () => {
  await eachReportSource(h1, allowing, (r, side) => {
    const owed = (asOf: string) => r.backlogReport({ asOf, division: 'V1' }).referralsOwed.map((o) => o.memberId);
    expect({ side, june: owed('2016-06-30'), august: owed('2016-08-31') }).toEqual({ side, june: ['m2'], august: [] });
  }, 2);
});
