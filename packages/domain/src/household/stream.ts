/** One stream per household (domain.md §4). */
export const HOUSEHOLD_STREAM_PREFIX = 'household-';
export const householdStream = (householdId: string): string => `${HOUSEHOLD_STREAM_PREFIX}${householdId}`;
export const householdIdOf = (streamId: string): string | undefined =>
  streamId.startsWith(HOUSEHOLD_STREAM_PREFIX) ? streamId.slice(HOUSEHOLD_STREAM_PREFIX.length) : undefined;
