import * as E from 'fp-ts/Either';
import { buildDivisionTree, DecisionContext, DivisionTree, referencePolicy } from '@hearth/domain';

/**
 * A small region: R > P1 > C1 > {T1 > {V1, V2}, T2 > {V3}}, and a second county
 * C2 > T3 > V4, so that every level has a division with more than one child somewhere.
 */
const built = buildDivisionTree([
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'P1', name: 'Prefecture', parentCode: 'R', level: 'prefecture' },
  { code: 'C1', name: 'County one', parentCode: 'P1', level: 'county' },
  { code: 'C2', name: 'County two', parentCode: 'P1', level: 'county' },
  { code: 'T1', name: 'Township one', parentCode: 'C1', level: 'township' },
  { code: 'T2', name: 'Township two', parentCode: 'C1', level: 'township' },
  { code: 'T3', name: 'Township three', parentCode: 'C2', level: 'township' },
  { code: 'V1', name: 'Village one', parentCode: 'T1', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'T1', level: 'village' },
  { code: 'V3', name: 'Village three', parentCode: 'T2', level: 'village' },
  { code: 'V4', name: 'Village four', parentCode: 'T3', level: 'village' },
]);
if (E.isLeft(built)) throw new Error('test region is invalid');

export const region: DivisionTree = built.right;
export const VILLAGES = ['V1', 'V2', 'V3', 'V4'] as const;
export const policy = referencePolicy;
export const context: DecisionContext = { policy, divisions: region };
