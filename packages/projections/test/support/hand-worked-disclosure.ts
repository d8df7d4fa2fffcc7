import * as E from 'fp-ts/Either';
import { buildDivisionTree, type DecisionContext, type DivisionTree, type HouseholdCommand } from '@hearth/domain';
import { c, member } from './commands';
import { policy } from './region';
import { employedFamily } from '../../src/testing/employed-family';

/**
 * A region for the hand-worked audit of disclosure control (domain.md §5; decisions 0028,
 * 0032, 0037): three prefectures, one of which (PA) has three villages, one (PB) two
 * villages holding one household each, so that its own total is small, and one (PC) a
 * single village, so that its total is its village's figure.
 *
 *   R > PA > {VA1, VA2, VA3}, R > PB > {VB1, VB2}, R > PC > {VC1}
 */
const built = buildDivisionTree([
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'PA', name: 'Prefecture A', parentCode: 'R', level: 'prefecture' },
  { code: 'VA1', name: 'Village A1', parentCode: 'PA', level: 'village' },
  { code: 'VA2', name: 'Village A2', parentCode: 'PA', level: 'village' },
  { code: 'VA3', name: 'Village A3', parentCode: 'PA', level: 'village' },
  { code: 'PB', name: 'Prefecture B', parentCode: 'R', level: 'prefecture' },
  { code: 'VB1', name: 'Village B1', parentCode: 'PB', level: 'village' },
  { code: 'VB2', name: 'Village B2', parentCode: 'PB', level: 'village' },
  { code: 'PC', name: 'Prefecture C', parentCode: 'R', level: 'prefecture' },
  { code: 'VC1', name: 'Village C1', parentCode: 'PC', level: 'village' },
]);
if (E.isLeft(built)) throw new Error('the disclosure test region is invalid');

export const disclosureRegion: DivisionTree = built.right;
/** The reference policy: suppressBelow 5, cumulative shares 0.25 for 2016 and 0.55 for 2017. */
export const disclosureContext: DecisionContext = { policy, divisions: disclosureRegion };
/** The whole tree in the order a subtree report of the root lists it (depth first). */
export const DISCLOSURE_DIVISIONS = ['R', 'PA', 'VA1', 'VA2', 'VA3', 'PB', 'VB1', 'VB2', 'PC', 'VC1'] as const;

/** One member born 1990 (working age throughout), full capacity, willing; identified on 2015-03-02, in the 2016 baseline. */
const identified = (h: string, village: string): HouseholdCommand[] => [
  c.register(h, '2015-01-05', village, [['m1', 1990]]),
  c.survey(h, '2015-01-06', member('m1', 'full', true)),
  c.apply(h, '2015-01-07'),
  c.identify(h, '2015-03-02'),
];

/** Employed on 1 June 2016 and cleared on 15 June; its June income recorded on 30 June. */
const clearedInJune = (h: string, form: string, income: number): HouseholdCommand[] => [
  c.employ(h, '2016-06-01', 'j1', form, 'local', income),
  c.clear(h, '2016-06-15'),
  c.income(h, '2016-06-30', 'j1', '2016-06', income),
];

/**
 * Fourteen one-member households, all identified on 2015-03-02 (so every one is in the
 * baseline and in every stock of 2016 until it is cleared); nothing else happens before
 * June 2016, and nothing at all after it.
 *
 * VA1 a1–a5  employed (enterprise, local) 06-01 and cleared 06-15; June incomes 1000, 1100, 1200, 1300, 1400
 * VA2 a6     employed (enterprise, local) 06-01 and cleared 06-15; June income 800
 *     a7     employed (enterprise, local) 2016-05-02, never cleared; June income 1500
 *     a8, a9 identified only
 * VA3        no household
 * VB1 b1     employed (enterprise, local) 06-01 and cleared 06-15; June income 2000
 * VB2 b2     identified only
 * VC1 c1–c3  identified only
 */
export const disclosureHouseholds: readonly (readonly HouseholdCommand[])[] = [
  ...[['a1', 1000], ['a2', 1100], ['a3', 1200], ['a4', 1300], ['a5', 1400]].map(([h, income]) => [
    ...identified(h as string, 'VA1'), ...clearedInJune(h as string, 'enterprise', income as number),
  ]),
  [...identified('a6', 'VA2'), ...clearedInJune('a6', 'enterprise', 800)],
  [...identified('a7', 'VA2'), c.employ('a7', '2016-05-02', 'j1', 'enterprise', 'local', 1500), c.income('a7', '2016-06-30', 'j1', '2016-06', 1500)],
  identified('a8', 'VA2'),
  identified('a9', 'VA2'),
  [...identified('b1', 'VB1'), ...clearedInJune('b1', 'enterprise', 2000)],
  identified('b2', 'VB2'),
  identified('c1', 'VC1'),
  identified('c2', 'VC1'),
  identified('c3', 'VC1'),
];

/**
 * A row written from a hand-worked list: `values` in the order of `fields` (null where
 * suppressed) and, for an analyst's row, the suppressed fields in the row's own order, a
 * derived figure (achievement, median, mean) after the counts (suppress.ts's list order);
 * without `suppressed`, the row as caseworkers and auditors get it.
 */
export const rowOf = (fields: readonly string[], fixed: object, division: string, values: readonly (number | null)[], suppressed?: readonly string[]): object => {
  if (values.length !== fields.length) throw new Error(`${division}: ${values.length} values for ${fields.length} fields`);
  return { division, ...fixed, ...Object.fromEntries(fields.map((f, i) => [f, values[i]])), ...(suppressed === undefined ? {} : { suppressed }) };
};

/**
 * Another log on the same region: `employedFamily` (@hearth/projections/testing) as f1 in
 * VA1: five members, each employed on 2016-06-01, the household cleared on 06-15, and each
 * member's June income (1000, 1100, 1200, 1300, 1400) recorded on 06-30. Every count of
 * members, employments or incomes in June is 5, from one family.
 */
export const oneFamilyHousehold: readonly HouseholdCommand[] = employedFamily('f1', 'VA1');
