import type { DivisionTree } from '@hearth/domain';
import type { Projection } from '../projection';
import { DivisionCountersProjection, divisionCountersProjection } from './division-counters.projection';
import { HouseholdStatusProjection } from './household-status.projection';
import { LaborConcernProjection } from './labor-concern.projection';
import { ProgressCountersProjection } from './progress-counters.projection';

/** Every projection the reports read, in the order the runner applies them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  HouseholdStatusProjection,
  LaborConcernProjection,
  DivisionCountersProjection,
  ProgressCountersProjection,
];

/**
 * Every projection the reports read, the division counters keeping their per-division
 * sums under `divisions`: the tree the process's reports roll up with (docs/decisions/0079).
 */
export const projectionsFor = (divisions: DivisionTree): readonly Projection[] =>
  ALL_PROJECTIONS.map((p) => (p === DivisionCountersProjection ? divisionCountersProjection(divisions) : p));
