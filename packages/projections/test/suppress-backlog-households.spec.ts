import * as E from 'fp-ts/Either';
import { buildDivisionTree, type DivisionTree } from '@hearth/domain';
import { backlogCountsByDivision, backlogHouseholdsByDivision, discloseReport, parentsIn, type ServiceBacklog, suppressSubtree } from '../src';

/**
 * The backlog an analyst is served as list lengths (decision 28), with the households behind
 * each length (decision 186): R > V1, V2, V3 at the end of 2016. Referrals are owed to five
 * members of one household in V1, to five one-member households in V2 and to six in V3.
 */
const built = buildDivisionTree([
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  ...['V1', 'V2', 'V3'].map((code) => ({ code, name: code, parentCode: 'R', level: 'village' as const })),
]);
if (E.isLeft(built)) throw new Error('the backlog test region is invalid');
const tree: DivisionTree = built.right;

const owed = (householdId: string, divisionCode: string, memberId: string) => ({ householdId, divisionCode, memberId, identifiedOn: '2016-03-01', referrals: 0, owed: 3 });
const backlog: ServiceBacklog = {
  division: 'R', asOf: '2016-12-31',
  referralsOwed: [
    ...['m1', 'm2', 'm3', 'm4', 'm5'].map((m) => owed('f1', 'V1', m)),
    ...[1, 2, 3, 4, 5].map((i) => owed(`v2-${i}`, 'V2', 'm1')),
    ...[1, 2, 3, 4, 5, 6].map((i) => owed(`v3-${i}`, 'V3', 'm1')),
  ],
  followUpsOverdue: [], surveyUpdatesMissing: [], clearancePending: [], openLaborConcerns: [],
};

describe('disclosure control of the backlog’s lengths: the households behind them (decision 186)', () => {
  it('counts each household once a list in its village and every division above it', () => {
    const behind = backlogHouseholdsByDivision(backlog, tree);
    expect(['R', 'V1', 'V2', 'V3'].map((d) => behind.get(d))).toEqual([{ referralsOwed: 12 }, { referralsOwed: 1 }, { referralsOwed: 5 }, { referralsOwed: 6 }]);
  });

  it('hides V1’s five referrals owed, one family’s, and V2’s five as its complement; V3’s six and R’s sixteen are shown', () => {
    const parentOf = parentsIn(tree);
    const owedIn = (division: string) =>
      (discloseReport(backlogCountsByDivision(backlog, tree), parentOf, { division, byChild: false }, 5, (t, p, b) => suppressSubtree(t, p, b, backlogHouseholdsByDivision(backlog, tree))) as { referralsOwed: number | null })
        .referralsOwed;
    expect(['R', 'V1', 'V2', 'V3'].map(owedIn)).toEqual([16, null, null, 6]);
  });
});
