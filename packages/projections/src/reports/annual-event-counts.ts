import type { AnnualCounts } from './read-models';

/** The annual counts of domain.md §5.1 that count events of a type in the year, by event type. */
export const IN_YEAR: Readonly<Record<string, keyof AnnualCounts>> = {
  HouseholdIdentified: 'identifiedInYear',
  HouseholdCleared: 'clearedInYear',
  HouseholdRelapsed: 'relapsedInYear',
  HouseholdWithdrew: 'withdrawnInYear',
  HouseholdExempted: 'exemptedInYear',
  HouseholdDeregistered: 'deregisteredInYear',
};
