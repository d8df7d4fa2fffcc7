import { endOfFebruary, Policy, yearOf } from '@hearth/domain';

/**
 * The annual survey-update deadline that has passed by `asOf` (domain.md §3): the end of
 * February of asOf's year once that day is over, else the previous year's; none before
 * the policy's first year.
 */
export const lastPassedDeadline = (asOf: string, policy: Policy): { year: number; deadline: string } | undefined => {
  const thisYear = yearOf(asOf);
  const year = asOf > endOfFebruary(thisYear) ? thisYear : thisYear - 1;
  return year >= policy.annualUpdateFromYear ? { year, deadline: endOfFebruary(year) } : undefined;
};
