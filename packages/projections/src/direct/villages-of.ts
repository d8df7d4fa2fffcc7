import type { Fact } from '@hearth/domain';

/**
 * The villages a household's corrected facts place it in, in stream order: its
 * registration's, then each transfer's destination. The first is where it is before any
 * transfer; together they are every division whose reports it can count in.
 */
export const villagesOf = (facts: readonly Fact[]): string[] => {
  const out: string[] = [];
  for (const { event } of facts) {
    if (event.type === 'HouseholdRegistered') out.push(event.data.divisionCode);
    else if (event.type === 'HouseholdTransferred') out.push(event.data.to);
  }
  return out;
};
