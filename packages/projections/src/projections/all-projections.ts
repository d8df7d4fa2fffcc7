import type { Projection } from '../projection';
import { CaseActivityProjection } from './case-activity.projection';
import { DivisionCountersProjection } from './division-counters.projection';
import { HouseholdStatusProjection } from './household-status.projection';
import { LaborConcernProjection } from './labor-concern.projection';
import { MemberEligibilityProjection } from './member-eligibility.projection';
import { ProgressCountersProjection } from './progress-counters.projection';

/** Every projection the reports read, in the order the runner applies them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  HouseholdStatusProjection,
  LaborConcernProjection,
  MemberEligibilityProjection,
  CaseActivityProjection,
  DivisionCountersProjection,
  ProgressCountersProjection,
];
